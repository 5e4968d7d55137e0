import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isAnchor } from "@/lib/applications/anchor";
import { deriveOrganizationAnchor } from "@/lib/admin/organization-anchor";

describe("organization anchor derivation", () => {
  it("lowercases and joins words with single hyphens", () => {
    assert.equal(deriveOrganizationAnchor("Acme, Inc."), "acme-inc");
    assert.equal(deriveOrganizationAnchor("  Acme   Widgets  "), "acme-widgets");
    assert.equal(deriveOrganizationAnchor("acme--widgets__team"), "acme-widgets-team");
  });

  it("maps the same name spelled differently to the same anchor (so it is reused)", () => {
    assert.equal(deriveOrganizationAnchor("ACME inc"), deriveOrganizationAnchor("Acme, Inc."));
  });

  it("folds accents and ligatures to ASCII", () => {
    assert.equal(deriveOrganizationAnchor("Café Noir"), "cafe-noir");
    assert.equal(deriveOrganizationAnchor("Straße & Søn"), "strasse-son");
    assert.equal(deriveOrganizationAnchor("Œuvre Ærø"), "oeuvre-aero");
  });

  it("prefixes org- when the name starts with a digit or is too short", () => {
    assert.equal(deriveOrganizationAnchor("42 Labs"), "org-42-labs");
    assert.equal(deriveOrganizationAnchor("AB"), "org-ab");
    assert.equal(deriveOrganizationAnchor("7"), "org-7");
  });

  it("cuts long names to 64 characters without a trailing hyphen", () => {
    const anchor = deriveOrganizationAnchor(`${"a".repeat(63)} b c`);
    assert.equal(anchor, "a".repeat(63));
    const long = deriveOrganizationAnchor("word ".repeat(40));
    assert.ok(long && long.length <= 64 && !long.endsWith("-"));
  });

  it("gives null when nothing ASCII remains", () => {
    assert.equal(deriveOrganizationAnchor("日本企業"), null);
    assert.equal(deriveOrganizationAnchor("!!! ---"), null);
    assert.equal(deriveOrganizationAnchor(""), null);
  });

  it("always yields a valid anchor when it yields one", () => {
    for (const name of ["Acme", "x", "9", "Ünïcödé Co", "a-b", "The  --  Company", "A".repeat(200), "1-2-3"]) {
      const anchor = deriveOrganizationAnchor(name);
      if (anchor !== null) assert.ok(isAnchor(anchor), `${name} -> ${anchor}`);
    }
  });
});
