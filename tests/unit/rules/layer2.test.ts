import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkRealize, type RealizeIdentity } from "@/lib/rules";
import { realizeConstraint, realizeRule } from "./helpers";

const emailOnly = (...verifiedEmails: string[]): RealizeIdentity => ({ verifiedEmails });
const ALIAS = "quiet-meadow-7h2k-9m4p-3fnp-falcon";
const SUBJECT = "sub_9SQ5535CRWNDDM2T";
const STEAM = "76561198000000000";

describe("Layer 2 worked example (docs)", () => {
  const appRules = [realizeRule("EMAIL", { allowedEmails: ["*@example.com"] })];
  const constraints = [realizeConstraint("EMAIL", { allowedEmails: ["admin@example.com"] })];
  const table: Array<[email: string, appAllows: boolean, result: "realized" | "rejected"]> = [
    ["admin@example.com", true, "realized"],
    ["alice@example.com", true, "rejected"],
    ["attacker@other.com", false, "rejected"],
  ];
  for (const [email, appAllows, result] of table) {
    it(`${email}: app ${appAllows ? "yes" : "no"} → ${result}`, () => {
      assert.equal(checkRealize(appRules, undefined, emailOnly(email)).allowed, appAllows);
      assert.equal(checkRealize(appRules, constraints, emailOnly(email)).allowed, result === "realized");
    });
  }
});

describe("default-deny and AND across sources", () => {
  it("no application rules → deny, even for an identity a constraint names", () => {
    assert.deepEqual(checkRealize([], undefined, emailOnly("admin@example.com")), { allowed: false });
    const constraints = [realizeConstraint("EMAIL", { allowedEmails: ["admin@example.com"] })];
    assert.deepEqual(checkRealize([], constraints, emailOnly("admin@example.com")), { allowed: false });
  });
  it("constraints never widen what the application allows", () => {
    const appRules = [realizeRule("EMAIL", { allowedEmails: ["*@example.com"] })];
    const constraints = [realizeConstraint("EMAIL", { allowedEmails: ["*"] })];
    assert.equal(checkRealize(appRules, constraints, emailOnly("someone@other.com")).allowed, false);
  });
  it("an empty constraints array fails closed", () => {
    assert.equal(checkRealize([realizeRule("EVERYONE")], [], emailOnly("a@b.c")).allowed, false);
  });
  it("reports all matching records from each source", () => {
    const email = realizeRule("EMAIL", { allowedEmails: ["*@example.com"] }, { accessTokenTtlSeconds: 900 });
    const everyone = realizeRule("EVERYONE");
    const steam = realizeRule("STEAM_ID", { allowedSteamIds: ["*"] });
    const c = realizeConstraint("EMAIL", { allowedEmails: ["alice@example.com"] });
    const result = checkRealize([email, steam, everyone], [c], emailOnly("alice@example.com"));
    assert.deepEqual(result, { allowed: true, matchedRules: [email, everyone], matchedConstraints: [c] });
  });
});

describe("EMAIL checks every verified email the account owns", () => {
  const appRules = [realizeRule("EMAIL", { allowedEmails: ["*@corp.example", "alice+*@example.com"] })];
  const table: Array<[string, string[], boolean]> = [
    ["primary email matches", ["bob@corp.example"], true],
    ["a secondary email matches", ["bob@gmail.test", "bob@corp.example"], true],
    ["second pattern matches", ["alice+ci@example.com"], true],
    ["case and whitespace are normalised", ["  BOB@Corp.Example "], true],
    ["no email matches", ["bob@gmail.test", "alice@example.com"], false],
    ["no verified email at all fails closed", [], false],
  ];
  for (const [name, verifiedEmails, allowed] of table) {
    it(name, () => assert.equal(checkRealize(appRules, undefined, { verifiedEmails }).allowed, allowed));
  }
  it("a Steam-only account is rejected by an EMAIL-only Layer 2", () => {
    assert.equal(checkRealize([realizeRule("EMAIL", { allowedEmails: ["*"] })], undefined, { verifiedEmails: [], steamId64: STEAM }).allowed, false);
  });
});

