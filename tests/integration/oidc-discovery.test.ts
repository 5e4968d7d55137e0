// The discovery document says exactly what the provider does: this test
// reads it and exercises every advertised value (and a neighbour that is not
// advertised, which must be refused).
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { decodeProtectedHeader, importPKCS8, SignJWT } from "jose";
import * as client from "openid-client";
import { requireServer } from "../support/env";
import { uniqueEmail } from "../support/mailbox";
import {
  REDIRECT_URI,
  authorizationUrl,
  authorizeHop,
  createOidcApplication,
  discover,
  exposureKeyOf,
  issuerUrl,
  postForm,
  signInThroughVia,
  tokenEndpoint,
  type AuthMethod,
  type OidcApplication,
} from "../support/oidc";
import { ViaClient } from "../support/via-client";

type Metadata = Record<string, unknown> & {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint: string;
  jwks_uri: string;
  end_session_endpoint: string;
  response_types_supported: string[];
  response_modes_supported: string[];
  grant_types_supported: string[];
  subject_types_supported: string[];
  id_token_signing_alg_values_supported: string[];
  scopes_supported: string[];
  claims_supported: string[];
  claim_types_supported: string[];
  code_challenge_methods_supported: string[];
  token_endpoint_auth_methods_supported: AuthMethod[];
  token_endpoint_auth_signing_alg_values_supported: string[];
  prompt_values_supported: string[];
};

let metadata: Metadata;
let app: OidcApplication;
let config: client.Configuration;
let via: ViaClient;

/** A code for `config`'s client through the via session `via` already holds (consent settled). */
async function codeWithSession(target: client.Configuration, extra: Record<string, string> = {}) {
  const attempt = await authorizationUrl(target, extra);
  const hop = await authorizeHop(attempt.url, via.cookieHeader());
  const continued = await via.call("continue", { exposureKey: exposureKeyOf(hop.location) });
  assert.equal(continued.body.next, "callback", JSON.stringify(continued.body));
  return { attempt, callback: new URL(String(continued.body.redirectTo)) };
}

async function tokensWithSession(target: client.Configuration, extra: Record<string, string> = {}) {
  const { attempt, callback } = await codeWithSession(target, extra);
  return client.authorizationCodeGrant(target, callback, { pkceCodeVerifier: attempt.codeVerifier, expectedState: attempt.state, expectedNonce: attempt.nonce });
}

