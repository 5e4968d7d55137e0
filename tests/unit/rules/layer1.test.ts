import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  allowedAuthenticationMethods,
  checkAuthenticationMethod,
  gitHubOrgGatingRequested,
  type AuthenticationMethod,
} from "@/lib/rules";
import { authConstraint, authRule } from "./helpers";

const methodsOf = (options: Array<{ method: AuthenticationMethod }>) => options.map((option) => option.method);

describe("Layer 1 worked example (docs)", () => {
  // App: PASSKEY_REASONED + EMAIL_VERIFICATION; admin inquiry narrows to PASSKEY_REASONED.
  const appRules = [authRule("PASSKEY_REASONED"), authRule("EMAIL_VERIFICATION")];
  const constraints = [authConstraint("PASSKEY_REASONED")];
  const table: Array<[method: AuthenticationMethod, appAllows: boolean, inquiryAllows: boolean, offered: boolean]> = [
    ["PASSKEY_REASONED", true, true, true],
    ["EMAIL_VERIFICATION", true, false, false],
  ];
  for (const [method, appAllows, inquiryAllows, offered] of table) {
    it(`${method}: app ${appAllows ? "yes" : "no"}, inquiry ${inquiryAllows ? "yes" : "no"} → ${offered ? "offered" : "hidden"}`, () => {
      assert.equal(checkAuthenticationMethod(appRules, undefined, { method }).allowed, appAllows);
      assert.equal(checkAuthenticationMethod(appRules, constraints, { method }).allowed, offered);
      assert.equal(methodsOf(allowedAuthenticationMethods(appRules, constraints)).includes(method), offered);
    });
  }
  it("the user sees only passkey for this inquiry, both without narrowing", () => {
    assert.deepEqual(methodsOf(allowedAuthenticationMethods(appRules, constraints)), ["PASSKEY_REASONED"]);
    assert.deepEqual(methodsOf(allowedAuthenticationMethods(appRules, undefined)), ["PASSKEY_REASONED", "EMAIL_VERIFICATION"]);
  });
});

describe("default-deny and AND across sources", () => {
  it("zero application rules allow nothing, even with matching constraints", () => {
    assert.deepEqual(allowedAuthenticationMethods([], undefined), []);
    assert.deepEqual(allowedAuthenticationMethods([], [authConstraint("EMAIL_VERIFICATION")]), []);
    assert.deepEqual(checkAuthenticationMethod([], undefined, { method: "EMAIL_VERIFICATION" }), { allowed: false });
    assert.deepEqual(checkAuthenticationMethod([], [authConstraint("EMAIL_VERIFICATION")], { method: "EMAIL_VERIFICATION" }), {
      allowed: false,
    });
  });
  it("constraints never widen: a method only the inquiry names stays denied", () => {
    const appRules = [authRule("PASSKEY_REASONED")];
    const constraints = [authConstraint("EMAIL_VERIFICATION")];
    assert.equal(checkAuthenticationMethod(appRules, constraints, { method: "EMAIL_VERIFICATION" }).allowed, false);
    assert.equal(checkAuthenticationMethod(appRules, constraints, { method: "PASSKEY_REASONED" }).allowed, false);
    assert.deepEqual(allowedAuthenticationMethods(appRules, constraints), []);
  });
  it("an empty constraints array (never valid on the wire) fails closed", () => {
    assert.equal(checkAuthenticationMethod([authRule("PASSKEY_REASONED")], [], { method: "PASSKEY_REASONED" }).allowed, false);
  });
  it("a method the application does not list is denied", () => {
    assert.equal(checkAuthenticationMethod([authRule("PASSKEY_REASONED")], undefined, { method: "GOOGLE_OAUTH" }).allowed, false);
  });
  it("the two passkey methods are independent", () => {
    const appRules = [authRule("PASSKEY_USERNAMELESS")];
    assert.equal(checkAuthenticationMethod(appRules, undefined, { method: "PASSKEY_USERNAMELESS" }).allowed, true);
    assert.equal(checkAuthenticationMethod(appRules, undefined, { method: "PASSKEY_REASONED" }).allowed, false);
  });
});

