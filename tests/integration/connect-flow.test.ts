// The whole Connect lifecycle over HTTP, as an integrating backend sees it:
// establish → (user signs in on via) → status-poll → redeem → verify tokens
// against /info's key → refresh → introspect → logout → revoke-all.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { compactVerify, importSPKI } from "jose";
import { createTestApplication, webRules } from "../support/applications";
import { callback, decodeJwt, establish, post, signedPost, type TestApplication } from "../support/connect-client";
import { uniqueEmail } from "../support/mailbox";
import { ViaClient } from "../support/via-client";

const KEY = { exposure: /^exp_[0-9a-f]{32}$/, hidden: /^hid_[0-9a-f]{32}$/, confirmation: /^cnf_[0-9a-f]{32}$/ };
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

let app: TestApplication;

async function verifyWithInfoKey(token: string, anchor: string) {
  const info = await post<{ applicationPublicKey: string }>("/connect-api/info", { applicationAnchor: anchor, locale: "en-US" });
  assert.equal(info.status, 200);
  const { payload, protectedHeader } = await compactVerify(token, await importSPKI(info.body.applicationPublicKey, "RS256"));
  return { header: protectedHeader as Record<string, unknown>, body: JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown> };
}

describe("Connect lifecycle", () => {
  before(async () => {
    app = await createTestApplication({ anchorPrefix: "flow", rules: webRules(), claims: { email: "REQUIRED", firstName: "OPTIONAL" } });
  });

  it("establishes, realizes, polls, redeems, refreshes, introspects and logs out", async () => {
    const email = uniqueEmail("flow");
    const inquiry = await establish(app, { returnMethods: [callback(), { type: "STATUS_POLL", payload: {} }] });
    assert.equal(inquiry.applicationAnchor, app.anchor);
    assert.match(inquiry.exposureKey, KEY.exposure);
    assert.match(inquiry.hiddenKey, KEY.hidden);

    const keys = { exposureKey: inquiry.exposureKey, hiddenKey: inquiry.hiddenKey };
    assert.deepEqual((await post("/connect-api/status-poll", keys)).body, { status: "PENDING" });
    const early = await post("/connect-api/redeem", { ...keys, confirmationKey: `cnf_${"0".repeat(32)}` });
    assert.deepEqual([early.status, early.body.reason], [400, "InquiryNotRealized"]);

    // The user signs in by email code (a new account) and is asked for consent.
    const via = new ViaClient();
    const signedIn = await via.signInByEmail(inquiry.exposureKey, email);
    assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
    assert.equal(signedIn.body.next, "consent");
    assert.deepEqual(signedIn.body.ask, ["email", "firstName"]);
    assert.equal(signedIn.body.registered, true);
    const consented = await via.call("consent", { exposureKey: inquiry.exposureKey, decisions: { email: true, firstName: false } });
    assert.equal(consented.status, 200, JSON.stringify(consented.body));
    assert.equal(consented.body.next, "callback");
    const redirect = new URL(String(consented.body.redirectTo));
    assert.equal(redirect.origin + redirect.pathname, "http://localhost/auth/return");
    assert.equal(redirect.searchParams.get("state"), "xyz", "the application's own query survives");
    assert.equal(redirect.searchParams.get("exposure-key"), inquiry.exposureKey);
    const confirmationKey = redirect.searchParams.get("confirmation-key")!;
    assert.match(confirmationKey, KEY.confirmation);

    const polled = await post("/connect-api/status-poll", keys);
    assert.deepEqual(polled.body, { status: "REALIZED", confirmationKey });

    const redeemed = await post<{ applicationAnchor: string; accessToken: string; refreshToken: string; claims: unknown }>("/connect-api/redeem", {
      ...keys,
      confirmationKey,
    });
    assert.equal(redeemed.status, 200, JSON.stringify(redeemed.body));
    assert.equal(redeemed.body.applicationAnchor, app.anchor);
    assert.deepEqual(redeemed.body.claims, {
      email: { requirement: "REQUIRED", state: "GRANTED" },
      firstName: { requirement: "OPTIONAL", state: "DENIED" },
      lastName: { requirement: "OFF", state: "UNKNOWN" },
    });

    const access = await verifyWithInfoKey(redeemed.body.accessToken, app.anchor);
    const refreshToken = await verifyWithInfoKey(redeemed.body.refreshToken, app.anchor);
    assert.equal(access.header.kty, "Access");
    assert.equal(access.header.iss, "sudomimus.com");
    assert.equal(access.header.aud, app.anchor);
    assert.equal(access.header.sub, refreshToken.header.jti, "an access token's sub names its refresh token");
    assert.equal((access.header.exp as number) - (access.header.iat as number), 10_800, "default access TTL is 3 hours");
    assert.equal(refreshToken.header.kty, "Refresh");
    assert.equal((refreshToken.header.exp as number) - (refreshToken.header.iat as number), 2_592_000, "default refresh TTL is 30 days");
    assert.match(String(access.body.subject), /^sub_[0-9A-Z]{16}$/);
    assert.equal(access.body.emailAddress, email);
    assert.equal("firstName" in access.body, false, "a declined optional claim is absent");
    assert.deepEqual(refreshToken.body, { subject: access.body.subject });
    for (const token of [redeemed.body.accessToken, redeemed.body.refreshToken]) {
      assert.doesNotMatch(JSON.stringify(decodeJwt(token)), UUID, "no internal account id in any token");
    }

    const again = await post("/connect-api/redeem", { ...keys, confirmationKey });
    assert.deepEqual([again.status, again.body.reason], [400, "InquiryAlreadyRedeemed"]);

    // Refresh rotates and keeps the session's email.
    const refreshed = await post<{ accessToken: string; refreshToken: string; claims: unknown }>("/connect-api/refresh", {
      refreshToken: redeemed.body.refreshToken,
    });
    assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
    const refreshedAccess = await verifyWithInfoKey(refreshed.body.accessToken, app.anchor);
    assert.equal(refreshedAccess.body.subject, access.body.subject);
    assert.equal(refreshedAccess.body.emailAddress, email);
    assert.notEqual(refreshed.body.refreshToken, redeemed.body.refreshToken);
    assert.deepEqual(refreshed.body.claims, redeemed.body.claims);

    const introspected = await post("/connect-api/introspect", { accessToken: redeemed.body.accessToken });
    assert.deepEqual(introspected.body, { status: "active", recommendedRecheckSeconds: 600 });

    assert.deepEqual((await post("/connect-api/logout", { refreshToken: refreshed.body.refreshToken })).body, { revoked: true });
    assert.deepEqual((await post("/connect-api/logout", { refreshToken: refreshed.body.refreshToken })).body, { revoked: true }, "idempotent");
    assert.deepEqual((await post("/connect-api/introspect", { accessToken: refreshed.body.accessToken })).body.status, "revoked");
    assert.deepEqual((await post("/connect-api/introspect", { accessToken: redeemed.body.accessToken })).body.status, "revoked");
    const afterLogout = await post("/connect-api/refresh", { refreshToken: refreshed.body.refreshToken });
    assert.deepEqual([afterLogout.status, afterLogout.body.reason], [401, "RefreshTokenSuspended"]);
  });

  it("a second login in the same browser is not asked again, and revoke-all ends every session of that user in this application only", async () => {
    const email = uniqueEmail("revoke");
    const via = new ViaClient();
    const sessions: { accessToken: string; refreshToken: string }[] = [];
    let subject = "";
    for (let login = 0; login < 2; login++) {
      const inquiry = await establish(app, { returnMethods: [callback()] });
      const outcome = login === 0 ? await via.realize(inquiry.exposureKey, email) : await via.call("continue", { exposureKey: inquiry.exposureKey });
      assert.equal(outcome.body.next, "callback", JSON.stringify(outcome.body));
      const confirmationKey = new URL(String(outcome.body.redirectTo)).searchParams.get("confirmation-key");
      const redeemed = await post<{ accessToken: string; refreshToken: string }>("/connect-api/redeem", {
        exposureKey: inquiry.exposureKey,
        hiddenKey: inquiry.hiddenKey,
        confirmationKey,
      });
      assert.equal(redeemed.status, 200);
      sessions.push(redeemed.body);
      subject = String(decodeJwt(redeemed.body.accessToken).body.subject);
    }
    const other = await createTestApplication({ anchorPrefix: "other", rules: webRules() });

    const unsigned = await post("/connect-api/revoke-all", { subject });
    assert.deepEqual([unsigned.status, unsigned.body.reason], [401, "ClientAuthInvalid"]);
    const elsewhere = await signedPost(other, "/connect-api/revoke-all", { subject });
    assert.deepEqual(elsewhere.body, { revokedCount: 0 }, "another application's key revokes nothing here");
    const revoked = await signedPost(app, "/connect-api/revoke-all", { subject });
    assert.deepEqual(revoked.body, { revokedCount: 2 });
    const twice = await signedPost(app, "/connect-api/revoke-all", { subject });
    assert.deepEqual(twice.body, { revokedCount: 0 }, "already revoked sessions are not counted again");
    for (const session of sessions) {
      assert.equal((await post("/connect-api/introspect", { accessToken: session.accessToken })).body.status, "revoked");
    }
    const unknown = await signedPost(app, "/connect-api/revoke-all", { subject: "sub_0000000000000000" });
    assert.deepEqual(unknown.body, { revokedCount: 0 });
  });

  it("REVEAL shows the tokens at realize time and consumes the inquiry; a status poller still sees REALIZED", async () => {
    const inquiry = await establish(app, { returnMethods: [{ type: "REVEAL", payload: {} }, { type: "STATUS_POLL", payload: {} }] });
    const outcome = await new ViaClient().realize(inquiry.exposureKey, uniqueEmail("reveal"));
    assert.equal(outcome.body.next, "reveal", JSON.stringify(outcome.body));
    const tokens = outcome.body.tokens as { accessToken: string; refreshToken: string };
    assert.equal(decodeJwt(tokens.accessToken).header.kty, "Access");
    assert.equal(decodeJwt(tokens.refreshToken).header.kty, "Refresh");
    assert.equal(outcome.body.continueTo, null);
    const polled = await post<{ status: string; confirmationKey: string }>("/connect-api/status-poll", {
      exposureKey: inquiry.exposureKey,
      hiddenKey: inquiry.hiddenKey,
    });
    assert.equal(polled.body.status, "REALIZED");
    const redeemed = await post("/connect-api/redeem", { exposureKey: inquiry.exposureKey, hiddenKey: inquiry.hiddenKey, confirmationKey: polled.body.confirmationKey });
    assert.deepEqual([redeemed.status, redeemed.body.reason], [400, "InquiryAlreadyRedeemed"]);
    assert.equal((await post("/connect-api/introspect", { accessToken: tokens.accessToken })).body.status, "active");
  });

  it("the wrong hidden or confirmation key finds nothing, and keys in the wrong role are rejected at the boundary", async () => {
    const inquiry = await establish(app, { returnMethods: [{ type: "STATUS_POLL", payload: {} }] });
    const wrongHidden = await post("/connect-api/status-poll", { exposureKey: inquiry.exposureKey, hiddenKey: `hid_${"a".repeat(32)}` });
    assert.deepEqual([wrongHidden.status, wrongHidden.body.reason], [400, "InquiryNotFound"]);
    const swapped = await post("/connect-api/status-poll", { exposureKey: inquiry.hiddenKey, hiddenKey: inquiry.exposureKey });
    assert.deepEqual([swapped.status, swapped.body.reason], [400, "Invalid exposureKey"]);
    const outcome = await new ViaClient().realize(inquiry.exposureKey, uniqueEmail("keys"));
    assert.equal(outcome.body.next, "status-poll");
    const wrongConfirmation = await post("/connect-api/redeem", {
      exposureKey: inquiry.exposureKey,
      hiddenKey: inquiry.hiddenKey,
      confirmationKey: `cnf_${"b".repeat(32)}`,
    });
    assert.deepEqual([wrongConfirmation.status, wrongConfirmation.body.reason], [400, "InquiryNotFound"]);
  });

  it("/info answers the localized name with fallback and 404 for an unknown anchor", async () => {
    const info = await post("/connect-api/info", { applicationAnchor: "demo-app", locale: "fr-CA" });
    assert.equal(info.body.applicationName, "Démo Sudomimus", "same language, other region");
    const fallback = await post("/connect-api/info", { applicationAnchor: "demo-app", locale: "ja-JP" });
    assert.equal(fallback.body.applicationName, "Sudomimus Demo", "the default locale");
    const missing = await post("/connect-api/info", { applicationAnchor: "no-such-app", locale: "en-US" });
    assert.deepEqual([missing.status, missing.body.reason], [404, "ApplicationNotFound"]);
  });
});