describe("OIDC discovery document", () => {
  before(async () => {
    const response = await fetch(`${issuerUrl()}/.well-known/openid-configuration`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
    metadata = (await response.json()) as Metadata;
    app = await createOidcApplication({ method: "none", claims: { email: "OPTIONAL", firstName: "OPTIONAL", lastName: "OPTIONAL" } });
    config = await discover(app);
    via = new ViaClient();
    const attempt = await authorizationUrl(config);
    await signInThroughVia(attempt.url, uniqueEmail("oidc-discovery"), via, 1, { firstName: "Grace", lastName: "Hopper" });
  });

  it("issuer and endpoints: the issuer is PUBLIC_URL/oidc and every endpoint answers", async () => {
    assert.equal(metadata.issuer, `${requireServer()}/oidc`);
    assert.equal(config.serverMetadata().issuer, metadata.issuer);
    const authorize = await fetch(metadata.authorization_endpoint, { redirect: "manual" });
    assert.equal(authorize.status, 303);
    const token = await fetch(metadata.token_endpoint, { method: "POST" });
    assert.equal(token.status, 400);
    assert.equal(((await token.json()) as { error: string }).error, "invalid_request");
    assert.equal((await fetch(metadata.userinfo_endpoint)).status, 401);
    const jwks = (await (await fetch(metadata.jwks_uri)).json()) as { keys: { kid: string; kty: string; alg: string; use: string }[] };
    assert.ok(jwks.keys.length >= 1);
    for (const key of jwks.keys) assert.deepEqual([key.kty, key.alg, key.use], ["RSA", "RS256", "sig"]);
    assert.equal((await fetch(metadata.end_session_endpoint, { redirect: "manual" })).status, 303);
  });

  it("response_types_supported and response_modes_supported: code, in the query — nothing else", async () => {
    assert.deepEqual(metadata.response_types_supported, ["code"]);
    assert.deepEqual(metadata.response_modes_supported, ["query"]);
    const { callback } = await codeWithSession(config, { response_mode: "query" });
    assert.match(callback.searchParams.get("code") ?? "", /^oac_/);
    assert.equal(callback.hash, "");
    for (const responseType of ["token", "id_token", "code id_token", "none"]) {
      const attempt = await authorizationUrl(config, { response_type: responseType });
      assert.equal((await authorizeHop(attempt.url)).location.searchParams.get("error"), "unsupported_response_type", responseType);
    }
    for (const mode of ["fragment", "form_post"]) {
      const attempt = await authorizationUrl(config, { response_mode: mode });
      assert.equal((await authorizeHop(attempt.url)).location.searchParams.get("error"), "invalid_request", mode);
    }
  });

  it("grant_types_supported: authorization_code and refresh_token — nothing else", async () => {
    assert.deepEqual(metadata.grant_types_supported, ["authorization_code", "refresh_token"]);
    const tokens = await tokensWithSession(config);
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    assert.ok(refreshed.access_token);
    for (const grantType of ["client_credentials", "password", "urn:ietf:params:oauth:grant-type:device_code", "implicit"]) {
      const response = await postForm("/oidc/token", { grant_type: grantType, client_id: app.anchor });
      assert.equal(response.body.error, "unsupported_grant_type", grantType);
    }
  });

  it("scopes_supported: each scope does what it says", async () => {
    assert.deepEqual(metadata.scopes_supported, ["openid", "email", "profile", "offline_access"]);
    const openid = await tokensWithSession(config, { scope: "openid" });
    assert.deepEqual(Object.keys(await client.fetchUserInfo(config, openid.access_token, openid.claims()!.sub)), ["sub"]);
    assert.equal(openid.refresh_token, undefined);
    const email = await tokensWithSession(config, { scope: "openid email" });
    assert.ok(email.claims()!.email);
    assert.equal(email.claims()!.name, undefined);
    const profile = await tokensWithSession(config, { scope: "openid profile" });
    assert.deepEqual([profile.claims()!.given_name, profile.claims()!.family_name, profile.claims()!.name, profile.claims()!.email], ["Grace", "Hopper", "Grace Hopper", undefined]);
    const offline = await tokensWithSession(config, { scope: "openid offline_access" });
    assert.ok(offline.refresh_token);
    const unknown = await authorizationUrl(config, { scope: "openid phone" });
    assert.equal((await authorizeHop(unknown.url)).location.searchParams.get("error"), "invalid_scope");
  });

  it("claims_supported: every claim appears in an ID token or userinfo, and nothing else does", async () => {
    const tokens = await tokensWithSession(config);
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub);
    const seen = new Set([...Object.keys(tokens.claims()!), ...Object.keys(userinfo)]);
    assert.deepEqual([...seen].filter((claim) => !metadata.claims_supported.includes(claim)), []);
    assert.deepEqual(metadata.claims_supported.filter((claim) => !seen.has(claim)), []);
    assert.deepEqual(metadata.claim_types_supported, ["normal"]);
  });

  it("subject_types_supported: pairwise — another sector sees another sub", async () => {
    assert.deepEqual(metadata.subject_types_supported, ["pairwise"]);
    const other = await createOidcApplication({ method: "none", anchorPrefix: "oidc-sector-b" });
    const otherConfig = await discover(other);
    const mine = await tokensWithSession(config, { scope: "openid" });
    const theirs = await tokensWithSession(otherConfig, { scope: "openid" });
    assert.match(theirs.claims()!.sub, /^sub_/);
    assert.notEqual(theirs.claims()!.sub, mine.claims()!.sub);
  });

  it("id_token_signing_alg_values_supported: RS256 with a kid from the JWKS", async () => {
    assert.deepEqual(metadata.id_token_signing_alg_values_supported, ["RS256"]);
    const tokens = await tokensWithSession(config, { scope: "openid" });
    const header = decodeProtectedHeader(tokens.id_token!);
    assert.equal(header.alg, "RS256");
    const jwks = (await (await fetch(metadata.jwks_uri)).json()) as { keys: { kid: string }[] };
    assert.ok(jwks.keys.some((key) => key.kid === header.kid));
  });

  it("code_challenge_methods_supported: S256 only", async () => {
    assert.deepEqual(metadata.code_challenge_methods_supported, ["S256"]);
    const attempt = await authorizationUrl(config, { code_challenge_method: "plain", code_challenge: "a".repeat(43) });
    assert.equal((await authorizeHop(attempt.url)).location.searchParams.get("error"), "invalid_request");
  });

  it("token_endpoint_auth_methods_supported: each method authenticates a client configured for it", async () => {
    assert.deepEqual(metadata.token_endpoint_auth_methods_supported, ["private_key_jwt", "client_secret_basic", "client_secret_post", "none"]);
    for (const method of metadata.token_endpoint_auth_methods_supported) {
      const target = await createOidcApplication({ method, anchorPrefix: `oidc-disc-${method.replace(/_/g, "-")}` });
      const targetConfig = await discover(target);
      // Consent for this new application is settled once on the page flow, then the session serves.
      const attempt = await authorizationUrl(targetConfig, { scope: "openid" });
      const hop = await authorizeHop(attempt.url, via.cookieHeader());
      const continued = await via.call("continue", { exposureKey: exposureKeyOf(hop.location) });
      assert.equal(continued.body.next, "callback", JSON.stringify(continued.body));
      const tokens = await client.authorizationCodeGrant(targetConfig, new URL(String(continued.body.redirectTo)), {
        pkceCodeVerifier: attempt.codeVerifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
      });
      assert.ok(tokens.id_token, method);
    }
  });

  it("token_endpoint_auth_signing_alg_values_supported: RS256 assertions only", async () => {
    assert.deepEqual(metadata.token_endpoint_auth_signing_alg_values_supported, ["RS256"]);
    const jwtApp = await createOidcApplication({ method: "private_key_jwt", anchorPrefix: "oidc-disc-alg" });
    const key = await importPKCS8(jwtApp.privateKeyPem, "RS512");
    const now = Math.floor(Date.now() / 1000);
    const rs512 = await new SignJWT({ jti: crypto.randomUUID() })
      .setProtectedHeader({ alg: "RS512" })
      .setIssuer(jwtApp.anchor)
      .setSubject(jwtApp.anchor)
      .setAudience(tokenEndpoint())
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(key);
    const response = await postForm("/oidc/token", {
      grant_type: "authorization_code",
      code: "oac_" + "3".repeat(64),
      redirect_uri: REDIRECT_URI,
      code_verifier: client.randomPKCECodeVerifier(),
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: rs512,
    });
    assert.deepEqual([response.status, response.body.error], [400, "invalid_client"]);
  });

  it("prompt_values_supported: each value is understood", async () => {
    assert.deepEqual(metadata.prompt_values_supported, ["none", "login", "consent", "select_account"]);
    const none = await authorizationUrl(config, { prompt: "none" });
    assert.ok((await authorizeHop(none.url, via.cookieHeader())).location.searchParams.get("code"));
    for (const prompt of ["login", "consent", "select_account"]) {
      const attempt = await authorizationUrl(config, { prompt });
      exposureKeyOf((await authorizeHop(attempt.url, via.cookieHeader())).location);
    }
  });

  it("authorization_response_iss_parameter_supported, and the request parameters it declines", async () => {
    assert.equal(metadata.authorization_response_iss_parameter_supported, true);
    const { callback } = await codeWithSession(config);
    assert.equal(callback.searchParams.get("iss"), metadata.issuer);
    assert.equal(metadata.request_parameter_supported, false);
    assert.equal(metadata.request_uri_parameter_supported, false);
    assert.equal(metadata.claims_parameter_supported, false);
    const withRequest = await authorizationUrl(config, { request: "x.y.z" });
    assert.equal((await authorizeHop(withRequest.url)).location.searchParams.get("error"), "request_not_supported");
    const withRequestUri = await authorizationUrl(config, { request_uri: "https://rp.example/r" });
    assert.equal((await authorizeHop(withRequestUri.url)).location.searchParams.get("error"), "request_uri_not_supported");
    // The claims parameter is not supported, so it is ignored (OIDC Core §5.5 lets a provider do so).
    const { callback: ignored } = await codeWithSession(config, { claims: JSON.stringify({ id_token: { email: { essential: true } } }) });
    assert.ok(ignored.searchParams.get("code"));
  });

  it("lists nothing unknown", () => {
    const known = new Set([
      "issuer",
      "authorization_endpoint",
      "token_endpoint",
      "userinfo_endpoint",
      "jwks_uri",
      "end_session_endpoint",
      "response_types_supported",
      "response_modes_supported",
      "grant_types_supported",
      "subject_types_supported",
      "id_token_signing_alg_values_supported",
      "scopes_supported",
      "claims_supported",
      "claim_types_supported",
      "code_challenge_methods_supported",
      "token_endpoint_auth_methods_supported",
      "token_endpoint_auth_signing_alg_values_supported",
      "prompt_values_supported",
      "authorization_response_iss_parameter_supported",
      "claims_parameter_supported",
      "request_parameter_supported",
      "request_uri_parameter_supported",
    ]);
    assert.deepEqual(Object.keys(metadata).filter((key) => !known.has(key)), [], "every advertised field is exercised above");
  });
});
