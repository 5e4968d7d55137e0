import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  callbackHostAllowed,
  declaredCallbackUrl,
  matchingReturnRules,
  oidcClientConfig,
  returnMethodAllowed,
  revealSelection,
  validateReturnDeclarations,
  type ReturnMethod,
} from "@/lib/rules";
import { declaration, returnRule } from "./helpers";

const clientCallback = returnRule("CALLBACK", { allowedCallbackDomains: ["client.example.com"] });

describe("Layer 3 CALLBACK worked example (docs)", () => {
  const table: Array<[url: string, accepted: boolean, why: string]> = [
    ["https://client.example.com/return", true, "exact hostname"],
    ["https://Client.Example.Com/return", true, "case-insensitive"],
    ["https://sub.client.example.com/return", false, "no implicit subdomain match"],
    ["https://attacker.com/?redirect=client.example.com", false, "hostname is attacker.com"],
  ];
  for (const [url, accepted, why] of table) {
    it(`${url} → ${accepted ? "accepted" : "rejected"} (${why})`, () => {
      assert.equal(callbackHostAllowed([clientCallback], url), accepted);
      const result = validateReturnDeclarations([clientCallback], [declaration("CALLBACK", { callbackUrl: url })]);
      assert.equal(result.ok, accepted);
    });
  }
});

describe("callbackHostAllowed — hostile and unusual URLs", () => {
  const table: Array<[string, boolean]> = [
    ["http://client.example.com/return", true], // path/scheme are not part of the allowlist
    ["https://client.example.com:8443/return?x=1#y", true], // port/query/fragment ignored
    ["https://client.example.com@attacker.com/", false], // userinfo trick resolves to attacker.com
    ["https://user:pw@client.example.com/", false], // credentials refused outright
    ["https://attacker.com\\@client.example.com/", false], // backslash is a path separator
    ["https://client.example.com.attacker.com/", false], // suffix trick
    ["https://attacker-client.example.com/", false],
    ["https://client.example.com./return", false], // trailing-dot FQDN is a different string
    ["ftp://client.example.com/", false],
    ["javascript://client.example.com/%0aalert(1)", false],
    ["//client.example.com/return", false], // scheme-relative is not absolute
    ["/return", false],
    ["client.example.com", false],
    ["", false],
  ];
  for (const [url, allowed] of table) {
    it(`${JSON.stringify(url)} → ${allowed}`, () => assert.equal(callbackHostAllowed([clientCallback], url), allowed));
  }
  it("an upper-case allowlist entry matches", () => {
    assert.equal(callbackHostAllowed([returnRule("CALLBACK", { allowedCallbackDomains: ["Client.Example.COM"] })], "https://client.example.com/"), true);
  });
  it("any CALLBACK rule may allow the host (OR within the layer)", () => {
    const admin = returnRule("CALLBACK", { allowedCallbackDomains: ["admin.example.com"] });
    assert.equal(callbackHostAllowed([clientCallback, admin], "https://admin.example.com/cb"), true);
  });
  it("no CALLBACK rule allows nothing", () => {
    assert.equal(callbackHostAllowed([], "https://client.example.com/"), false);
    assert.equal(callbackHostAllowed([returnRule("STATUS_POLL")], "https://client.example.com/"), false);
  });
  it("localhost can be allowed for development", () => {
    assert.equal(callbackHostAllowed([returnRule("CALLBACK", { allowedCallbackDomains: ["localhost"] })], "http://localhost:3000/cb"), true);
  });
});

