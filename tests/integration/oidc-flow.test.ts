// The whole OpenID Connect flow with openid-client as the relying party, for
// each of the four client authentication methods: discovery → authorization
// URL → sign-in on via → callback → code exchange (ID token verified by the
// library against the JWKS) → userinfo → refresh with rotation (and scope
// narrowing) → end-session; and a user's Cancel on the consent step answered
// with access_denied.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compactVerify, decodeProtectedHeader, importSPKI } from "jose";
import * as client from "openid-client";
import { createTestApplication, webRules } from "../support/applications";
import { callback, decodeJwt, establish, post } from "../support/connect-client";
import { uniqueEmail } from "../support/mailbox";
import {
  AUTH_METHODS,
  POST_LOGOUT_URI,
  REDIRECT_URI,
  authorizationUrl,
  createOidcApplication,
  discover,
  issuerUrl,
  signInThroughVia,
} from "../support/oidc";
import { ViaClient } from "../support/via-client";

describe("OIDC flow with openid-client", () => {
  for (const method of AUTH_METHODS) {
    it(`${method}: discovery, sign-in, code exchange, userinfo, refresh, end-session`, async () => {
      const app = await createOidcApplication({ method });
      const config = await discover(app);
      assert.equal(config.serverMetadata().issuer, issuerUrl());

      const attempt = await authorizationUrl(config);
      const email = uniqueEmail(`oidc-${method}`);
      const via = new ViaClient();
      const callbackUrl = await signInThroughVia(attempt.url, email, via, 1, { firstName: "Ada", lastName: "Lovelace" });
      assert.equal(callbackUrl.searchParams.get("iss"), issuerUrl(), "RFC 9207 iss in the authorization response");
      assert.equal(callbackUrl.searchParams.get("state"), attempt.state);
      assert.match(callbackUrl.searchParams.get("code") ?? "", /^oac_[0-9a-f]{64}$/);

      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: attempt.codeVerifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      assert.equal(tokens.token_type.toLowerCase(), "bearer");
      assert.equal(tokens.scope, "openid email profile offline_access");
      assert.equal(tokens.expires_in, 10800);
      assert.ok(tokens.refresh_token, "offline_access hands out a refresh token");
      const idClaims = tokens.claims()!;
      assert.match(idClaims.sub, /^sub_/, "sub is the sector subject");
      assert.equal(idClaims.aud, app.anchor);
      assert.equal(idClaims.iss, issuerUrl());
      assert.equal(idClaims.nonce, attempt.nonce);
      assert.equal(typeof idClaims.auth_time, "number");
      assert.equal(idClaims.email, email);
      assert.equal(idClaims.email_verified, true);
      assert.equal(idClaims.given_name, "Ada");
      assert.equal(idClaims.family_name, "Lovelace");
      assert.equal(idClaims.name, "Ada Lovelace");
      assert.equal(decodeProtectedHeader(tokens.id_token!).alg, "RS256");

      // The access token is a Connect access token: the application's key (from /info) verifies it.
      const info = await post<{ applicationPublicKey: string }>("/connect-api/info", { applicationAnchor: app.anchor, locale: "en-US" });
      const verified = await compactVerify(tokens.access_token, await importSPKI(info.body.applicationPublicKey, "RS256"));
      const accessHeader = verified.protectedHeader as Record<string, unknown>;
      assert.equal(accessHeader.kty, "Access");
      assert.equal(accessHeader.aud, app.anchor);
      assert.equal(accessHeader.scope, "openid email profile offline_access");
      const accessBody = JSON.parse(new TextDecoder().decode(verified.payload)) as Record<string, unknown>;
      assert.deepEqual(accessBody, { subject: idClaims.sub, firstName: "Ada", lastName: "Lovelace", emailAddress: email });

      const userinfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      assert.deepEqual(userinfo, { sub: idClaims.sub, email, email_verified: true, given_name: "Ada", family_name: "Lovelace", name: "Ada Lovelace" });

      // Refresh: strict rotation, auth_time kept, no nonce.
      const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
      assert.notEqual(refreshed.refresh_token, tokens.refresh_token);
      assert.notEqual(refreshed.access_token, tokens.access_token);
      const refreshedClaims = refreshed.claims()!;
      assert.equal(refreshedClaims.sub, idClaims.sub);
      assert.equal(refreshedClaims.auth_time, idClaims.auth_time, "auth_time is preserved across refresh");
      assert.equal(refreshedClaims.nonce, undefined, "no nonce on refresh (OIDC Core §12.2)");
      assert.equal(refreshedClaims.email, email);

      // Narrowing to openid: the new ID token and userinfo lose the profile and email claims.
      const narrowed = await client.refreshTokenGrant(config, refreshed.refresh_token!, { scope: "openid" });
      assert.equal(narrowed.scope, "openid");
      const narrowedClaims = narrowed.claims()!;
      assert.equal(narrowedClaims.email, undefined);
      assert.equal(narrowedClaims.name, undefined);
      assert.deepEqual(await client.fetchUserInfo(config, narrowed.access_token, idClaims.sub), { sub: idClaims.sub });
      // The family keeps the original grant: the next refresh without scope has it all again.
      const again = await client.refreshTokenGrant(config, narrowed.refresh_token!);
      assert.equal(again.scope, "openid email profile offline_access");
      await assert.rejects(client.refreshTokenGrant(config, again.refresh_token!, { scope: "openid address" }), (error: unknown) => {
        assert.ok(error instanceof client.ResponseBodyError);
        assert.equal(error.error, "invalid_scope");
        return true;
      });

      // End-session: back to the registered post-logout URI with state; the via session ends; refresh tokens live on.
      const endUrl = client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: POST_LOGOUT_URI, state: "bye" });
      assert.equal(endUrl.origin + endUrl.pathname, `${issuerUrl()}/end-session`);
      const ended = await fetch(endUrl, { redirect: "manual", headers: { cookie: via.cookieHeader() } });
      assert.equal(ended.status, 303);
      assert.equal(ended.headers.get("location"), `${POST_LOGOUT_URI}?state=bye`);
      assert.ok(ended.headers.getSetCookie().some((cookie) => /^via_session=;.*Max-Age=0/.test(cookie)), "the via browser session cookie is cleared");
      const afterLogout = await client.refreshTokenGrant(config, again.refresh_token!);
      assert.ok(afterLogout.access_token, "end-session does not revoke refresh tokens");
      assert.equal(decodeJwt(afterLogout.access_token).header.kty, "Access");
    });
  }

  it("a POSTed end-session (the RP's cross-site form: no via cookie) is answered with its GET, which ends the session", async () => {
    const app = await createOidcApplication({ method: "none" });
    const config = await discover(app);
    const attempt = await authorizationUrl(config);
    const via = new ViaClient();
    const tokens = await client.authorizationCodeGrant(config, await signInThroughVia(attempt.url, uniqueEmail("oidc-post-logout"), via), {
      pkceCodeVerifier: attempt.codeVerifier,
      expectedState: attempt.state,
      expectedNonce: attempt.nonce,
    });
    const params = new URLSearchParams({ id_token_hint: tokens.id_token!, client_id: app.anchor, post_logout_redirect_uri: POST_LOGOUT_URI, state: "bye" });
    const posted = await fetch(`${issuerUrl()}/end-session`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: params.toString(),
    });
    assert.equal(posted.status, 303);
    assert.deepEqual(posted.headers.getSetCookie(), [], "nothing ends before the browser's GET");
    const location = new URL(posted.headers.get("location") ?? "");
    assert.equal(location.origin + location.pathname, `${issuerUrl()}/end-session`);
    assert.deepEqual([...location.searchParams].sort(), [...params].sort(), "the same parameters, in the query");
    // The top-level GET carries the SameSite=Lax cookie: the via session really ends.
    const ended = await fetch(location, { redirect: "manual", headers: { cookie: via.cookieHeader() } });
    assert.equal(ended.status, 303);
    assert.equal(ended.headers.get("location"), `${POST_LOGOUT_URI}?state=bye`);
    assert.ok(ended.headers.getSetCookie().some((cookie) => /^via_session=;.*Max-Age=0/.test(cookie)), "the via browser session cookie is cleared");
    const silent = await authorizationUrl(config, { prompt: "none" });
    const after = await fetch(silent.url, { redirect: "manual", headers: { cookie: via.cookieHeader() } });
    assert.equal(new URL(after.headers.get("location")!).searchParams.get("error"), "login_required", "the browser is signed out");
  });

  it("without offline_access: no refresh token; with email only: no name; SYNTHETIC email is unverified", async () => {
    const app = await createOidcApplication({ method: "none", claims: { email: "SYNTHETIC", firstName: "OPTIONAL" } });
    const config = await discover(app);
    const attempt = await authorizationUrl(config, { scope: "openid email" });
    const email = uniqueEmail("oidc-synthetic");
    const via = new ViaClient();
    const hop = await fetch(attempt.url, { redirect: "manual" });
    const exposureKey = new URL(hop.headers.get("location")!).searchParams.get("exposure-key")!;
    // The scope gate: only the email claim is asked about; it is declined.
    const signedIn = await via.signInByEmail(exposureKey, email);
    assert.equal(signedIn.body.next, "consent");
    assert.deepEqual(signedIn.body.ask, ["email"]);
    const consented = await via.call("consent", { exposureKey, decisions: { email: false } });
    assert.equal(consented.body.next, "callback", JSON.stringify(consented.body));
    const tokens = await client.authorizationCodeGrant(config, new URL(String(consented.body.redirectTo)), {
      pkceCodeVerifier: attempt.codeVerifier,
      expectedState: attempt.state,
      expectedNonce: attempt.nonce,
    });
    assert.equal(tokens.refresh_token, undefined);
    assert.equal(tokens.scope, "openid email");
    const claims = tokens.claims()!;
    assert.match(String(claims.email), /@proxy\.sudomimus\.email$/, "a synthetic placeholder, not the real address");
    assert.equal(claims.email_verified, false);
    assert.equal(claims.given_name, undefined);
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    assert.deepEqual(userinfo, { sub: claims.sub, email: claims.email, email_verified: false });
  });

  it("Cancel on the consent step sends the relying party access_denied (with state and iss), and that sign-in is over", async () => {
    const app = await createOidcApplication({ method: "none", claims: { email: "OPTIONAL" } });
    const config = await discover(app);
    const attempt = await authorizationUrl(config, { scope: "openid email" });
    const via = new ViaClient();
    const hop = await fetch(attempt.url, { redirect: "manual" });
    const exposureKey = new URL(hop.headers.get("location")!).searchParams.get("exposure-key")!;
    const signedIn = await via.signInByEmail(exposureKey, uniqueEmail("oidc-decline"));
    assert.equal(signedIn.body.next, "consent");

    const declined = await via.call<{ next: string; declined?: boolean; redirectTo: string }>("decline", { exposureKey });
    assert.equal(declined.status, 200, JSON.stringify(declined.body));
    assert.deepEqual([declined.body.next, declined.body.declined], ["callback", true]);
    const back = new URL(declined.body.redirectTo);
    assert.equal(`${back.origin}${back.pathname}`, REDIRECT_URI);
    assert.deepEqual(
      [back.searchParams.get("error"), back.searchParams.get("state"), back.searchParams.get("iss"), back.searchParams.get("code")],
      ["access_denied", attempt.state, issuerUrl(), null],
    );
    // The relying party's library reads it as the user's refusal.
    await assert.rejects(
      client.authorizationCodeGrant(config, back, { pkceCodeVerifier: attempt.codeVerifier, expectedState: attempt.state, expectedNonce: attempt.nonce }),
      (error: unknown) => error instanceof client.AuthorizationResponseError && error.error === "access_denied",
    );
    // Too late to change one's mind: no code can follow the refusal.
    const late = await via.call<{ reason: string }>("consent", { exposureKey, decisions: { email: true } });
    assert.deepEqual([late.status, late.body.reason], [400, "InquiryExpired"]);
    const again = await via.call<{ reason: string }>("decline", { exposureKey });
    assert.deepEqual([again.status, again.body.reason], [400, "InquiryExpired"]);
  });

  it("Cancel on a Connect sign-in tells the application nothing: the inquiry stays open for the user to review", async () => {
    const app = await createTestApplication({ anchorPrefix: "decline-connect", rules: webRules(), claims: { email: "OPTIONAL" } });
    const inquiry = await establish(app, { returnMethods: [callback()] });
    const via = new ViaClient();
    const signedIn = await via.signInByEmail(inquiry.exposureKey, uniqueEmail("connect-decline"));
    assert.equal(signedIn.body.next, "consent");
    const declined = await via.call("decline", { exposureKey: inquiry.exposureKey });
    assert.deepEqual([declined.status, declined.body], [200, { next: "cancelled" }]);
    const reviewed = await via.call("consent", { exposureKey: inquiry.exposureKey, decisions: { email: true } });
    assert.equal(reviewed.body.next, "callback", JSON.stringify(reviewed.body));
  });
});
