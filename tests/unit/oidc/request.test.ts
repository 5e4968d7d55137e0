// Pure pieces of the OpenID Provider: scope parsing and the scope gate, PKCE
// S256 (RFC 7636 Appendix B), and how prompt / max_age become freshness
// cutoffs on the stored request.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AuthorizeRedirectError, storedRequest, validateRequest, type TrustedClient } from "@/lib/oidc/authorization-request";
import { verifierMatches } from "@/lib/oidc/codes";
import { claimsOfScope, formatScope, scopeValues } from "@/lib/oidc/scope";

const trusted = {
  context: { application: { anchor: "rp" } },
  client: { redirectUris: ["https://rp.example/cb"], postLogoutRedirectUris: [], allowedScopes: ["openid", "email", "profile"], tokenEndpointAuthMethods: ["none"] },
  redirectUri: "https://rp.example/cb",
  state: null,
} as unknown as TrustedClient;

const base = {
  response_type: "code",
  scope: "openid email",
  code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
  code_challenge_method: "S256",
};

function rejects(params: Record<string, string>, error: string) {
  assert.throws(() => validateRequest(trusted, new URLSearchParams({ ...base, ...params })), (thrown: unknown) => {
    assert.ok(thrown instanceof AuthorizeRedirectError);
    assert.equal(thrown.error, error);
    return true;
  });
}

describe("OIDC request pieces", () => {
  it("scopes: space-separated, deduplicated, written in discovery order; the gate maps email and profile", () => {
    assert.deepEqual(scopeValues("  email openid  email "), ["email", "openid"]);
    assert.equal(formatScope(["profile", "openid", "offline_access", "email"]), "openid email profile offline_access");
    assert.deepEqual(claimsOfScope("openid profile email"), ["email", "firstName", "lastName"]);
    assert.deepEqual(claimsOfScope("openid offline_access"), []);
  });

  it("PKCE S256: the RFC 7636 Appendix B example", () => {
    assert.ok(verifierMatches("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    assert.ok(!verifierMatches("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXl", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
  });

  it("validates the request: scope within the rule, S256 only, prompt and max_age well-formed", () => {
    assert.equal(validateRequest(trusted, new URLSearchParams({ ...base, scope: "email openid" })).scope, "openid email");
    rejects({ scope: "openid offline_access" }, "invalid_scope");
    rejects({ code_challenge_method: "plain" }, "invalid_request");
    rejects({ prompt: "none consent" }, "invalid_request");
    rejects({ max_age: "1.5" }, "invalid_request");
    rejects({ response_type: "code token" }, "unsupported_response_type");
  });

  it("prompt and max_age become cutoffs fixed at request time", () => {
    const now = new Date("2026-06-01T12:00:00Z");
    const stored = (params: Record<string, string>) => storedRequest(trusted, validateRequest(trusted, new URLSearchParams({ ...base, ...params })), now);
    assert.deepEqual([stored({}).signInNotBefore, stored({}).consentNotBefore], [null, null]);
    assert.equal(stored({ prompt: "login" }).signInNotBefore, now.toISOString());
    assert.equal(stored({ prompt: "select_account" }).signInNotBefore, now.toISOString());
    assert.equal(stored({ max_age: "300" }).signInNotBefore, "2026-06-01T11:55:00.000Z");
    assert.equal(stored({ max_age: "300", prompt: "login" }).signInNotBefore, now.toISOString(), "the stricter one");
    assert.equal(stored({ prompt: "consent" }).consentNotBefore, now.toISOString());
  });
});
