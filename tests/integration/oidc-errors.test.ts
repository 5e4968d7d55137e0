// What the OpenID Provider refuses, and how: errors shown on our own page
// while the client or redirect URI is untrusted, redirected to the RP (with
// state and iss) after that, and the RFC 6749 / 6750 vocabulary at /token
// and /userinfo — PKCE, code binding and replay, client authentication of
// every method, disabled applications and deleted accounts (docs 29).
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as client from "openid-client";
import { createTestApplication, webRules } from "../support/applications";
import { establish, post } from "../support/connect-client";
import { serverSql } from "../support/database";
import { requireServer, testEnv } from "../support/env";
import { uniqueEmail } from "../support/mailbox";
import {
  REDIRECT_URI,
  authorizationUrl,
  authorizeHop,
  clientAssertion,
  createOidcApplication,
  discover,
  issuerUrl,
  postForm,
  setClientSecret,
  signInThroughVia,
  tokenEndpoint,
  type OidcApplication,
} from "../support/oidc";
import { ViaClient } from "../support/via-client";

const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

let app: OidcApplication;
let config: client.Configuration;

/** A fresh code for `app`: the attempt (with its verifier) and the code from the callback. */
async function freshCode(scope = "openid email profile offline_access") {
  const attempt = await authorizationUrl(config, { scope });
  const callback = await signInThroughVia(attempt.url, uniqueEmail("oidc-err"));
  return { attempt, callback, code: callback.searchParams.get("code")! };
}

async function exchangeRaw(form: Record<string, string>, target = app) {
  return postForm("/oidc/token", {
    grant_type: "authorization_code",
    redirect_uri: REDIRECT_URI,
    client_id: target.anchor,
    client_assertion_type: ASSERTION_TYPE,
    client_assertion: await clientAssertion(target),
    ...form,
  });
}

function assertOAuthError(response: { status: number; body: Record<string, unknown> }, status: number, error: string) {
  assert.equal(response.status, status, JSON.stringify(response.body));
  assert.equal(response.body.error, error, JSON.stringify(response.body));
  assert.equal(typeof response.body.error_description, "string");
}

/** The query of /oidc/authorize with everything valid, to be broken one parameter at a time. */
function authorizeQuery(target: OidcApplication, overrides: Record<string, string | null> = {}): URL {
  const url = new URL(`${issuerUrl()}/authorize`);
  const values: Record<string, string | null> = {
    client_id: target.anchor,
    redirect_uri: REDIRECT_URI,
    response_type: "code",
    scope: "openid email",
    state: "st-1",
    nonce: "n-1",
    code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    code_challenge_method: "S256",
    ...overrides,
  };
  for (const [name, value] of Object.entries(values)) if (value !== null) url.searchParams.set(name, value);
  return url;
}

