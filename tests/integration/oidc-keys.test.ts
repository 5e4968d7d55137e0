// The platform ID-token keys across rotations (docs 16): the JWKS publishes
// the active key and the retired ones, so an ID token signed before a
// rotation still verifies (openid-client refetches the JWKS on an unknown
// kid) — even across a second rotation within the hour; a key retired longer
// than an ID token lives is dropped (oidc-lib, with a clock). Plus the admin
// commands' command lines.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { SignJWT, createRemoteJWKSet, decodeProtectedHeader, generateKeyPair, jwtVerify } from "jose";
import * as client from "openid-client";
import { runAdmin } from "../support/applications";
import { uniqueEmail } from "../support/mailbox";
import { POST_LOGOUT_URI, authorizationUrl, createOidcApplication, discover, issuerUrl, signInThroughVia, type OidcApplication } from "../support/oidc";
import { ViaClient } from "../support/via-client";

let app: OidcApplication;
let config: client.Configuration;

async function jwksKids(): Promise<string[]> {
  const response = await fetch(`${issuerUrl()}/.well-known/jwks.json`);
  assert.equal(response.status, 200);
  return ((await response.json()) as { keys: { kid: string }[] }).keys.map((key) => key.kid);
}

async function rotate(): Promise<{ kid: string; retiredKid: string | null }> {
  const result = await runAdmin(["rotate-oidc-signing-key", "--json"]);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as { kid: string; retiredKid: string | null };
}

async function idToken(via = new ViaClient()) {
  const attempt = await authorizationUrl(config, { scope: "openid offline_access" });
  const callback = await signInThroughVia(attempt.url, uniqueEmail("oidc-keys"), via);
  return client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: attempt.codeVerifier, expectedState: attempt.state, expectedNonce: attempt.nonce });
}

describe("OIDC signing key rotation", () => {
  before(async () => {
    app = await createOidcApplication({ method: "none" });
    config = await discover(app);
  });

  it("keeps ID tokens verifiable across a rotation, and across a second one within the hour", async () => {
    const before = await idToken();
    const kidBefore = decodeProtectedHeader(before.id_token!).kid!;
    assert.ok((await jwksKids()).includes(kidBefore));

    const first = await rotate();
    assert.equal(first.retiredKid, kidBefore);
    assert.deepEqual(await jwksKids(), [first.kid, kidBefore], "active first, then the recently retired key");
    // A relying party holding the old token verifies it against the published set.
    const jwks = createRemoteJWKSet(new URL(`${issuerUrl()}/.well-known/jwks.json`));
    await jwtVerify(before.id_token!, jwks, { issuer: issuerUrl(), audience: app.anchor });
    // New tokens use the new key. An RP that fetched the JWKS less than a minute ago refetches it
    // on the unknown kid only after that minute (openid-client's floor): a fresh RP instance here.
    config = await discover(app);
    const after = await idToken(new ViaClient());
    assert.equal(decodeProtectedHeader(after.id_token!).kid, first.kid);
    const refreshed = await client.refreshTokenGrant(config, before.refresh_token!);
    assert.equal(decodeProtectedHeader(refreshed.id_token!).kid, first.kid);
    // An id_token_hint signed by the retired key is still ours.
    const end = client.buildEndSessionUrl(config, { id_token_hint: before.id_token!, post_logout_redirect_uri: POST_LOGOUT_URI });
    assert.equal((await fetch(end, { redirect: "manual" })).headers.get("location"), POST_LOGOUT_URI);

    // A second rotation within the hour: the first key's ID tokens are still live, so it stays published.
    const second = await rotate();
    assert.equal(second.retiredKid, first.kid);
    assert.deepEqual(await jwksKids(), [second.kid, first.kid, kidBefore], "active, then the retired keys, newest first");
    await jwtVerify(before.id_token!, createRemoteJWKSet(new URL(`${issuerUrl()}/.well-known/jwks.json`)), { issuer: issuerUrl(), audience: app.anchor });
    await jwtVerify(after.id_token!, createRemoteJWKSet(new URL(`${issuerUrl()}/.well-known/jwks.json`)), { issuer: issuerUrl(), audience: app.anchor });
    // A hint signed by a key that was never ours is refused with a page of our own.
    const { privateKey } = await generateKeyPair("RS256");
    const forged = await new SignJWT({ sub: "sub_FORGED" }).setProtectedHeader({ alg: "RS256", kid: "not-ours" }).setIssuer(issuerUrl()).setAudience(app.anchor).sign(privateKey);
    const stale = await fetch(client.buildEndSessionUrl(config, { id_token_hint: forged, post_logout_redirect_uri: POST_LOGOUT_URI }), { redirect: "manual" });
    assert.match(stale.headers.get("location") ?? "", /\/oidc\/error\?problem=invalid-id-token-hint$/);
  });

  it("admin: rotate-oidc-signing-key in words, set-oidc-client-secret for an unknown application, usage errors", async () => {
    const words = await runAdmin(["rotate-oidc-signing-key"]);
    assert.equal(words.code, 0, words.stderr);
    assert.match(words.stdout, /^New OIDC signing key \S+ is active\. Key \S+ is retired/);
    const unknown = await runAdmin(["set-oidc-client-secret", "--application", "no-such-app", "--json"]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /ApplicationNotFound/);
    const missing = await runAdmin(["set-oidc-client-secret"]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--application/);
    const stray = await runAdmin(["rotate-oidc-signing-key", "--application", "x"]);
    assert.equal(stray.code, 2);
    const human = await runAdmin(["set-oidc-client-secret", "--application", app.anchor]);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /ocs_[0-9a-f]{64}/);
    assert.match(human.stderr, /no OIDC rule with client_secret_basic or client_secret_post/, "warns: this client authenticates with none");
  });
});
