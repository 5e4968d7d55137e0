import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { z } from "zod";
import {
  authenticationConstraintSchema,
  authenticationConstraintsSchema,
  authenticationRuleSchema,
  establishNarrowingSchema,
  realizeConstraintSchema,
  realizeConstraintsSchema,
  realizeRuleSchema,
  returnMethodDeclarationSchema,
  returnMethodsSchema,
  returnRuleSchema,
  ruleSetSchema,
} from "@/lib/rules";
import { firstIssue } from "./helpers";

const NULL_TTLS = { accessTokenTtlSeconds: null, refreshTokenTtlSeconds: null };

function accepts(schema: z.ZodType, value: unknown) {
  const result = schema.safeParse(value);
  assert.equal(result.success, true, `expected acceptance, got: ${firstIssue(result)}`);
}

function rejects(schema: z.ZodType, value: unknown, messagePart?: RegExp) {
  const result = schema.safeParse(value);
  assert.equal(result.success, false, "expected rejection");
  if (messagePart) {
    const messages = result.error?.issues.map((issue) => issue.message).join(" | ") ?? "";
    assert.match(messages, messagePart);
  }
}

describe("documented rule examples validate", () => {
  const authentication = [
    { method: "PASSKEY_REASONED", payload: {}, ...NULL_TTLS },
    { method: "STEAM_TICKET", payload: { allowedSteamAppIds: [480, 730] }, ...NULL_TTLS },
    { method: "PASSKEY_USERNAMELESS", payload: {} },
    { method: "ENTERPRISE_FEDERATION_APPLICATION_MANAGED", payload: { connectorAnchor: "Bastion-K7Q2-M9XB-3FNP-Covenant" } },
    { method: "ENTERPRISE_FEDERATION_DOMAIN_MANAGED", payload: {} },
    { method: "GITHUB_OAUTH", payload: { allowedGitHubOrgs: [] } },
    { method: "GITHUB_OAUTH", payload: { allowedGitHubOrgs: ["acme"] } },
    ...["EMAIL_VERIFICATION", "STEAM_OPENID", "ACCESS_KEY_DIRECT", "GOOGLE_OAUTH", "DISCORD_OAUTH", "BATTLENET_OAUTH", "X_OAUTH"].map(
      (method) => ({ method, payload: {} }),
    ),
  ];
  for (const rule of authentication) {
    it(`Layer 1 ${rule.method} ${JSON.stringify(rule.payload)}`, () => accepts(authenticationRuleSchema, rule));
  }

  const realize = [
    { constraintType: "EMAIL", payload: { allowedEmails: ["*@example.com"] }, ...NULL_TTLS },
    { constraintType: "STEAM_ID", payload: { allowedSteamIds: ["76561198000000000", "76561198000000001"] } },
    { constraintType: "STEAM_ID", payload: { allowedSteamIds: ["*"] } },
    {
      constraintType: "ACCOUNT_ALIAS",
      payload: { allowedAccountAliases: ["quiet-meadow-7h2k-9m4p-3fnp-falcon", "bold-harbor-2x4q-8m1p-5kna-otter"] },
    },
    { constraintType: "SECTOR_SUBJECT", payload: { allowedSectorSubjects: ["sub_9SQ5535CRWNDDM2T", "sub_4K2P8M1N7QRWXY3Z"] } },
    { constraintType: "EVERYONE", payload: {} },
  ];
  for (const rule of realize) {
    it(`Layer 2 ${rule.constraintType}`, () => accepts(realizeRuleSchema, rule));
  }

  const returns = [
    { returnMethod: "CALLBACK", payload: { allowedCallbackDomains: ["client.example.com", "admin.example.com"] }, ...NULL_TTLS },
    { returnMethod: "STATUS_POLL", payload: {}, ...NULL_TTLS },
    { returnMethod: "REVEAL", payload: { includeAccessToken: true, includeRefreshToken: true }, ...NULL_TTLS },
    { returnMethod: "DIRECT_ISSUE", payload: {}, ...NULL_TTLS },
    {
      returnMethod: "OIDC",
      payload: {
        redirectUris: ["https://app.example.com/oidc/callback"],
        postLogoutRedirectUris: ["https://app.example.com/"],
        allowedScopes: ["openid", "email", "profile", "offline_access"],
        tokenEndpointAuthMethod: "private_key_jwt",
      },
      ...NULL_TTLS,
    },
    { returnMethod: "DEVICE_CODE", payload: {} },
  ];
  for (const rule of returns) {
    it(`Layer 3 ${rule.returnMethod}`, () => accepts(returnRuleSchema, rule));
  }
});