describe("OIDC errors", () => {
  before(async () => {
    app = await createOidcApplication({ method: "private_key_jwt", allowedScopes: ["openid", "email", "profile", "offline_access"] });
    config = await discover(app);
  });

  describe("/authorize before the redirect URI is trusted: our own page, never the RP", () => {
    const cases: [string, (target: OidcApplication) => URL, string][] = [
      ["unknown client_id", () => authorizeQuery(app, { client_id: "no-such-client" }), "unknown-client"],
      ["missing client_id", () => authorizeQuery(app, { client_id: null }), "missing-client-id"],
      ["missing redirect_uri", () => authorizeQuery(app, { redirect_uri: null }), "missing-redirect-uri"],
      ["unregistered redirect_uri", () => authorizeQuery(app, { redirect_uri: "https://attacker.example/cb" }), "redirect-uri-mismatch"],
      ["a redirect_uri that differs by one byte", () => authorizeQuery(app, { redirect_uri: `${REDIRECT_URI}/` }), "redirect-uri-mismatch"],
    ];
    for (const [name, url, problem] of cases) {
      it(name, async () => {
        const hop = await authorizeHop(url(app));
        assert.equal(hop.status, 303);
        assert.equal(hop.location.origin, new URL(requireServer()).origin);
        assert.equal(hop.location.pathname + hop.location.search, `/oidc/error?problem=${problem}`);
      });
    }

    it("an application without an OIDC rule, and the page itself (translated, nothing echoed)", async () => {
      const web = await createTestApplication({ anchorPrefix: "oidc-web-only", rules: webRules() });
      const hop = await authorizeHop(authorizeQuery({ ...app, anchor: web.anchor }));
      assert.equal(hop.location.searchParams.get("problem"), "not-an-oidc-client");
      const page = await fetch(new URL(`/oidc/error?problem=redirect-uri-mismatch`, requireServer()), { headers: { "accept-language": "de-DE" } });
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /Diese Anmeldeanfrage kann nicht abgeschlossen werden/);
      assert.match(page.headers.get("content-security-policy") ?? "", /frame-ancestors 'none'/);
    });

    it("a disabled application (Postgres: changed beside the running server)", async (t) => {
      if (testEnv.dbKind !== "postgres") return t.skip("PGlite belongs to the server process; oidc-lib covers it");
      const disabled = await createOidcApplication({ anchorPrefix: "oidc-off" });
      await serverSql((sql) => sql`update applications set enabled = false where anchor = ${disabled.anchor}`);
      const hop = await authorizeHop(authorizeQuery(disabled));
      assert.equal(hop.location.searchParams.get("problem"), "client-disabled");
    });
  });

  describe("/authorize with a trusted redirect URI: errors go back to the RP with state and iss", () => {
    const cases: [string, Record<string, string | null>, string][] = [
      ["missing PKCE", { code_challenge: null, code_challenge_method: null }, "invalid_request"],
      ["plain PKCE", { code_challenge_method: "plain" }, "invalid_request"],
      ["PKCE method missing (defaults to plain)", { code_challenge_method: null }, "invalid_request"],
      ["a malformed S256 challenge", { code_challenge: "short" }, "invalid_request"],
      ["scope without openid", { scope: "email" }, "invalid_scope"],
      ["missing scope", { scope: null }, "invalid_request"],
      ["missing response_type", { response_type: null }, "invalid_request"],
      ["response_type token", { response_type: "token" }, "unsupported_response_type"],
      ["response_type code id_token", { response_type: "code id_token" }, "unsupported_response_type"],
      ["response_mode fragment", { response_mode: "fragment" }, "invalid_request"],
      ["prompt none with login", { prompt: "none login" }, "invalid_request"],
      ["an unknown prompt", { prompt: "create" }, "invalid_request"],
      ["a bad max_age", { max_age: "-1" }, "invalid_request"],
      ["a request object", { request: "eyJhbGciOiJub25lIn0.e30." }, "request_not_supported"],
      ["request_uri", { request_uri: "https://client.example/request.jwt" }, "request_uri_not_supported"],
      ["prompt=none without a via session", { prompt: "none" }, "login_required"],
    ];
    for (const [name, overrides, error] of cases) {
      it(name, async () => {
        const hop = await authorizeHop(authorizeQuery(app, overrides));
        assert.equal(hop.location.origin + hop.location.pathname, REDIRECT_URI);
        assert.equal(hop.location.searchParams.get("error"), error, hop.location.toString());
        assert.ok(hop.location.searchParams.get("error_description"));
        assert.equal(hop.location.searchParams.get("state"), "st-1");
        assert.equal(hop.location.searchParams.get("iss"), issuerUrl());
        assert.equal(hop.location.searchParams.get("code"), null);
      });
    }

    it("a repeated parameter", async () => {
      const url = authorizeQuery(app);
      url.searchParams.append("scope", "openid");
      const hop = await authorizeHop(url);
      assert.equal(hop.location.searchParams.get("error"), "invalid_request");
    });

    it("a scope outside the OIDC rule's allowedScopes", async () => {
      const narrow = await createOidcApplication({ anchorPrefix: "oidc-narrow", allowedScopes: ["openid", "email"] });
      for (const scope of ["openid profile", "openid offline_access", "openid address"]) {
        const hop = await authorizeHop(authorizeQuery(narrow, { scope }));
        assert.equal(hop.location.searchParams.get("error"), "invalid_scope", scope);
      }
      const narrowConfig = await discover(narrow);
      await assert.rejects(
        (async () => {
          const attempt = await authorizationUrl(narrowConfig, { scope: "openid profile" });
          const hop = await authorizeHop(attempt.url);
          await client.authorizationCodeGrant(narrowConfig, hop.location, { pkceCodeVerifier: attempt.codeVerifier, expectedState: attempt.state });
        })(),
        (error: unknown) => error instanceof client.AuthorizationResponseError && error.error === "invalid_scope",
        "openid-client reads the error from the callback",
      );
    });
  });

  describe("/token: the code", () => {
    it("refuses a wrong PKCE verifier, a wrong redirect_uri and a missing verifier; the code survives them", async () => {
      const { code, attempt } = await freshCode();
      assertOAuthError(await exchangeRaw({ code, code_verifier: client.randomPKCECodeVerifier() }), 400, "invalid_grant");
      assertOAuthError(await exchangeRaw({ code, code_verifier: attempt.codeVerifier, redirect_uri: `${REDIRECT_URI}?x=1` }), 400, "invalid_grant");
      assertOAuthError(await exchangeRaw({ code }), 400, "invalid_request");
      assertOAuthError(await exchangeRaw({ code, code_verifier: "too-short" }), 400, "invalid_grant");
      const good = await exchangeRaw({ code, code_verifier: attempt.codeVerifier });
      assert.equal(good.status, 200, JSON.stringify(good.body));
    });

    it("a replayed code is refused and revokes what the first exchange issued", async () => {
      const { code, attempt } = await freshCode();
      const first = await exchangeRaw({ code, code_verifier: attempt.codeVerifier });
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.equal(first.headers.get("cache-control"), "no-store");
      assert.equal(first.headers.get("pragma"), "no-cache");
      const userinfoBefore = await fetch(`${issuerUrl()}/userinfo`, { headers: { authorization: `Bearer ${String(first.body.access_token)}` } });
      assert.equal(userinfoBefore.status, 200);

      const replay = await exchangeRaw({ code, code_verifier: attempt.codeVerifier });
      assertOAuthError(replay, 400, "invalid_grant");
      const refreshed = await postForm("/oidc/token", {
        grant_type: "refresh_token",
        refresh_token: String(first.body.refresh_token),
        client_id: app.anchor,
        client_assertion_type: ASSERTION_TYPE,
        client_assertion: await clientAssertion(app),
      });
      assertOAuthError(refreshed, 400, "invalid_grant");
      const userinfoAfter = await fetch(`${issuerUrl()}/userinfo`, { headers: { authorization: `Bearer ${String(first.body.access_token)}` } });
      assert.equal(userinfoAfter.status, 401);
      assert.match(userinfoAfter.headers.get("www-authenticate") ?? "", /^Bearer realm="oidc", error="invalid_token"/);
    });

    it("a code is bound to its client", async () => {
      const other = await createOidcApplication({ anchorPrefix: "oidc-other" });
      const { code, attempt } = await freshCode();
      assertOAuthError(await exchangeRaw({ code, code_verifier: attempt.codeVerifier }, other), 400, "invalid_grant");
      assertOAuthError(await exchangeRaw({ code: "oac_" + "0".repeat(64), code_verifier: attempt.codeVerifier }), 400, "invalid_grant");
      assertOAuthError(await exchangeRaw({ code: "not-a-code", code_verifier: attempt.codeVerifier }), 400, "invalid_grant");
    });

    it("grant types, content type and repeated parameters", async () => {
      assertOAuthError(await exchangeRaw({ grant_type: "client_credentials" }), 400, "unsupported_grant_type");
      assertOAuthError(await exchangeRaw({ grant_type: "" }), 400, "invalid_request");
      const json = await post("/oidc/token", { grant_type: "authorization_code" });
      assertOAuthError(json, 400, "invalid_request");
      const repeated = await fetch(tokenEndpoint(), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "grant_type=authorization_code&grant_type=refresh_token",
      });
      assert.equal(repeated.status, 400);
      assert.equal(((await repeated.json()) as { error: string }).error, "invalid_request");
      const get = await fetch(tokenEndpoint());
      assert.equal(get.status, 405);
    });
  });

  describe("/token: client authentication", () => {
    it("private_key_jwt: expired, replayed, wrong audience, too long-lived, wrong key, wrong issuer", async () => {
      const { code, attempt } = await freshCode();
      const now = Math.floor(Date.now() / 1000);
      const refused = async (assertion: string, label: string) => {
        const response = await exchangeRaw({ code, code_verifier: attempt.codeVerifier, client_assertion: assertion });
        // RFC 6749 §5.2: 400 and no Basic challenge for a client that did not try Basic (a 401 would need one).
        assertOAuthError(response, 400, "invalid_client");
        assert.equal(response.headers.get("www-authenticate"), null, label);
      };
      await refused(await clientAssertion(app, { iat: now - 400, exp: now - 100 }), "expired");
      await refused(await clientAssertion(app, { aud: issuerUrl() }), "aud = issuer");
      await refused(await clientAssertion(app, { aud: `${tokenEndpoint()}/` }), "aud off by a byte");
      await refused(await clientAssertion(app, { iat: now, exp: now + 301 }), "lives longer than 300 s");
      await refused(await clientAssertion({ ...app, privateKeyPem: (await createOidcApplication({ anchorPrefix: "oidc-key" })).privateKeyPem }), "another key");
      await refused(await clientAssertion(app, { sub: "someone-else" }), "sub differs");

      const once = await clientAssertion(app, { jti: "jti-used-once", iat: now, exp: now + 300 });
      const first = await exchangeRaw({ code, code_verifier: attempt.codeVerifier, client_assertion: once });
      assert.equal(first.status, 200, JSON.stringify(first.body));
      const { code: code2, attempt: attempt2 } = await freshCode();
      const replay = await exchangeRaw({ code: code2, code_verifier: attempt2.codeVerifier, client_assertion: once });
      assertOAuthError(replay, 400, "invalid_client");
      assert.match(String(replay.body.error_description), /already been used/);
    });

    it("client_secret_basic and client_secret_post: wrong secret, rotated secret, secret on the wrong method", async () => {
      for (const method of ["client_secret_basic", "client_secret_post"] as const) {
        const secretApp = await createOidcApplication({ method });
        const secretConfig = await discover(secretApp);
        const attempt = await authorizationUrl(secretConfig);
        const callback = await signInThroughVia(attempt.url, uniqueEmail(`oidc-${method}`));
        const code = callback.searchParams.get("code")!;
        const base = { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, code_verifier: attempt.codeVerifier };
        const basic = (secret: string) => ({ authorization: `Basic ${Buffer.from(`${secretApp.anchor}:${secret}`).toString("base64")}` });
        const wrong = `ocs_${"1".repeat(64)}`;

        const wrongBasic = await postForm("/oidc/token", base, basic(wrong));
        const wrongPost = await postForm("/oidc/token", { ...base, client_id: secretApp.anchor, client_secret: wrong });
        assertOAuthError(wrongBasic, 401, "invalid_client");
        assert.match(wrongBasic.headers.get("www-authenticate") ?? "", /^Basic realm="oidc"/);
        assertOAuthError(wrongPost, 400, "invalid_client");
        assert.equal(wrongPost.headers.get("www-authenticate"), null);
        // The other secret method is not this client's method, even with the right secret.
        const otherMethod =
          method === "client_secret_basic"
            ? await postForm("/oidc/token", { ...base, client_id: secretApp.anchor, client_secret: secretApp.clientSecret! })
            : await postForm("/oidc/token", base, basic(secretApp.clientSecret!));
        // 401 only where the refused method was Basic (RFC 6749 §5.2).
        assertOAuthError(otherMethod, method === "client_secret_post" ? 401 : 400, "invalid_client");
        assertOAuthError(await postForm("/oidc/token", { ...base, client_id: secretApp.anchor }), 400, "invalid_client");
        // Two methods at once.
        assertOAuthError(await postForm("/oidc/token", { ...base, client_id: secretApp.anchor, client_secret: secretApp.clientSecret! }, basic(secretApp.clientSecret!)), 400, "invalid_request");

        // Rotation: the old secret stops working at once.
        const rotated = await setClientSecret(secretApp.anchor);
        const old = method === "client_secret_basic" ? await postForm("/oidc/token", base, basic(secretApp.clientSecret!)) : await postForm("/oidc/token", { ...base, client_id: secretApp.anchor, client_secret: secretApp.clientSecret! });
        assertOAuthError(old, method === "client_secret_basic" ? 401 : 400, "invalid_client");
        const fresh = method === "client_secret_basic" ? await postForm("/oidc/token", base, basic(rotated)) : await postForm("/oidc/token", { ...base, client_id: secretApp.anchor, client_secret: rotated });
        assert.equal(fresh.status, 200, JSON.stringify(fresh.body));
      }
    });

    it("none: a public client cannot skip PKCE, and a confidential client cannot act as public", async () => {
      assertOAuthError(await postForm("/oidc/token", { grant_type: "authorization_code", code: "oac_" + "2".repeat(64), client_id: app.anchor, redirect_uri: REDIRECT_URI, code_verifier: client.randomPKCECodeVerifier() }), 400, "invalid_client");
      const publicApp = await createOidcApplication({ method: "none" });
      const publicConfig = await discover(publicApp);
      const attempt = await authorizationUrl(publicConfig);
      const callback = await signInThroughVia(attempt.url, uniqueEmail("oidc-public"));
      const noVerifier = await postForm("/oidc/token", { grant_type: "authorization_code", code: callback.searchParams.get("code")!, client_id: publicApp.anchor, redirect_uri: REDIRECT_URI });
      assertOAuthError(noVerifier, 400, "invalid_request");
      assertOAuthError(await postForm("/oidc/token", { grant_type: "authorization_code", code: "x" }), 400, "invalid_client");
    });

    it("invalid_client is 401 with a Basic challenge only when the client tried Basic, else 400 without one (RFC 6749 §5.2)", async () => {
      const secretApp = await createOidcApplication({ method: "client_secret_post" });
      const base = { grant_type: "authorization_code", code: "oac_" + "4".repeat(64), redirect_uri: REDIRECT_URI, code_verifier: client.randomPKCECodeVerifier() };
      const wrong = `ocs_${"1".repeat(64)}`;
      const attempts: [string, Awaited<ReturnType<typeof postForm>>, number][] = [
        ["client_secret_basic", await postForm("/oidc/token", base, { authorization: `Basic ${Buffer.from(`${secretApp.anchor}:${wrong}`).toString("base64")}` }), 401],
        ["client_secret_post", await postForm("/oidc/token", { ...base, client_id: secretApp.anchor, client_secret: wrong }), 400],
        ["private_key_jwt", await postForm("/oidc/token", { ...base, client_id: app.anchor, client_assertion_type: ASSERTION_TYPE, client_assertion: await clientAssertion(app, { aud: issuerUrl() }) }), 400],
        ["none", await postForm("/oidc/token", { ...base, client_id: app.anchor }), 400],
      ];
      for (const [method, response, status] of attempts) {
        assert.equal(response.status, status, `${method}: ${JSON.stringify(response.body)}`);
        assert.equal(response.body.error, "invalid_client", method);
        if (status === 401) assert.equal(response.headers.get("www-authenticate"), 'Basic realm="oidc", charset="UTF-8"', method);
        else assert.equal(response.headers.get("www-authenticate"), null, method);
      }
    });

    it("a retired application and a deleted or disabled account (Postgres: changed beside the running server)", async (t) => {
      if (testEnv.dbKind !== "postgres") return t.skip("PGlite belongs to the server process; oidc-lib covers it");
      const victim = await createOidcApplication({ anchorPrefix: "oidc-victim" });
      const victimConfig = await discover(victim);
      const grant = async () => {
        const attempt = await authorizationUrl(victimConfig);
        const email = uniqueEmail("oidc-victim");
        const callback = await signInThroughVia(attempt.url, email);
        const tokens = await client.authorizationCodeGrant(victimConfig, callback, { pkceCodeVerifier: attempt.codeVerifier, expectedState: attempt.state, expectedNonce: attempt.nonce });
        return { tokens, email, attempt };
      };
      const accountOf = (email: string) => serverSql(async (sql) => (await sql<{ id: string }[]>`select account_id as id from email_identities where email = ${email}`)[0]!.id);

      // Account deleted: code exchange, refresh and userinfo answer per docs 29.
      const deleted = await grant();
      const pendingAttempt = await authorizationUrl(victimConfig);
      const pendingCallback = await signInThroughVia(pendingAttempt.url, deleted.email, new ViaClient(), 2);
      await serverSql(async (sql) => sql`update accounts set status = 'DELETED', deleted_at = now() where id = ${await accountOf(deleted.email)}`);
      const exchange = await postForm("/oidc/token", {
        grant_type: "authorization_code",
        code: pendingCallback.searchParams.get("code")!,
        redirect_uri: REDIRECT_URI,
        code_verifier: pendingAttempt.codeVerifier,
        client_id: victim.anchor,
        client_assertion_type: ASSERTION_TYPE,
        client_assertion: await clientAssertion(victim),
      });
      assert.deepEqual([exchange.status, exchange.body.error, exchange.body.error_description], [400, "invalid_grant", "Account is deleted"]);
      await assert.rejects(client.refreshTokenGrant(victimConfig, deleted.tokens.refresh_token!), (error: unknown) => {
        assert.ok(error instanceof client.ResponseBodyError);
        assert.deepEqual([error.status, error.error, error.error_description], [400, "invalid_grant", "Account is deleted"]);
        return true;
      });
      const userinfo = await fetch(`${issuerUrl()}/userinfo`, { headers: { authorization: `Bearer ${deleted.tokens.access_token}` } });
      assert.equal(userinfo.status, 401);
      assert.deepEqual(await userinfo.json(), { error: "invalid_token", error_description: "Account is deleted" });

      // Account disabled.
      const disabled = await grant();
      await serverSql(async (sql) => sql`update accounts set status = 'DISABLED', disabled_at = now() where id = ${await accountOf(disabled.email)}`);
      await assert.rejects(client.refreshTokenGrant(victimConfig, disabled.tokens.refresh_token!), (error: unknown) => error instanceof client.ResponseBodyError && error.error_description === "Account is disabled");

      // Application retired (docs 13): a code issued before cannot finish its sign-in; issued tokens keep working.
      const live = await grant();
      const pendingLive = await authorizationUrl(victimConfig);
      const pendingLiveCallback = await signInThroughVia(pendingLive.url, live.email, new ViaClient(), 2);
      await serverSql((sql) => sql`update applications set enabled = false where anchor = ${victim.anchor}`);
      await assert.rejects(
        client.authorizationCodeGrant(victimConfig, pendingLiveCallback, { pkceCodeVerifier: pendingLive.codeVerifier, expectedState: pendingLive.state, expectedNonce: pendingLive.nonce }),
        (error: unknown) => error instanceof client.ResponseBodyError && error.status === 400 && error.error === "unauthorized_client",
      );
      const refreshed = await client.refreshTokenGrant(victimConfig, live.tokens.refresh_token!);
      assert.equal(refreshed.claims()!.sub, live.tokens.claims()!.sub);
      const stillIssued = await fetch(`${issuerUrl()}/userinfo`, { headers: { authorization: `Bearer ${refreshed.access_token}` } });
      assert.equal(stillIssued.status, 200);
      assert.equal((await stillIssued.json()).sub, live.tokens.claims()!.sub);
    });
  });

  describe("/token: refresh", () => {
    it("a refresh token is bound to its client and to OIDC sessions", async () => {
      const { code, attempt } = await freshCode();
      const tokens = await exchangeRaw({ code, code_verifier: attempt.codeVerifier });
      const other = await createOidcApplication({ anchorPrefix: "oidc-thief" });
      const stolen = await postForm("/oidc/token", {
        grant_type: "refresh_token",
        refresh_token: String(tokens.body.refresh_token),
        client_id: other.anchor,
        client_assertion_type: ASSERTION_TYPE,
        client_assertion: await clientAssertion(other),
      });
      assertOAuthError(stolen, 400, "invalid_grant");
      const missing = await postForm("/oidc/token", { grant_type: "refresh_token", client_id: app.anchor, client_assertion_type: ASSERTION_TYPE, client_assertion: await clientAssertion(app) });
      assertOAuthError(missing, 400, "invalid_request");
      // The theft attempt did not spend the token.
      const own = await postForm("/oidc/token", {
        grant_type: "refresh_token",
        refresh_token: String(tokens.body.refresh_token),
        client_id: app.anchor,
        client_assertion_type: ASSERTION_TYPE,
        client_assertion: await clientAssertion(app),
      });
      assert.equal(own.status, 200, JSON.stringify(own.body));
    });

    it("a client without offline_access may not refresh", async () => {
      const short = await createOidcApplication({ anchorPrefix: "oidc-online", allowedScopes: ["openid", "email"] });
      const response = await postForm("/oidc/token", {
        grant_type: "refresh_token",
        refresh_token: "x",
        client_id: short.anchor,
        client_assertion_type: ASSERTION_TYPE,
        client_assertion: await clientAssertion(short),
      });
      assertOAuthError(response, 400, "unauthorized_client");
    });
  });

  describe("/userinfo", () => {
    it("needs a Bearer access token with the openid scope", async () => {
      const garbage = await fetch(`${issuerUrl()}/userinfo`, { headers: { authorization: "Bearer not.a.token" } });
      assert.equal(garbage.status, 401);
      assert.equal(((await garbage.json()) as { error: string }).error, "invalid_token");
      assert.match(garbage.headers.get("www-authenticate") ?? "", /^Bearer realm="oidc", error="invalid_token"/);

      // A Connect access token of the same application has no OIDC scope.
      const connectApp = await createTestApplication({ anchorPrefix: "oidc-connect", rules: webRules() });
      const inquiry = await establish(connectApp, { returnMethods: [{ type: "REVEAL", payload: {} }] });
      const revealed = await new ViaClient().realize(inquiry.exposureKey, uniqueEmail("oidc-connect"));
      const connectToken = String((revealed.body.tokens as { accessToken: string }).accessToken);
      const insufficient = await fetch(`${issuerUrl()}/userinfo`, { headers: { authorization: `Bearer ${connectToken}` } });
      assert.equal(insufficient.status, 403);
      assert.match(insufficient.headers.get("www-authenticate") ?? "", /error="insufficient_scope"/);
    });

    it("RFC 6750 §3.1: no token at all is a bare 401 challenge without an error code", async () => {
      const requests: [string, RequestInit][] = [
        ["GET without a token", {}],
        ["GET with another scheme's credentials", { headers: { authorization: "Basic Zm9vOmJhcg==" } }],
        ["POST with an empty form", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "" }],
      ];
      for (const [label, init] of requests) {
        const response = await fetch(`${issuerUrl()}/userinfo`, init);
        assert.equal(response.status, 401, label);
        assert.equal(response.headers.get("www-authenticate"), 'Bearer realm="oidc"', label);
        const body = (await response.json()) as Record<string, unknown>;
        assert.equal(body.error, undefined, `${label}: ${JSON.stringify(body)}`);
      }
    });

    it("RFC 6750 §3.1: a malformed Bearer header or a token sent twice is 400 invalid_request, named in the challenge", async () => {
      const { code, attempt } = await freshCode();
      const accessToken = String((await exchangeRaw({ code, code_verifier: attempt.codeVerifier })).body.access_token);
      const malformed = ["Bearer", "Bearer ", "Bearer two words", `Bearer ${accessToken} extra`];
      const responses = [
        ...(await Promise.all(malformed.map((authorization) => fetch(`${issuerUrl()}/userinfo`, { headers: { authorization } })))),
        await fetch(`${issuerUrl()}/userinfo`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Bearer ${accessToken}` },
          body: new URLSearchParams({ access_token: accessToken }).toString(),
        }),
      ];
      for (const [index, response] of responses.entries()) {
        assert.equal(response.status, 400, `request ${index}`);
        assert.match(response.headers.get("www-authenticate") ?? "", /^Bearer realm="oidc", error="invalid_request", error_description="/, `request ${index}`);
        assert.equal(((await response.json()) as { error: string }).error, "invalid_request");
      }
    });

    it("accepts POST with the token in the header or in the form, not both", async () => {
      const { code, attempt } = await freshCode();
      const tokens = await exchangeRaw({ code, code_verifier: attempt.codeVerifier });
      const accessToken = String(tokens.body.access_token);
      const viaForm = await postForm("/oidc/userinfo", { access_token: accessToken });
      assert.equal(viaForm.status, 200, JSON.stringify(viaForm.body));
      assert.match(String(viaForm.body.sub), /^sub_/);
      const viaHeader = await postForm("/oidc/userinfo", {}, { authorization: `Bearer ${accessToken}` });
      assert.deepEqual(viaHeader.body, viaForm.body);
      const both = await postForm("/oidc/userinfo", { access_token: accessToken }, { authorization: `Bearer ${accessToken}` });
      assert.equal(both.status, 400);
    });
  });

  // PostgreSQL stores U+0000 in neither text nor jsonb; a parameter carrying one used to end in a 500.
  describe("the NUL character (U+0000)", () => {
    it("/authorize: a client_id with it names no client; state and nonce with it go back to the RP as invalid_request", async () => {
      for (const clientId of ["\u0000", `${app.anchor}\u0000`]) {
        const hop = await authorizeHop(authorizeQuery(app, { client_id: clientId }));
        assert.equal(hop.location.pathname + hop.location.search, "/oidc/error?problem=unknown-client");
      }
      const nonce = await authorizeHop(authorizeQuery(app, { nonce: "n\u0000" }));
      assert.equal(nonce.location.origin + nonce.location.pathname, REDIRECT_URI);
      assert.deepEqual([nonce.location.searchParams.get("error"), nonce.location.searchParams.get("state")], ["invalid_request", "st-1"]);
      // The state is echoed as sent (RFC 6749 §4.1.2.1), by GET and by POST alike.
      const viaGet = (await authorizeHop(authorizeQuery(app, { state: "st\u0000" }))).location;
      const viaPost = await fetch(`${issuerUrl()}/authorize`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: authorizeQuery(app, { state: "st\u0000" }).searchParams.toString(),
      });
      // The POST is answered with its GET (see oidc-prompt), which answers as above.
      const postedAsGet = (await authorizeHop(new URL(viaPost.headers.get("location") ?? "/", requireServer()))).location;
      for (const location of [viaGet, postedAsGet]) {
        assert.equal(location.origin + location.pathname, REDIRECT_URI);
        assert.deepEqual([location.searchParams.get("error"), location.searchParams.get("state")], ["invalid_request", "st\u0000"]);
      }
    });

    it("/token: invalid_request in the form, invalid_client in the credentials", async () => {
      assertOAuthError(await exchangeRaw({ code: "x", code_verifier: "y", client_id: "\u0000" }), 400, "invalid_request");
      assertOAuthError(await exchangeRaw({ code: "oac_\u0000", code_verifier: "y" }), 400, "invalid_request");
      const basic = { authorization: `Basic ${Buffer.from("%00:secret").toString("base64")}` };
      assertOAuthError(await postForm("/oidc/token", { grant_type: "authorization_code", code: "x" }, basic), 401, "invalid_client");
      // Without a client_id the assertion's (not yet verified) iss names the client.
      const forged = await clientAssertion(app, { iss: "\u0000" });
      assertOAuthError(await postForm("/oidc/token", { grant_type: "authorization_code", code: "x", client_assertion_type: ASSERTION_TYPE, client_assertion: forged }), 400, "invalid_client");
      // The application's own genuine assertion with a jti the database cannot store.
      assertOAuthError(await exchangeRaw({ code: "x", code_verifier: "y", client_assertion: await clientAssertion(app, { jti: "\u0000" }) }), 400, "invalid_request");
    });

    it("/end-session: a client_id with it is an unknown client", async () => {
      const url = new URL(`${issuerUrl()}/end-session`);
      url.searchParams.set("client_id", "\u0000");
      const hop = await authorizeHop(url);
      assert.equal(hop.location.pathname + hop.location.search, "/oidc/error?problem=logout-client-unknown");
    });
  });
});