describe("STEAM_ID semantics", () => {
  const exact = realizeRule("STEAM_ID", { allowedSteamIds: ["76561198000000000", "76561198000000001"] });
  const wildcard = realizeRule("STEAM_ID", { allowedSteamIds: ["*"] });
  const table: Array<[string, ReturnType<typeof realizeRule>, string | null | undefined, boolean]> = [
    ["exact match", exact, "76561198000000001", true],
    ["different id", exact, "76561198000000002", false],
    ["prefix is not a match", exact, "7656119800000000", false],
    ["padded id is not a match", exact, "076561198000000000", false],
    ["absent id", exact, undefined, false],
    ["* matches any verified id", wildcard, "76561198999999999", true],
    ["* does not match an absent id", wildcard, undefined, false],
    ["* does not match a null id", wildcard, null, false],
    ["* does not match an empty id", wildcard, "", false],
  ];
  for (const [name, rule, steamId64, allowed] of table) {
    it(name, () => assert.equal(checkRealize([rule], undefined, { verifiedEmails: [], steamId64 }).allowed, allowed));
  }
});

describe("ACCOUNT_ALIAS and SECTOR_SUBJECT are exact, wildcard-free, and never match absent values", () => {
  const alias = realizeRule("ACCOUNT_ALIAS", { allowedAccountAliases: [ALIAS, "bold-harbor-2x4q-8m1p-5kna-otter"] });
  const subject = realizeRule("SECTOR_SUBJECT", { allowedSectorSubjects: [SUBJECT, "sub_4K2P8M1N7QRWXY3Z"] });
  const starAlias = realizeRule("ACCOUNT_ALIAS", { allowedAccountAliases: ["*"] });
  const starSubject = realizeRule("SECTOR_SUBJECT", { allowedSectorSubjects: ["*"] });
  const table: Array<[string, ReturnType<typeof realizeRule>, Partial<RealizeIdentity>, boolean]> = [
    ["alias exact match", alias, { accountAlias: ALIAS }, true],
    ["alias differs in case", alias, { accountAlias: ALIAS.toUpperCase() }, false],
    ["alias with whitespace", alias, { accountAlias: ` ${ALIAS}` }, false],
    ["alias absent", alias, {}, false],
    ["alias null", alias, { accountAlias: null }, false],
    ["alias empty", alias, { accountAlias: "" }, false],
    ["alias '*' is literal", starAlias, { accountAlias: ALIAS }, false],
    ["alias '*' does not match an absent alias", starAlias, {}, false],
    ["subject exact match", subject, { sectorSubject: SUBJECT }, true],
    ["subject differs in case", subject, { sectorSubject: SUBJECT.toLowerCase() }, false],
    ["subject absent", subject, {}, false],
    ["subject null", subject, { sectorSubject: null }, false],
    ["subject '*' is literal", starSubject, { sectorSubject: SUBJECT }, false],
    ["alias rule does not look at the subject", alias, { sectorSubject: ALIAS }, false],
    ["subject rule does not look at the alias", subject, { accountAlias: SUBJECT }, false],
  ];
  for (const [name, rule, identity, allowed] of table) {
    it(name, () => assert.equal(checkRealize([rule], undefined, { verifiedEmails: ["x@example.com"], ...identity }).allowed, allowed));
  }
});

describe("EVERYONE", () => {
  it("admits an account with no email, no Steam id, no alias", () => {
    const result = checkRealize([realizeRule("EVERYONE")], undefined, { verifiedEmails: [] });
    assert.equal(result.allowed, true);
  });
  it("dominates other rules through OR", () => {
    const appRules = [realizeRule("EMAIL", { allowedEmails: ["*@example.com"] }), realizeRule("EVERYONE")];
    assert.equal(checkRealize(appRules, undefined, emailOnly("stranger@other.test")).allowed, true);
  });
  it("is still narrowed by an inquiry constraint", () => {
    const constraints = [realizeConstraint("EMAIL", { allowedEmails: ["admin@example.com"] })];
    assert.equal(checkRealize([realizeRule("EVERYONE")], constraints, { verifiedEmails: [] }).allowed, false);
    assert.equal(checkRealize([realizeRule("EVERYONE")], constraints, emailOnly("admin@example.com")).allowed, true);
  });
});
