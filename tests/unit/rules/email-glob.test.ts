import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { emailGlobMatches } from "@/lib/rules";

// Reference matcher: textbook dynamic programming over (pattern, subject)
// prefixes. Slow but obviously right; used to cross-check the fast one.
function referenceMatch(pattern: string, email: string): boolean {
  const p = pattern.trim().toLowerCase();
  const s = email.trim().toLowerCase();
  if (p === "" || s === "") return false;
  let row: boolean[] = Array.from({ length: s.length + 1 }, (_, j) => j === 0);
  for (const ch of p) {
    const next: boolean[] = Array.from({ length: s.length + 1 }, () => false);
    next[0] = ch === "*" && row[0] === true;
    for (let j = 1; j <= s.length; j++) {
      next[j] = ch === "*" ? row[j] === true || next[j - 1] === true : row[j - 1] === true && s[j - 1] === ch;
    }
    row = next;
  }
  return row[s.length] === true;
}

describe("emailGlobMatches — documented pattern table", () => {
  const table: Array<[pattern: string, email: string, expected: boolean, why: string]> = [
    ["alice@example.com", "alice@example.com", true, "exact email"],
    ["alice@example.com", "bob@example.com", false, "exact email, different local part"],
    ["*@example.com", "bob@example.com", true, "any address on the domain"],
    ["*@example.com", "alice@example.com", true, "any address on the domain"],
    ["*@example.com", "bob@sub.example.com", false, "subdomain is a different domain"],
    ["*@example.com", "bob@example.com.evil.test", false, "suffix must end the address"],
    ["*@example.com", "attacker@other.com", false, "other domain"],
    ["alice+*@example.com", "alice+news@example.com", true, "plus-tagged variant"],
    ["alice+*@example.com", "alice+@example.com", true, "star matches zero characters"],
    ["alice+*@example.com", "alice@example.com", false, "the + is literal and required"],
    ["alice+*@example.com", "bob+news@example.com", false, "different local part"],
    ["*", "anyone@anywhere.test", true, "star alone matches any email"],
    ["*", "x@y", true, "star alone matches any email"],
  ];
  for (const [pattern, email, expected, why] of table) {
    it(`${pattern} vs ${email} → ${expected} (${why})`, () => {
      assert.equal(emailGlobMatches(pattern, email), expected);
    });
  }
});

describe("emailGlobMatches — normalisation", () => {
  it("is case-insensitive on both sides", () => {
    assert.equal(emailGlobMatches("*@Example.COM", "ALICE@example.com"), true);
    assert.equal(emailGlobMatches("Alice@Example.com", "alice@EXAMPLE.com"), true);
  });
  it("trims both sides", () => {
    assert.equal(emailGlobMatches("  *@example.com ", "\talice@example.com \n"), true);
  });
  it("an empty email or pattern matches nothing", () => {
    assert.equal(emailGlobMatches("*", ""), false);
    assert.equal(emailGlobMatches("*", "   "), false);
    assert.equal(emailGlobMatches("", "alice@example.com"), false);
  });
});

describe("emailGlobMatches — only * is special", () => {
  const table: Array<[string, string, boolean]> = [
    ["alice@example.com", "alice@exampleXcom", false], // . is not "any char"
    ["a?c@x.com", "abc@x.com", false], // ? is literal
    ["a?c@x.com", "a?c@x.com", true],
    ["[ab]@x.com", "a@x.com", false], // [ is literal
    ["[ab]@x.com", "[ab]@x.com", true],
    ["a.+@x.com", "aaa@x.com", false], // regex syntax means nothing
    ["a.+@x.com", "a.+@x.com", true],
    ["^alice$@x.com", "^alice$@x.com", true],
    ["(a|b)@x.com", "a@x.com", false],
    ["\\d@x.com", "\\d@x.com", true],
  ];
  for (const [pattern, email, expected] of table) {
    it(`${pattern} vs ${email} → ${expected}`, () => {
      assert.equal(emailGlobMatches(pattern, email), expected);
    });
  }
});

describe("emailGlobMatches — star placement", () => {
  const table: Array<[string, string, boolean]> = [
    ["a*a", "a", false], // head and tail cannot share a character
    ["a*a", "aa", true],
    ["ab*ba", "aba", false],
    ["ab*ba", "abba", true],
    ["*b*a*", "ab", false], // middle pieces keep their order
    ["*b*a*", "ba", true],
    ["**@x.com", "q@x.com", true], // consecutive stars
    ["*@*.*", "q@x.com", true],
    ["*@*.*", "q@xcom", false],
    ["a*b*c", "a-c-b-c", true],
    ["a*b*c", "a-c-c", false],
  ];
  for (const [pattern, email, expected] of table) {
    it(`${pattern} vs ${email} → ${expected}`, () => {
      assert.equal(emailGlobMatches(pattern, email), expected);
    });
  }

  it("agrees with a reference matcher on many generated cases", () => {
    // Deterministic generator so a failure is reproducible.
    let seed = 0x2545f491;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const word = (alphabet: string, max: number) =>
      Array.from({ length: rand(max + 1) }, () => alphabet[rand(alphabet.length)]).join("");
    let disagreements = 0;
    let matches = 0;
    for (let i = 0; i < 4000; i++) {
      const pattern = word("ab*", 7);
      const email = word("ab", 9);
      const expected = referenceMatch(pattern, email);
      if (expected) matches++;
      if (emailGlobMatches(pattern, email) !== expected) disagreements++;
    }
    assert.equal(disagreements, 0);
    assert.ok(matches > 100, "the generator must produce matching cases too");
  });
});

describe("emailGlobMatches — hostile inputs stay cheap", () => {
  // A backtracking regex translation of these patterns would take
  // exponential time; the expected answers prove the matcher finished
  // with the right result.
  const longA = "a".repeat(20_000);
  it("many stars, no match", () => {
    const pattern = `${"a*".repeat(150)}b`;
    assert.equal(emailGlobMatches(pattern, `${longA}@x.com`), false);
  });
  it("many stars, match at the very end", () => {
    const pattern = `${"*a".repeat(150)}*b`;
    assert.equal(emailGlobMatches(pattern, `${longA}b`), true);
  });
  it("320-character pattern of alternating stars against a long address", () => {
    const pattern = "*a".repeat(160);
    assert.equal(pattern.length, 320);
    assert.equal(emailGlobMatches(pattern, longA), true);
    assert.equal(emailGlobMatches(pattern, "a".repeat(159)), false);
  });
});
