import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatUserCode, normalizeUserCode, USER_CODE_ALPHABET, USER_CODE_PATTERN } from "@/lib/device/user-code";

describe("device user codes", () => {
  it("uses the spec's alphabet: Crockford base32 without I, L, O, U", () => {
    assert.equal(USER_CODE_ALPHABET, "0123456789ABCDEFGHJKMNPQRSTVWXYZ");
    assert.equal(new Set(USER_CODE_ALPHABET).size, 32);
    assert.ok(USER_CODE_PATTERN.test(formatUserCode("WDJBMJHT")));
  });

  it("forgives case, spaces and hyphens, and the letters people mistake for digits", () => {
    assert.equal(normalizeUserCode("WDJB-MJHT"), "WDJB-MJHT");
    assert.equal(normalizeUserCode("wdjb-mjht"), "WDJB-MJHT");
    assert.equal(normalizeUserCode(" wdjb mjht "), "WDJB-MJHT");
    assert.equal(normalizeUserCode("WDJBMJHT"), "WDJB-MJHT");
    assert.equal(normalizeUserCode("W-D-J-B-M-J-H-T"), "WDJB-MJHT");
    assert.equal(normalizeUserCode("WDJB–MJHT"), "WDJB-MJHT", "an en dash pasted from a document");
    assert.equal(normalizeUserCode("o0iI-lL1a"), "0011-111A");
  });

  it("refuses what cannot be a code", () => {
    for (const input of ["", "WDJB-MJH", "WDJB-MJHTX", "WDJB-MJHU", "WDJB_MJHT", "WDJB-MJH!", "ÄDJB-MJHT", null, 12345678, "W".repeat(100)]) {
      assert.equal(normalizeUserCode(input), null, String(input));
    }
  });
});