describe("documented /establish narrowing examples validate", () => {
  it("authenticationConstraints, realizeConstraints and returnMethods", () => {
    const parsed = establishNarrowingSchema.parse({
      authenticationConstraints: [{ method: "PASSKEY_REASONED", payload: {} }],
      realizeConstraints: [{ constraintType: "EMAIL", payload: { allowedEmails: ["admin@example.com"] } }],
      returnMethods: [
        { type: "CALLBACK", payload: { callbackUrl: "https://client.example.com/auth/return" } },
        { type: "STATUS_POLL", payload: {} },
        { type: "REVEAL", payload: {} },
      ],
    });
    assert.equal(parsed.returnMethods?.length, 3);
    assert.equal(parsed.authenticationConstraints?.[0]?.method, "PASSKEY_REASONED");
  });
  it("every field is optional: absent means no narrowing", () => {
    assert.deepEqual(establishNarrowingSchema.parse({}), {});
  });
  it("accepts PASSKEY_USERNAMELESS as a per-inquiry narrowing", () => {
    accepts(authenticationConstraintSchema, { method: "PASSKEY_USERNAMELESS", payload: {} });
  });
  it("accepts DIRECT_ISSUE and OIDC declarations structurally (symmetry with the wire contract)", () => {
    accepts(returnMethodDeclarationSchema, { type: "DIRECT_ISSUE", payload: {} });
    accepts(returnMethodDeclarationSchema, { type: "OIDC", payload: {} });
  });
});

describe("unknown names are rejected with a message listing the vocabulary", () => {
  it("Layer 1 method", () => rejects(authenticationRuleSchema, { method: "PASSWORD", payload: {} }, /method must be one of: .*PASSKEY_USERNAMELESS/));
  it("Layer 1 method names are case-sensitive", () => rejects(authenticationRuleSchema, { method: "passkey_reasoned", payload: {} }));
  it("Layer 2 constraint type", () => rejects(realizeRuleSchema, { constraintType: "DOMAIN", payload: {} }, /constraintType must be one of/));
  it("Layer 3 return method", () => rejects(returnRuleSchema, { returnMethod: "WEBHOOK", payload: {} }, /returnMethod must be one of/));
  it("return declaration type", () => rejects(returnMethodDeclarationSchema, { type: "WEBHOOK", payload: {} }, /type must be one of/));
  it("missing discriminator", () => rejects(authenticationRuleSchema, { payload: {} }, /method must be one of/));
});

describe("per-inquiry vocabularies are the wire contract's subsets", () => {
  for (const method of ["ENTERPRISE_FEDERATION_APPLICATION_MANAGED", "ENTERPRISE_FEDERATION_DOMAIN_MANAGED"]) {
    const payload = method.endsWith("APPLICATION_MANAGED") ? { connectorAnchor: "Bastion-K7Q2-M9XB-3FNP-Covenant" } : {};
    it(`${method} is a valid rule but not a valid constraint`, () => {
      accepts(authenticationRuleSchema, { method, payload });
      rejects(authenticationConstraintSchema, { method, payload }, /method must be one of/);
    });
  }
  it("EVERYONE is a valid realize rule but not a realize constraint", () => {
    accepts(realizeRuleSchema, { constraintType: "EVERYONE", payload: {} });
    rejects(realizeConstraintSchema, { constraintType: "EVERYONE", payload: {} });
  });
  it("DEVICE_CODE is a return rule but never a /establish declaration", () => {
    accepts(returnRuleSchema, { returnMethod: "DEVICE_CODE", payload: {} });
    rejects(returnMethodDeclarationSchema, { type: "DEVICE_CODE", payload: {} });
  });
});