describe("validateReturnDeclarations (/establish)", () => {
  const allRules = [
    clientCallback,
    returnRule("STATUS_POLL"),
    returnRule("REVEAL", { includeAccessToken: true, includeRefreshToken: false }),
  ];
  const callback = declaration("CALLBACK", { callbackUrl: "https://client.example.com/auth/return" });

  it("accepts the documented declaration list when every method has a rule", () => {
    const declarations = [callback, declaration("STATUS_POLL"), declaration("REVEAL")];
    assert.deepEqual(validateReturnDeclarations(allRules, declarations), { ok: true });
  });

  const problemCases: Array<[string, ReturnType<typeof returnRule>[], ReturnType<typeof declaration>[], Array<[number | null, string]>]> = [
    ["STATUS_POLL without a rule", [clientCallback], [declaration("STATUS_POLL")], [[0, "NO_MATCHING_RULE"]]],
    ["REVEAL without a rule", [clientCallback, returnRule("STATUS_POLL")], [callback, declaration("REVEAL")], [[1, "NO_MATCHING_RULE"]]],
    ["DIRECT_ISSUE is never declared", [returnRule("DIRECT_ISSUE")], [declaration("DIRECT_ISSUE")], [[0, "NOT_DECLARABLE"]]],
    ["OIDC is never declared", allRules, [declaration("OIDC")], [[0, "NOT_DECLARABLE"]]],
    ["CALLBACK to a host not allowed", allRules, [declaration("CALLBACK", { callbackUrl: "https://evil.test/" })], [[0, "CALLBACK_HOST_NOT_ALLOWED"]]],
    ["CALLBACK without any CALLBACK rule", [returnRule("STATUS_POLL")], [callback], [[0, "CALLBACK_HOST_NOT_ALLOWED"]]],
    ["two CALLBACK declarations", allRules, [callback, declaration("STATUS_POLL"), callback], [[2, "CALLBACK_DECLARED_TWICE"]]],
    ["empty list", allRules, [], [[null, "EMPTY"]]],
    [
      "several problems at once, each with its index",
      [clientCallback],
      [declaration("STATUS_POLL"), callback, declaration("DIRECT_ISSUE")],
      [
        [0, "NO_MATCHING_RULE"],
        [2, "NOT_DECLARABLE"],
      ],
    ],
  ];
  for (const [name, rules, declarations, expected] of problemCases) {
    it(name, () => {
      const result = validateReturnDeclarations(rules, declarations);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.deepEqual(
        result.problems.map((problem) => [problem.index, problem.code]),
        expected,
      );
      for (const problem of result.problems) {
        if (problem.index !== null) assert.match(problem.message, new RegExp(`^returnMethods\\[${problem.index}\\]`));
      }
    });
  }
  it("the host refusal message names the hostname", () => {
    const result = validateReturnDeclarations(allRules, [declaration("CALLBACK", { callbackUrl: "https://Evil.test/x" })]);
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.problems[0]?.message ?? "", /"evil\.test"/);
  });
});

