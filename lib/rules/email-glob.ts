// Layer 2 EMAIL matching. Only `*` is special (zero or more characters);
// every other character — `.`, `+`, `@`, `?`, `[` … — is literal.
//
// Deliberately not a regular expression: patterns can arrive in a hostile
// `/establish` body, and translating `*` to `.*` invites catastrophic
// backtracking on inputs like `*a*a*a*a*…b`. Splitting on `*` and placing
// each literal piece greedily is exact for this glob dialect and costs at
// most O(pattern × email) — with no backtracking at all.

/**
 * Whether `email` matches `pattern`. Both are trimmed and lowercased first.
 * An empty email matches nothing: there is no identity to admit.
 */
export function emailGlobMatches(pattern: string, email: string): boolean {
  const glob = pattern.trim().toLowerCase();
  const subject = email.trim().toLowerCase();
  if (glob === "" || subject === "") return false;

  const pieces = glob.split("*");
  if (pieces.length === 1) return glob === subject;

  // With at least one star the pattern reads: head * middle… * tail.
  const head = pieces[0] ?? "";
  const tail = pieces[pieces.length - 1] ?? "";
  // Head and tail must fit side by side without sharing characters.
  if (head.length + tail.length > subject.length) return false;
  if (!subject.startsWith(head) || !subject.endsWith(tail)) return false;

  // Each middle piece goes at its leftmost position after the previous one.
  // Leftmost is always safe: it leaves the most room for what follows, so if
  // any placement works, this one does.
  const limit = subject.length - tail.length;
  let cursor = head.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i] ?? "";
    if (piece === "") continue; // consecutive stars
    const at = subject.indexOf(piece, cursor);
    if (at === -1 || at + piece.length > limit) return false;
    cursor = at + piece.length;
  }
  return true;
}

/** Whether any of `emails` matches any of `patterns` (OR over both). */
export function anyEmailMatches(patterns: readonly string[], emails: readonly string[]): boolean {
  return emails.some((email) => patterns.some((pattern) => emailGlobMatches(pattern, email)));
}