describe("strictness: unknown keys and malformed payloads are rejected", () => {
  const cases: Array<[string, z.ZodType, unknown, RegExp?]> = [
    ["the removed allowUsernameless flag", authenticationRuleSchema, { method: "PASSKEY_USERNAMELESS", payload: { allowUsernameless: true } }, /Unrecognized key/],
    ["extra key on an empty payload", authenticationRuleSchema, { method: "GOOGLE_OAUTH", payload: { allowedHostedDomains: ["x.com"] } }],
    ["extra top-level key", authenticationRuleSchema, { method: "GOOGLE_OAUTH", payload: {}, enabled: true }, /Unrecognized key/],
    ["missing payload", authenticationRuleSchema, { method: "GOOGLE_OAUTH" }],
    ["payload null", authenticationRuleSchema, { method: "GOOGLE_OAUTH", payload: null }],
    ["STEAM_TICKET empty app list", authenticationRuleSchema, { method: "STEAM_TICKET", payload: { allowedSteamAppIds: [] } }, /at least one Steam App ID/],
    ["STEAM_TICKET app id 0", authenticationRuleSchema, { method: "STEAM_TICKET", payload: { allowedSteamAppIds: [0] } }, /positive/],
    ["STEAM_TICKET fractional app id", authenticationRuleSchema, { method: "STEAM_TICKET", payload: { allowedSteamAppIds: [480.5] } }],
    ["STEAM_TICKET app id as string", authenticationRuleSchema, { method: "STEAM_TICKET", payload: { allowedSteamAppIds: ["480"] } }],
    ["STEAM_TICKET missing list", authenticationRuleSchema, { method: "STEAM_TICKET", payload: {} }],
    ["GITHUB_OAUTH empty org login", authenticationRuleSchema, { method: "GITHUB_OAUTH", payload: { allowedGitHubOrgs: [""] } }],
    ["GITHUB_OAUTH missing list", authenticationRuleSchema, { method: "GITHUB_OAUTH", payload: {} }],
    ["app-managed federation without anchor", authenticationRuleSchema, { method: "ENTERPRISE_FEDERATION_APPLICATION_MANAGED", payload: {} }],
    ["app-managed federation empty anchor", authenticationRuleSchema, { method: "ENTERPRISE_FEDERATION_APPLICATION_MANAGED", payload: { connectorAnchor: "" } }],
    ["domain-managed federation naming a connector", authenticationRuleSchema, { method: "ENTERPRISE_FEDERATION_DOMAIN_MANAGED", payload: { connectorAnchor: "X" } }],
    ["EMAIL empty list", realizeRuleSchema, { constraintType: "EMAIL", payload: { allowedEmails: [] } }, /at least one/],
    ["EMAIL empty pattern", realizeRuleSchema, { constraintType: "EMAIL", payload: { allowedEmails: [""] } }],
    ["EMAIL pattern longer than 320", realizeRuleSchema, { constraintType: "EMAIL", payload: { allowedEmails: [`${"a".repeat(310)}@example.com`] } }, /320/],
    ["STEAM_ID with letters", realizeRuleSchema, { constraintType: "STEAM_ID", payload: { allowedSteamIds: ["7656119800000000x"] } }, /SteamID64/],
    ["STEAM_ID double star", realizeRuleSchema, { constraintType: "STEAM_ID", payload: { allowedSteamIds: ["**"] } }],
    ["STEAM_ID partial glob", realizeRuleSchema, { constraintType: "STEAM_ID", payload: { allowedSteamIds: ["7656*"] } }],
    ["STEAM_ID 21 digits", realizeRuleSchema, { constraintType: "STEAM_ID", payload: { allowedSteamIds: ["1".repeat(21)] } }],
    ["STEAM_ID as number", realizeRuleSchema, { constraintType: "STEAM_ID", payload: { allowedSteamIds: [76561198000000000] } }],
    ["ACCOUNT_ALIAS empty", realizeRuleSchema, { constraintType: "ACCOUNT_ALIAS", payload: { allowedAccountAliases: [""] } }],
    ["ACCOUNT_ALIAS 129 chars", realizeRuleSchema, { constraintType: "ACCOUNT_ALIAS", payload: { allowedAccountAliases: ["a".repeat(129)] } }, /128/],
    ["SECTOR_SUBJECT empty list", realizeRuleSchema, { constraintType: "SECTOR_SUBJECT", payload: { allowedSectorSubjects: [] } }],
    ["EVERYONE with a payload key", realizeRuleSchema, { constraintType: "EVERYONE", payload: { all: true } }],
    ["REVEAL showing nothing", returnRuleSchema, { returnMethod: "REVEAL", payload: { includeAccessToken: false, includeRefreshToken: false } }, /at least|access token, the refresh token, or both/],
    ["REVEAL missing a flag", returnRuleSchema, { returnMethod: "REVEAL", payload: { includeAccessToken: true } }],
    ["STATUS_POLL with a payload key", returnRuleSchema, { returnMethod: "STATUS_POLL", payload: { intervalSeconds: 5 } }],
    ["CALLBACK empty domain list", returnRuleSchema, { returnMethod: "CALLBACK", payload: { allowedCallbackDomains: [] } }, /at least one hostname/],
    ["CALLBACK with a full URL instead of the domain", returnRuleSchema, { returnMethod: "CALLBACK", payload: { callbackUrl: "https://client.example.com/" } }],
    ["STATUS_POLL declaration with a payload key", returnMethodDeclarationSchema, { type: "STATUS_POLL", payload: { x: 1 } }],
    ["CALLBACK declaration with an extra key", returnMethodDeclarationSchema, { type: "CALLBACK", payload: { callbackUrl: "https://a.example.com/", state: "x" } }],
    ["CALLBACK declaration with TTL fields", returnMethodDeclarationSchema, { type: "STATUS_POLL", payload: {}, accessTokenTtlSeconds: 60 }],
  ];
  for (const [name, schema, value, message] of cases) {
    it(name, () => rejects(schema, value, message));
  }
});

