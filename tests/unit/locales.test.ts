import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { negotiateLocale, isLocale } from "@/lib/i18n/locales";

describe("negotiateLocale", () => {
  const cases: [string | null, string][] = [
    [null, "en-US"],
    ["", "en-US"],
    ["de-DE", "de-DE"],
    ["de", "de-DE"],
    ["de-AT,de;q=0.9,en;q=0.8", "de-DE"],
    ["fr-CA;q=0.5, en-GB;q=0.9", "en-US"],
    ["fr-CA;q=0.9, en-GB;q=0.5", "fr-FR"],
    ["ja-JP, ko", "en-US"],
    ["*;q=0.1", "en-US"],
    ["de;q=0, fr", "fr-FR"],
  ];
  for (const [header, expected] of cases) {
    it(`${JSON.stringify(header)} -> ${expected}`, () => assert.equal(negotiateLocale(header), expected));
  }
  it("recognizes only supported locales", () => {
    assert.equal(isLocale("de-DE"), true);
    assert.equal(isLocale("de"), false);
    assert.equal(isLocale(42), false);
  });
});