describe("matched rules and constraints are reported for the TTL fold", () => {
  it("returns every matching record from each source, and [] constraints when not narrowed", () => {
    const a = authRule("EMAIL_VERIFICATION", {}, { accessTokenTtlSeconds: 600 });
    const b = authRule("EMAIL_VERIFICATION", {}, { accessTokenTtlSeconds: 1200 });
    const other = authRule("PASSKEY_REASONED");
    const c = authConstraint("EMAIL_VERIFICATION", {}, { refreshTokenTtlSeconds: 90_000 });
    const narrowed = checkAuthenticationMethod([a, other, b], [c], { method: "EMAIL_VERIFICATION" });
    assert.deepEqual(narrowed, { allowed: true, matchedRules: [a, b], matchedConstraints: [c] });
    const open = checkAuthenticationMethod([a, other, b], undefined, { method: "EMAIL_VERIFICATION" });
    assert.deepEqual(open, { allowed: true, matchedRules: [a, b], matchedConstraints: [] });
  });
  it("keeps extra fields of the caller's rule objects (e.g. stored ids)", () => {
    const stored = { id: "rule-1", ...authRule("GOOGLE_OAUTH") };
    const result = checkAuthenticationMethod([stored], undefined, { method: "GOOGLE_OAUTH" });
    assert.equal(result.allowed && result.matchedRules[0]?.id, "rule-1");
  });
});

describe("display order and deduplication", () => {
  it("lists each method once, in vocabulary order, whatever the rule order", () => {
    const appRules = [
      authRule("X_OAUTH"),
      authRule("EMAIL_VERIFICATION"),
      authRule("GOOGLE_OAUTH"),
      authRule("EMAIL_VERIFICATION"),
      authRule("PASSKEY_USERNAMELESS"),
      authRule("ENTERPRISE_FEDERATION_DOMAIN_MANAGED"),
      authRule("GITHUB_OAUTH", { allowedGitHubOrgs: [] }),
      authRule("GITHUB_OAUTH", { allowedGitHubOrgs: ["acme"] }),
    ];
    assert.deepEqual(methodsOf(allowedAuthenticationMethods(appRules, undefined)), [
      "PASSKEY_USERNAMELESS",
      "EMAIL_VERIFICATION",
      "GOOGLE_OAUTH",
      "GITHUB_OAUTH",
      "X_OAUTH",
      "ENTERPRISE_FEDERATION_DOMAIN_MANAGED",
    ]);
  });
});

describe("application-managed federation: one rule = one button", () => {
  const anchorA = "Bastion-K7Q2-M9XB-3FNP-Covenant";
  const anchorB = "Harbor-2X4Q-8M1P-5KNA-Lantern";
  const appRules = [
    authRule("EMAIL_VERIFICATION"),
    authRule("ENTERPRISE_FEDERATION_APPLICATION_MANAGED", { connectorAnchor: anchorA }),
    authRule("ENTERPRISE_FEDERATION_APPLICATION_MANAGED", { connectorAnchor: anchorB }),
    authRule("ENTERPRISE_FEDERATION_APPLICATION_MANAGED", { connectorAnchor: anchorA }),
  ];
  it("yields one option per distinct connector anchor, in rule order", () => {
    assert.deepEqual(allowedAuthenticationMethods(appRules, undefined), [
      { method: "EMAIL_VERIFICATION" },
      { method: "ENTERPRISE_FEDERATION_APPLICATION_MANAGED", connectorAnchor: anchorA },
      { method: "ENTERPRISE_FEDERATION_APPLICATION_MANAGED", connectorAnchor: anchorB },
    ]);
  });
  it("an attempt must name a listed connector, compared exactly", () => {
    const method = "ENTERPRISE_FEDERATION_APPLICATION_MANAGED";
    const ok = checkAuthenticationMethod(appRules, undefined, { method, connectorAnchor: anchorB });
    assert.equal(ok.allowed, true);
    assert.equal(ok.allowed && ok.matchedRules.length, 1);
    assert.equal(checkAuthenticationMethod(appRules, undefined, { method, connectorAnchor: "Other-0000" }).allowed, false);
    assert.equal(checkAuthenticationMethod(appRules, undefined, { method, connectorAnchor: anchorA.toLowerCase() }).allowed, false);
    assert.equal(checkAuthenticationMethod(appRules, undefined, { method }).allowed, false);
  });
  it("a per-inquiry narrowing (which cannot name federation) hides the buttons", () => {
    const constraints = [authConstraint("EMAIL_VERIFICATION")];
    assert.deepEqual(allowedAuthenticationMethods(appRules, constraints), [{ method: "EMAIL_VERIFICATION" }]);
    assert.equal(
      checkAuthenticationMethod(appRules, constraints, { method: "ENTERPRISE_FEDERATION_APPLICATION_MANAGED", connectorAnchor: anchorA })
        .allowed,
      false,
    );
  });
});

