// The CLI names an organization by its display name; the anchor is derived
// from it deterministically, so running the same command twice finds the
// same organization instead of creating a second one.
import { isAnchor } from "../applications/anchor";

// Letters that Unicode decomposition does not reduce to ASCII.
const LIGATURES: Record<string, string> = { ß: "ss", æ: "ae", œ: "oe", ø: "o", ł: "l", đ: "d", þ: "th" };
const MAX_LENGTH = 64;

/** `"Acme, Inc."` → `acme-inc`; null when the name has no ASCII letters or digits at all. */
export function deriveOrganizationAnchor(name: string): string | null {
  const slug = name
    .toLowerCase()
    .replace(/[ßæœøłđþ]/g, (letter) => LIGATURES[letter] ?? letter)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug === "") return null;
  // Anchors start with a letter and have at least 3 characters: "42 Labs" → org-42-labs, "AB" → org-ab.
  const prefixed = /^[a-z]/.test(slug) && slug.length >= 3 ? slug : `org-${slug}`;
  const anchor = prefixed.slice(0, MAX_LENGTH).replace(/-+$/, "");
  return isAnchor(anchor) ? anchor : null;
}