describe("CALLBACK allowedCallbackDomains are bare hostnames", () => {
  const good = ["client.example.com", "Client.Example.COM", "localhost", "127.0.0.1", "xn--bcher-kva.example", "a-b.example.co.uk"];
  const bad = [
    "https://client.example.com",
    "client.example.com:443",
    "client.example.com/path",
    "*.example.com",
    "client.example.com.",
    "",
    "intranet",
    "client..example.com",
    "-client.example.com",
    "client_app.example.com",
    "user@client.example.com",
    " client.example.com",
    "1.2.3",
    "256.1.1.1",
    "[::1]",
    "bücher.example",
  ];
  for (const domain of good) {
    it(`accepts ${JSON.stringify(domain)}`, () =>
      accepts(returnRuleSchema, { returnMethod: "CALLBACK", payload: { allowedCallbackDomains: [domain] } }));
  }
  for (const domain of bad) {
    it(`rejects ${JSON.stringify(domain)}`, () =>
      rejects(returnRuleSchema, { returnMethod: "CALLBACK", payload: { allowedCallbackDomains: [domain] } }, /bare hostnames/));
  }
});

describe("OIDC return rule payload", () => {
  const base = {
    redirectUris: ["https://app.example.com/oidc/callback"],
    allowedScopes: ["openid", "email"],
    tokenEndpointAuthMethod: "none",
  };
  const oidc = (payload: object) => ({ returnMethod: "OIDC", payload: { ...base, ...payload } });

  it("defaults postLogoutRedirectUris to []", () => {
    const parsed = returnRuleSchema.parse(oidc({}));
    assert.equal(parsed.returnMethod, "OIDC");
    if (parsed.returnMethod === "OIDC") assert.deepEqual(parsed.payload.postLogoutRedirectUris, []);
  });
  it("stores redirect URIs exactly as given (exact-match semantics)", () => {
    const uri = "https://App.Example.com:8443/oidc/callback?x=1";
    const parsed = returnRuleSchema.parse(oidc({ redirectUris: [uri] }));
    if (parsed.returnMethod === "OIDC") assert.deepEqual(parsed.payload.redirectUris, [uri]);
    else assert.fail("expected an OIDC rule");
  });
  it("accepts every documented token endpoint auth method", () => {
    for (const method of ["private_key_jwt", "client_secret_basic", "client_secret_post", "none"]) {
      accepts(returnRuleSchema, oidc({ tokenEndpointAuthMethod: method }));
    }
  });
  const badCases: Array<[string, object, RegExp?]> = [
    ["scopes without openid", { allowedScopes: ["email", "profile"] }, /openid/],
    ["unknown scope", { allowedScopes: ["openid", "admin"] }, /allowedScopes entries must be one of/],
    ["redirect URI with fragment", { redirectUris: ["https://app.example.com/cb#frag"] }, /without a fragment/],
    ["redirect URI with empty fragment", { redirectUris: ["https://app.example.com/cb#"] }, /without a fragment/],
    ["relative redirect URI", { redirectUris: ["/oidc/callback"] }],
    ["non-http redirect URI", { redirectUris: ["ftp://app.example.com/cb"] }],
    ["custom-scheme redirect URI", { redirectUris: ["com.example.app:/cb"] }],
    ["empty redirect URI list", { redirectUris: [] }, /at least one URL/],
    ["bad post-logout URI", { postLogoutRedirectUris: ["javascript:alert(1)"] }],
    ["unknown auth method", { tokenEndpointAuthMethod: "tls_client_auth" }, /tokenEndpointAuthMethod must be one of/],
    ["unknown payload key", { clientSecret: "s" }, /Unrecognized key/],
  ];
  for (const [name, payload, message] of badCases) {
    it(`rejects ${name}`, () => rejects(returnRuleSchema, oidc(payload), message));
  }
});