describe("domain-managed federation", () => {
  const domainRule = [authRule("ENTERPRISE_FEDERATION_DOMAIN_MANAGED")];
  const mandated = { method: "ENTERPRISE_FEDERATION_DOMAIN_MANAGED", connectorAnchor: "Bastion-K7Q2-M9XB-3FNP-Covenant", mandatedByDomain: true } as const;

  it("is allowed only for applications that opted in", () => {
    assert.equal(checkAuthenticationMethod(domainRule, undefined, mandated).allowed, true);
    assert.equal(checkAuthenticationMethod([authRule("EMAIL_VERIFICATION")], undefined, mandated).allowed, false);
  });

  it("needs the connector the account's domain owner mandates, whichever button started the login", () => {
    assert.equal(checkAuthenticationMethod(domainRule, undefined, { ...mandated, mandatedByDomain: false }).allowed, false);
    assert.equal(checkAuthenticationMethod(domainRule, undefined, { method: "ENTERPRISE_FEDERATION_DOMAIN_MANAGED" }).allowed, false, "unresolved fails closed");
    assert.equal(checkAuthenticationMethod(domainRule, undefined, { ...mandated, method: "ENTERPRISE_FEDERATION_APPLICATION_MANAGED" }).allowed, true);
    // An application-managed rule counts a forced-SSO login through the connector it names.
    const named = [authRule("ENTERPRISE_FEDERATION_APPLICATION_MANAGED", { connectorAnchor: mandated.connectorAnchor })];
    assert.equal(checkAuthenticationMethod(named, undefined, mandated).allowed, true);
  });
});

describe("STEAM_TICKET is scoped to Steam App IDs", () => {
  const appRules = [authRule("STEAM_TICKET", { allowedSteamAppIds: [480, 730] })];
  const table: Array<[steamAppId: number | undefined, allowed: boolean]> = [
    [480, true],
    [730, true],
    [570, false],
    [undefined, false],
  ];
  for (const [steamAppId, allowed] of table) {
    it(`app id ${steamAppId ?? "(none)"} → ${allowed ? "allowed" : "denied"}`, () => {
      assert.equal(checkAuthenticationMethod(appRules, undefined, { method: "STEAM_TICKET", steamAppId }).allowed, allowed);
    });
  }
  it("only the rules listing the app id match", () => {
    const r480 = authRule("STEAM_TICKET", { allowedSteamAppIds: [480] });
    const r730 = authRule("STEAM_TICKET", { allowedSteamAppIds: [730] });
    const result = checkAuthenticationMethod([r480, r730], undefined, { method: "STEAM_TICKET", steamAppId: 730 });
    assert.deepEqual(result, { allowed: true, matchedRules: [r730], matchedConstraints: [] });
  });
  it("a constraint narrows the app ids", () => {
    const constraints = [authConstraint("STEAM_TICKET", { allowedSteamAppIds: [730] })];
    assert.equal(checkAuthenticationMethod(appRules, constraints, { method: "STEAM_TICKET", steamAppId: 480 }).allowed, false);
    assert.equal(checkAuthenticationMethod(appRules, constraints, { method: "STEAM_TICKET", steamAppId: 730 }).allowed, true);
    assert.deepEqual(methodsOf(allowedAuthenticationMethods(appRules, constraints)), ["STEAM_TICKET"]);
  });
  it("is not offered when no app id is allowed by both sources", () => {
    const constraints = [authConstraint("STEAM_TICKET", { allowedSteamAppIds: [570] })];
    assert.deepEqual(allowedAuthenticationMethods(appRules, constraints), []);
  });
});

