import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  ACCESS_TOKEN_TTL_DEFAULT_SECONDS,
  ACCESS_TOKEN_TTL_MAX_SECONDS,
  ACCESS_TOKEN_TTL_MIN_SECONDS,
  REFRESH_TOKEN_TTL_DEFAULT_SECONDS,
  REFRESH_TOKEN_TTL_MAX_SECONDS,
  REFRESH_TOKEN_TTL_MIN_SECONDS,
  checkAuthenticationMethod,
  checkRealize,
  foldTokenTtls,
  matchingReturnRules,
  type TtlOverrides,
} from "@/lib/rules";
import { authConstraint, authRule, declaration, realizeRule, returnRule } from "./helpers";

describe("TTL bounds table (docs: Tokens and verification)", () => {
  const table: Array<[string, number, number]> = [
    ["access default (3 hours)", ACCESS_TOKEN_TTL_DEFAULT_SECONDS, 10_800],
    ["access minimum (60 seconds)", ACCESS_TOKEN_TTL_MIN_SECONDS, 60],
    ["access maximum (7 days)", ACCESS_TOKEN_TTL_MAX_SECONDS, 604_800],
    ["refresh default (30 days)", REFRESH_TOKEN_TTL_DEFAULT_SECONDS, 2_592_000],
    ["refresh minimum (1 day)", REFRESH_TOKEN_TTL_MIN_SECONDS, 86_400],
    ["refresh maximum (365 days)", REFRESH_TOKEN_TTL_MAX_SECONDS, 31_536_000],
  ];
  for (const [name, actual, expected] of table) {
    it(name, () => assert.equal(actual, expected));
  }
});

describe("foldTokenTtls", () => {
  const table: Array<[string, TtlOverrides[], number, number]> = [
    ["no sources → defaults", [], 10_800, 2_592_000],
    ["only nulls and absences → defaults", [{}, { accessTokenTtlSeconds: null, refreshTokenTtlSeconds: null }], 10_800, 2_592_000],
    ["one access override", [{ accessTokenTtlSeconds: 3_600 }], 3_600, 2_592_000],
    ["minimum wins", [{ accessTokenTtlSeconds: 7_200 }, { accessTokenTtlSeconds: 3_600 }, { accessTokenTtlSeconds: 5_400 }], 3_600, 2_592_000],
    ["minimum wins for refresh too", [{ refreshTokenTtlSeconds: 604_800 }, { refreshTokenTtlSeconds: 172_800 }], 10_800, 172_800],
    [
      "nulls do not count as zero",
      [{ accessTokenTtlSeconds: null }, { accessTokenTtlSeconds: 900, refreshTokenTtlSeconds: null }],
      900,
      2_592_000,
    ],
    ["an override longer than the default still applies", [{ accessTokenTtlSeconds: 86_400 }], 86_400, 2_592_000],
    ["refresh raised to at least access", [{ accessTokenTtlSeconds: 604_800, refreshTokenTtlSeconds: 86_400 }], 604_800, 604_800],
    ["refresh default is kept when already longer", [{ accessTokenTtlSeconds: 604_800 }], 604_800, 2_592_000],
    ["access below the minimum is clamped", [{ accessTokenTtlSeconds: 10 }], 60, 2_592_000],
    ["access above the maximum is clamped", [{ accessTokenTtlSeconds: 10_000_000 }], 604_800, 2_592_000],
    ["refresh below the minimum is clamped", [{ refreshTokenTtlSeconds: 1 }], 10_800, 86_400],
    ["refresh above the maximum is clamped", [{ refreshTokenTtlSeconds: 99_999_999 }], 10_800, 31_536_000],
    ["non-finite values are ignored", [{ accessTokenTtlSeconds: Number.NaN, refreshTokenTtlSeconds: Number.POSITIVE_INFINITY }], 10_800, 2_592_000],
    ["negative values clamp to the minimum", [{ accessTokenTtlSeconds: -5 }], 60, 2_592_000],
  ];
  for (const [name, sources, access, refresh] of table) {
    it(name, () => assert.deepEqual(foldTokenTtls(sources), { accessTokenTtlSeconds: access, refreshTokenTtlSeconds: refresh }));
  }
});

describe("fold across layers and sources (docs: a Layer 1 rule and a per-inquiry constraint)", () => {
  it("collects every matching record and takes the strictest", () => {
    const l1 = authRule("EMAIL_VERIFICATION", {}, { accessTokenTtlSeconds: 7_200 });
    const l1Other = authRule("PASSKEY_REASONED", {}, { accessTokenTtlSeconds: 60 }); // not used in this login
    const l1Narrowing = authConstraint("EMAIL_VERIFICATION", {}, { accessTokenTtlSeconds: 1_800 });
    const l2 = realizeRule("EMAIL", { allowedEmails: ["*@example.com"] }, { refreshTokenTtlSeconds: 604_800 });
    const l3 = returnRule("CALLBACK", { allowedCallbackDomains: ["client.example.com"] }, { refreshTokenTtlSeconds: 259_200 });
    const l3Unused = returnRule("STATUS_POLL", {}, { refreshTokenTtlSeconds: 86_400 });

    const layer1 = checkAuthenticationMethod([l1, l1Other], [l1Narrowing], { method: "EMAIL_VERIFICATION" });
    const layer2 = checkRealize([l2], undefined, { verifiedEmails: ["alice@example.com"] });
    const layer3 = matchingReturnRules([l3, l3Unused], [declaration("CALLBACK", { callbackUrl: "https://client.example.com/r" })], "CALLBACK");
    assert.ok(layer1.allowed && layer2.allowed);

    const ttls = foldTokenTtls([
      ...layer1.matchedRules,
      ...layer1.matchedConstraints,
      ...layer2.matchedRules,
      ...layer2.matchedConstraints,
      ...layer3,
    ]);
    assert.deepEqual(ttls, { accessTokenTtlSeconds: 1_800, refreshTokenTtlSeconds: 259_200 });
  });
});