describe("CALLBACK declaration callbackUrl", () => {
  const decl = (callbackUrl: unknown) => ({ type: "CALLBACK", payload: { callbackUrl } });
  for (const url of ["https://client.example.com/auth/return", "http://localhost:3000/cb", "https://client.example.com/?a=b#c"]) {
    it(`accepts ${url}`, () => accepts(returnMethodDeclarationSchema, decl(url)));
  }
  for (const url of [
    "/auth/return",
    "client.example.com/return",
    "ftp://client.example.com/",
    "javascript:alert(1)",
    "https://user:pw@client.example.com/",
    "https://client.example.com@attacker.com/",
    `https://client.example.com/${"a".repeat(2100)}`,
    42,
  ]) {
    it(`rejects ${String(url).slice(0, 60)}`, () => rejects(returnMethodDeclarationSchema, decl(url)));
  }
  it("rejects a missing callbackUrl", () => rejects(returnMethodDeclarationSchema, { type: "CALLBACK", payload: {} }));
});

describe("TTL overrides are bounded per token kind", () => {
  const table: Array<[field: string, value: unknown, ok: boolean]> = [
    ["accessTokenTtlSeconds", null, true],
    ["accessTokenTtlSeconds", 59, false],
    ["accessTokenTtlSeconds", 60, true],
    ["accessTokenTtlSeconds", 10_800, true],
    ["accessTokenTtlSeconds", 604_800, true],
    ["accessTokenTtlSeconds", 604_801, false],
    ["accessTokenTtlSeconds", 3600.5, false],
    ["accessTokenTtlSeconds", "3600", false],
    ["accessTokenTtlSeconds", -1, false],
    ["refreshTokenTtlSeconds", null, true],
    ["refreshTokenTtlSeconds", 86_399, false],
    ["refreshTokenTtlSeconds", 86_400, true],
    ["refreshTokenTtlSeconds", 2_592_000, true],
    ["refreshTokenTtlSeconds", 31_536_000, true],
    ["refreshTokenTtlSeconds", 31_536_001, false],
    ["refreshTokenTtlSeconds", 60, false],
  ];
  const schemas: Array<[string, z.ZodType, object]> = [
    ["authentication rule", authenticationRuleSchema, { method: "EMAIL_VERIFICATION", payload: {} }],
    ["authentication constraint", authenticationConstraintSchema, { method: "EMAIL_VERIFICATION", payload: {} }],
    ["realize rule", realizeRuleSchema, { constraintType: "EVERYONE", payload: {} }],
    ["realize constraint", realizeConstraintSchema, { constraintType: "EMAIL", payload: { allowedEmails: ["*"] } }],
    ["return rule", returnRuleSchema, { returnMethod: "STATUS_POLL", payload: {} }],
  ];
  for (const [schemaName, schema, base] of schemas) {
    for (const [field, value, ok] of table) {
      it(`${schemaName}: ${field}=${JSON.stringify(value)} → ${ok ? "accepted" : "rejected"}`, () => {
        if (ok) accepts(schema, { ...base, [field]: value });
        else rejects(schema, { ...base, [field]: value });
      });
    }
  }
  it("the message names the bounds", () => {
    rejects(authenticationRuleSchema, { method: "EMAIL_VERIFICATION", payload: {}, accessTokenTtlSeconds: 30 }, /accessTokenTtlSeconds .*between 60 and 604800/);
    rejects(realizeRuleSchema, { constraintType: "EVERYONE", payload: {}, refreshTokenTtlSeconds: 10 }, /refreshTokenTtlSeconds .*between 86400 and 31536000/);
  });
});