describe("GITHUB_OAUTH organization gating", () => {
  const open = authRule("GITHUB_OAUTH", { allowedGitHubOrgs: [] });
  const gated = authRule("GITHUB_OAUTH", { allowedGitHubOrgs: ["Acme-Corp", "widgets"] });
  const table: Array<[name: string, rules: ReturnType<typeof authRule>[], orgs: string[] | undefined, allowed: boolean]> = [
    ["empty allowlist admits any account", [open], [], true],
    ["empty allowlist admits without org data", [open], undefined, true],
    ["member of a listed org (case-insensitive)", [gated], ["acme-corp"], true],
    ["member of another listed org", [gated], ["other", "WIDGETS"], true],
    ["member of no listed org", [gated], ["other"], false],
    ["no org data fails closed", [gated], undefined, false],
    ["an org-less account is denied by a gated rule", [gated], [], false],
    ["OR within the source: ungated rule admits", [gated, open], ["other"], true],
  ];
  for (const [name, rules, gitHubOrgs, allowed] of table) {
    it(name, () => {
      assert.equal(checkAuthenticationMethod(rules, undefined, { method: "GITHUB_OAUTH", gitHubOrgs }).allowed, allowed);
    });
  }
  it("a gated constraint narrows an ungated application", () => {
    const constraints = [authConstraint("GITHUB_OAUTH", { allowedGitHubOrgs: ["acme-corp"] })];
    assert.equal(checkAuthenticationMethod([open], constraints, { method: "GITHUB_OAUTH", gitHubOrgs: ["ACME-CORP"] }).allowed, true);
    assert.equal(checkAuthenticationMethod([open], constraints, { method: "GITHUB_OAUTH", gitHubOrgs: ["other"] }).allowed, false);
  });
  it("matched rules include only those the user satisfies", () => {
    const result = checkAuthenticationMethod([gated, open], undefined, { method: "GITHUB_OAUTH", gitHubOrgs: ["other"] });
    assert.deepEqual(result.allowed && result.matchedRules, [open]);
  });

  describe("gitHubOrgGatingRequested (read:org)", () => {
    const cases: Array<[string, ReturnType<typeof authRule>[], ReturnType<typeof authConstraint>[] | undefined, boolean]> = [
      ["no GitHub rule", [authRule("EMAIL_VERIFICATION")], undefined, false],
      ["only ungated rules", [open], undefined, false],
      ["a gated application rule", [gated], undefined, true],
      ["a gated rule beside an ungated one", [open, gated], undefined, true],
      ["a gated constraint on an ungated application", [open], [authConstraint("GITHUB_OAUTH", { allowedGitHubOrgs: ["acme"] })], true],
      ["ungated on both sides", [open], [authConstraint("GITHUB_OAUTH", { allowedGitHubOrgs: [] })], false],
      ["gated app rule but the inquiry excludes GitHub", [gated], [authConstraint("EMAIL_VERIFICATION")], false],
      ["a gated constraint on an application without GitHub", [authRule("EMAIL_VERIFICATION")], [authConstraint("GITHUB_OAUTH", { allowedGitHubOrgs: ["acme"] })], false],
    ];
    for (const [name, rules, constraints, expected] of cases) {
      it(`${name} → ${expected}`, () => assert.equal(gitHubOrgGatingRequested(rules, constraints), expected));
    }
  });
});