describe("returnMethodAllowed (run time)", () => {
  const poll = returnRule("STATUS_POLL");
  const reveal = returnRule("REVEAL", { includeAccessToken: true, includeRefreshToken: true });
  const callback = declaration("CALLBACK", { callbackUrl: "https://client.example.com/return" });

  describe("STATUS_POLL: the rule must still exist and the inquiry (if it narrowed) must have declared it", () => {
    const table: Array<[string, ReturnType<typeof returnRule>[], ReturnType<typeof declaration>[] | undefined, boolean]> = [
      ["rule, no declarations", [poll], undefined, true],
      ["rule, declared", [poll, clientCallback], [callback, declaration("STATUS_POLL")], true],
      ["rule, declarations without STATUS_POLL", [poll, clientCallback], [callback], false],
      ["rule removed since /establish", [clientCallback], [declaration("STATUS_POLL")], false],
      ["no rules at all", [], undefined, false],
    ];
    for (const [name, rules, declarations, allowed] of table) {
      it(name, () => assert.equal(returnMethodAllowed(rules, declarations, "STATUS_POLL"), allowed));
    }
  });

  describe("CALLBACK: needs a declared URL whose host is still allowed", () => {
    const table: Array<[string, ReturnType<typeof returnRule>[], ReturnType<typeof declaration>[] | undefined, boolean]> = [
      ["declared and allowed", [clientCallback], [callback], true],
      ["not declared (no URL anchored)", [clientCallback], undefined, false],
      ["declarations without CALLBACK", [clientCallback, poll], [declaration("STATUS_POLL")], false],
      ["host removed from the rule since /establish", [returnRule("CALLBACK", { allowedCallbackDomains: ["other.example.com"] })], [callback], false],
      ["CALLBACK rule removed", [poll], [callback], false],
      ["declared twice (ambiguous)", [clientCallback], [callback, callback], false],
    ];
    for (const [name, rules, declarations, allowed] of table) {
      it(name, () => assert.equal(returnMethodAllowed(rules, declarations, "CALLBACK"), allowed));
    }
  });

  describe("REVEAL only when declared and still configured", () => {
    const table: Array<[string, ReturnType<typeof returnRule>[], ReturnType<typeof declaration>[] | undefined, boolean]> = [
      ["rule and declaration", [reveal], [declaration("REVEAL")], true],
      ["rule but no declarations", [reveal], undefined, false],
      ["rule, declarations without REVEAL", [reveal, poll], [declaration("STATUS_POLL")], false],
      ["declared but rule removed", [poll], [declaration("REVEAL")], false],
    ];
    for (const [name, rules, declarations, allowed] of table) {
      it(name, () => assert.equal(returnMethodAllowed(rules, declarations, "REVEAL"), allowed));
    }
  });

  describe("DIRECT_ISSUE, OIDC and DEVICE_CODE: the rule decides", () => {
    const oidc = returnRule("OIDC", {
      redirectUris: ["https://app.example.com/oidc/callback"],
      allowedScopes: ["openid"],
      tokenEndpointAuthMethod: "none",
    });
    const rulesFor: Record<string, ReturnType<typeof returnRule>> = {
      DIRECT_ISSUE: returnRule("DIRECT_ISSUE"),
      OIDC: oidc,
      DEVICE_CODE: returnRule("DEVICE_CODE"),
    };
    for (const method of ["DIRECT_ISSUE", "OIDC", "DEVICE_CODE"] as ReturnMethod[]) {
      it(`${method} with its rule → allowed`, () => {
        const rule = rulesFor[method];
        assert.ok(rule);
        assert.equal(returnMethodAllowed([rule], undefined, method), true);
        assert.equal(returnMethodAllowed([rule], [declaration("STATUS_POLL")], method), true);
      });
      it(`${method} without its rule → denied`, () => {
        assert.equal(returnMethodAllowed([poll, clientCallback, reveal], undefined, method), false);
      });
    }
  });
});

describe("matchingReturnRules feeds the TTL fold", () => {
  const a = returnRule("CALLBACK", { allowedCallbackDomains: ["client.example.com"] }, { accessTokenTtlSeconds: 600 });
  const b = returnRule("CALLBACK", { allowedCallbackDomains: ["admin.example.com"] }, { accessTokenTtlSeconds: 120 });
  const poll1 = returnRule("STATUS_POLL", {}, { refreshTokenTtlSeconds: 86_400 });
  const poll2 = returnRule("STATUS_POLL");
  const rules = [a, b, poll1, poll2];
  it("CALLBACK: only the rules allowing the declared host", () => {
    const declarations = [declaration("CALLBACK", { callbackUrl: "https://client.example.com/r" })];
    assert.deepEqual(matchingReturnRules(rules, declarations, "CALLBACK"), [a]);
  });
  it("other methods: every rule of the method", () => {
    assert.deepEqual(matchingReturnRules(rules, undefined, "STATUS_POLL"), [poll1, poll2]);
  });
  it("nothing when the method is not allowed", () => {
    assert.deepEqual(matchingReturnRules(rules, undefined, "CALLBACK"), []);
    assert.deepEqual(matchingReturnRules(rules, [declaration("REVEAL")], "STATUS_POLL"), []);
  });
});