describe("/establish narrowing arrays", () => {
  const emailConstraint = { constraintType: "EMAIL", payload: { allowedEmails: ["admin@example.com"] } };
  const arrays: Array<[string, z.ZodType, unknown]> = [
    ["authenticationConstraints", authenticationConstraintsSchema, { method: "PASSKEY_REASONED", payload: {} }],
    ["realizeConstraints", realizeConstraintsSchema, emailConstraint],
    ["returnMethods", returnMethodsSchema, { type: "STATUS_POLL", payload: {} }],
  ];
  for (const [field, schema, entry] of arrays) {
    it(`${field}: an empty array is rejected with a clear message`, () => {
      rejects(schema, [], new RegExp(`${field} must not be an empty array`));
      rejects(establishNarrowingSchema, { [field]: [] }, /must not be an empty array/);
    });
    it(`${field}: 32 entries are accepted, 33 rejected`, () => {
      accepts(schema, Array.from({ length: 32 }, () => entry));
      rejects(schema, Array.from({ length: 33 }, () => entry), /at most 32/);
    });
    it(`${field}: null is not "absent"`, () => rejects(establishNarrowingSchema, { [field]: null }));
  }
  it("realize constraint lists must be non-empty", () => {
    rejects(realizeConstraintSchema, { constraintType: "EMAIL", payload: { allowedEmails: [] } }, /at least one/);
    rejects(realizeConstraintSchema, { constraintType: "STEAM_ID", payload: { allowedSteamIds: [] } });
    rejects(realizeConstraintSchema, { constraintType: "ACCOUNT_ALIAS", payload: { allowedAccountAliases: [] } });
    rejects(realizeConstraintSchema, { constraintType: "SECTOR_SUBJECT", payload: { allowedSectorSubjects: [] } });
  });
  it("a narrowing entry may list 256 emails but not 257", () => {
    const list = (n: number) => Array.from({ length: n }, (_, i) => `user${i}@example.com`);
    accepts(realizeConstraintSchema, { constraintType: "EMAIL", payload: { allowedEmails: list(256) } });
    rejects(realizeConstraintSchema, { constraintType: "EMAIL", payload: { allowedEmails: list(257) } }, /at most 256/);
  });
  it("a narrowing STEAM_TICKET may list 256 app ids but not 257", () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
    accepts(authenticationConstraintSchema, { method: "STEAM_TICKET", payload: { allowedSteamAppIds: ids(256) } });
    rejects(authenticationConstraintSchema, { method: "STEAM_TICKET", payload: { allowedSteamAppIds: ids(257) } });
  });
  it("a narrowing email pattern may be 320 characters but not 321", () => {
    const pattern = (n: number) => `${"a".repeat(n - "@example.com".length)}@example.com`;
    accepts(realizeConstraintSchema, { constraintType: "EMAIL", payload: { allowedEmails: [pattern(320)] } });
    rejects(realizeConstraintSchema, { constraintType: "EMAIL", payload: { allowedEmails: [pattern(321)] } });
  });
  it("unknown keys on the narrowing object are rejected", () => {
    rejects(establishNarrowingSchema, { returnMethod: [{ type: "STATUS_POLL", payload: {} }] }, /Unrecognized key/);
  });
});

describe("ruleSetSchema", () => {
  it("accepts empty layers (an unusable but well-formed application)", () => {
    assert.deepEqual(ruleSetSchema.parse({ authentication: [], realize: [], return: [] }), {
      authentication: [],
      realize: [],
      return: [],
    });
  });
  it("accepts a complete rules file", () => {
    accepts(ruleSetSchema, {
      authentication: [{ method: "PASSKEY_REASONED", payload: {}, ...NULL_TTLS }],
      realize: [{ constraintType: "EMAIL", payload: { allowedEmails: ["*@example.com"] } }],
      return: [{ returnMethod: "CALLBACK", payload: { allowedCallbackDomains: ["client.example.com"] }, accessTokenTtlSeconds: 3600 }],
    });
  });
  it("rejects a missing layer, an extra key, and a bad rule deep inside", () => {
    rejects(ruleSetSchema, { authentication: [], realize: [] });
    rejects(ruleSetSchema, { authentication: [], realize: [], return: [], claims: [] }, /Unrecognized key/);
    const result = ruleSetSchema.safeParse({
      authentication: [],
      realize: [{ constraintType: "STEAM_ID", payload: { allowedSteamIds: ["abc"] } }],
      return: [],
    });
    assert.equal(result.success, false);
    assert.deepEqual(result.error?.issues[0]?.path, ["realize", 0, "payload", "allowedSteamIds", 0]);
  });
  it("holds one token-endpoint auth method across an application's OIDC rules (one client, one way to authenticate)", () => {
    const oidc = (method: string, uri: string) => ({
      returnMethod: "OIDC",
      payload: { redirectUris: [uri], allowedScopes: ["openid"], tokenEndpointAuthMethod: method },
    });
    const rules = (...returns: unknown[]) => ({ authentication: [], realize: [], return: returns });
    accepts(ruleSetSchema, rules(oidc("private_key_jwt", "https://a.example/cb"), oidc("private_key_jwt", "https://b.example/cb")));
    accepts(ruleSetSchema, rules(oidc("none", "https://a.example/cb"), { returnMethod: "STATUS_POLL", payload: {} }));
    const mixed = ruleSetSchema.safeParse(rules(oidc("private_key_jwt", "https://a.example/cb"), { returnMethod: "STATUS_POLL", payload: {} }, oidc("none", "http://localhost/cb")));
    assert.equal(mixed.success, false);
    assert.deepEqual(mixed.error?.issues.map((issue) => issue.path), [["return", 2, "payload", "tokenEndpointAuthMethod"]]);
    assert.match(mixed.error!.issues[0]!.message, /same tokenEndpointAuthMethod \(here private_key_jwt\)/);
  });
});