describe("declaredCallbackUrl", () => {
  it("returns the single CALLBACK URL, else null", () => {
    const cb = declaration("CALLBACK", { callbackUrl: "https://client.example.com/r" });
    assert.equal(declaredCallbackUrl([declaration("STATUS_POLL"), cb]), "https://client.example.com/r");
    assert.equal(declaredCallbackUrl([declaration("STATUS_POLL")]), null);
    assert.equal(declaredCallbackUrl(undefined), null);
    assert.equal(declaredCallbackUrl([cb, cb]), null);
  });
});

describe("REVEAL token selection: OR over REVEAL rules", () => {
  const r = (includeAccessToken: boolean, includeRefreshToken: boolean) =>
    returnRule("REVEAL", { includeAccessToken, includeRefreshToken });
  const table: Array<[string, ReturnType<typeof returnRule>[], boolean, boolean]> = [
    ["no REVEAL rule shows nothing", [returnRule("STATUS_POLL")], false, false],
    ["access only", [r(true, false)], true, false],
    ["refresh only", [r(false, true)], false, true],
    ["both in one rule", [r(true, true)], true, true],
    ["access from one rule, refresh from another", [r(true, false), r(false, true)], true, true],
    ["duplicates do not change the answer", [r(false, true), r(false, true)], false, true],
    ["other rules are ignored", [clientCallback, r(true, false), returnRule("STATUS_POLL")], true, false],
  ];
  for (const [name, rules, includeAccessToken, includeRefreshToken] of table) {
    it(name, () => assert.deepEqual(revealSelection(rules), { includeAccessToken, includeRefreshToken }));
  }
});

describe("oidcClientConfig", () => {
  const docsRule = returnRule("OIDC", {
    redirectUris: ["https://app.example.com/oidc/callback"],
    postLogoutRedirectUris: ["https://app.example.com/"],
    allowedScopes: ["openid", "email", "profile", "offline_access"],
    tokenEndpointAuthMethod: "private_key_jwt",
  });
  it("is null without an OIDC rule", () => {
    assert.equal(oidcClientConfig([clientCallback, returnRule("STATUS_POLL")]), null);
    assert.equal(oidcClientConfig([]), null);
  });
  it("mirrors a single rule", () => {
    assert.deepEqual(oidcClientConfig([clientCallback, docsRule]), {
      redirectUris: ["https://app.example.com/oidc/callback"],
      postLogoutRedirectUris: ["https://app.example.com/"],
      allowedScopes: ["openid", "email", "profile", "offline_access"],
      tokenEndpointAuthMethods: ["private_key_jwt"],
    });
  });
  it("unions several rules; of auth methods that differ (stored before they had to agree) only those that authenticate count", () => {
    const second = returnRule("OIDC", {
      redirectUris: ["https://app.example.com/oidc/callback", "http://localhost:3000/cb"],
      allowedScopes: ["profile", "openid"],
      tokenEndpointAuthMethod: "none",
    });
    const third = returnRule("OIDC", {
      redirectUris: ["https://other.example.com/cb"],
      allowedScopes: ["openid"],
      tokenEndpointAuthMethod: "private_key_jwt",
    });
    assert.deepEqual(oidcClientConfig([second, third]), {
      redirectUris: ["https://app.example.com/oidc/callback", "http://localhost:3000/cb", "https://other.example.com/cb"],
      postLogoutRedirectUris: [],
      allowedScopes: ["openid", "profile"],
      tokenEndpointAuthMethods: ["private_key_jwt"],
    });
  });
  it("accepts an unparsed rule without postLogoutRedirectUris", () => {
    const config = oidcClientConfig([
      {
        returnMethod: "OIDC",
        payload: { redirectUris: ["https://a.example.com/cb"], allowedScopes: ["openid"], tokenEndpointAuthMethod: "client_secret_basic" },
      },
    ]);
    assert.deepEqual(config?.postLogoutRedirectUris, []);
    assert.deepEqual(config?.tokenEndpointAuthMethods, ["client_secret_basic"]);
  });
});
