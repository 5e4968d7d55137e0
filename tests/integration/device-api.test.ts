// The Device API over HTTP as a public client and a browser (without a
// browser: via's JSON calls) see it: the exact wire shapes of device.yaml,
// every refusal of /device-authorize with its reason and status, RFC 8628's
// polling vocabulary on /device-token, approval and denial through via, one
// token pair per session, and Connect token operations on what was minted.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { compactVerify, importSPKI } from "jose";
import { AUTHORIZE_PER_CLIENT } from "@/lib/device/authorize";
import { createTestApplication, serverEnv } from "../support/applications";
import { post, signedPost, type TestApplication } from "../support/connect-client";
import { authorizeDevice, DevicePoller, type DeviceAuthorization, type TokenAnswer } from "../support/device-client";
import { serverSql } from "../support/database";
import { requireServer, testEnv } from "../support/env";
import { uniqueEmail } from "../support/mailbox";
import { freePort } from "../support/ports";
import { startServer } from "../support/server";
import { ViaClient } from "../support/via-client";

const AUTHORIZE_KEYS = ["applicationAnchor", "deviceCode", "userCode", "verificationUri", "verificationUriComplete", "expiresIn", "interval"];
const USER_CODE = /^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}$/;

let app: TestApplication;

const authorizeRaw = (body: unknown) => post("/device-api/device-authorize", body);
const token = (body: unknown) => post<TokenAnswer>("/device-api/device-token", body);

/** The user, in a browser: type the code, sign in by email, share what is asked, land on Approve / Deny. */
async function signInForCode(started: DeviceAuthorization, email = uniqueEmail("device")) {
  const via = new ViaClient();
  const found = await via.call<Record<string, unknown>>("device/lookup", { userCode: started.userCode });
  assert.equal(found.status, 200, JSON.stringify(found.body));
  const exposureKey = String(found.body.exposureKey);
  let outcome = await via.signInByEmail(exposureKey, email);
  if (outcome.body.next === "consent") outcome = await via.call("consent", { exposureKey, decisions: { email: true, firstName: false } });
  // (A first sign-in without consent to give also says `registered`.)
  const { registered: _registered, ...delivered } = outcome.body;
  assert.deepEqual(delivered, { next: "device-decision", userCode: started.userCode });
  return { via, exposureKey, email };
}

async function verifyWithInfoKey(jwt: string, anchor: string) {
  const info = await post<{ applicationPublicKey: string }>("/connect-api/info", { applicationAnchor: anchor, locale: "en-US" });
  const { payload, protectedHeader } = await compactVerify(jwt, await importSPKI(info.body.applicationPublicKey, "RS256"));
  return { header: protectedHeader as Record<string, unknown>, body: JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown> };
}

describe("Device API", () => {
  before(async () => {
    app = await createTestApplication({ anchorPrefix: "device", template: "cli-device", claims: { email: "REQUIRED", firstName: "OPTIONAL" } });
  });

  it("/device-authorize answers exactly the spec's fields, with the verification page on via", async () => {
    const response = await authorizeRaw({ applicationAnchor: app.anchor });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.headers.get("cache-control"), "no-store");
    const body = response.body as unknown as DeviceAuthorization;
    assert.deepEqual(Object.keys(body).sort(), [...AUTHORIZE_KEYS].sort());
    assert.equal(body.applicationAnchor, app.anchor);
    assert.match(body.deviceCode, /^dvc_[0-9a-f]{64}$/);
    assert.match(body.userCode, USER_CODE);
    assert.equal(body.verificationUri, `${requireServer()}/via/device`);
    assert.equal(body.verificationUriComplete, `${requireServer()}/via/device?user_code=${body.userCode}`);
    assert.deepEqual([body.expiresIn, body.interval], [600, 5], "the production defaults");
    const second = await authorizeDevice(app.anchor);
    assert.notEqual(second.userCode, body.userCode);
    assert.notEqual(second.deviceCode, body.deviceCode);
  });

  it("/device-authorize refuses malformed bodies (400), unknown anchors (404) and applications without DEVICE_CODE (403)", async () => {
    const cases: [unknown, number, string][] = [
      ["not json", 400, "Invalid body"],
      ["[]", 400, "Invalid body"],
      [{}, 400, "Invalid applicationAnchor"],
      [{ applicationAnchor: 42 }, 400, "Invalid applicationAnchor"],
      [{ applicationAnchor: "Not_An_Anchor" }, 400, "Invalid applicationAnchor"],
      [{ applicationAnchor: "ab" }, 400, "Invalid applicationAnchor"],
      [{ applicationAnchor: app.anchor, clientId: "x" }, 400, "Invalid body"],
      [{ applicationAnchor: "no-such-application" }, 404, "ApplicationNotFound"],
    ];
    for (const [body, status, reason] of cases) {
      const response = await authorizeRaw(body);
      assert.deepEqual([response.status, response.body.reason], [status, reason], JSON.stringify(body));
    }
    const web = await createTestApplication({ anchorPrefix: "device-web", template: "standard-web-app" });
    const refused = await authorizeRaw({ applicationAnchor: web.anchor });
    assert.deepEqual([refused.status, refused.body.reason], [403, "Layer3Denied"]);
    const get = await fetch(`${requireServer()}/device-api/device-authorize`);
    assert.deepEqual([get.status, ((await get.json()) as { reason: string }).reason], [405, "MethodNotAllowed"]);
  });

  it("/device-authorize refuses a disabled application (403 ApplicationDisabled)", async (t) => {
    // Only Postgres can be changed beside the running server; the lib suite covers PGlite.
    if (testEnv.dbKind !== "postgres") return t.skip("PGlite belongs to the server process");
    const disabled = await createTestApplication({ anchorPrefix: "device-off", template: "cli-device" });
    await serverSql((sql) => sql`update applications set enabled = false where anchor = ${disabled.anchor}`);
    const refused = await authorizeRaw({ applicationAnchor: disabled.anchor });
    assert.deepEqual([refused.status, refused.body.reason], [403, "ApplicationDisabled"]);
  });

  it("/device-token: issuance failing after approval fails the session (500 server_error, on every later poll)", async (t) => {
    if (testEnv.dbKind !== "postgres") return t.skip("PGlite belongs to the server process; the lib suite covers it");
    const broken = await createTestApplication({ anchorPrefix: "device-broken", template: "cli-device" });
    const started = await authorizeDevice(broken.anchor);
    const { via, exposureKey } = await signInForCode(started);
    await via.call("device/decide", { exposureKey, decision: "approve" });
    // The application's token-signing key becomes unreadable: nothing can be signed for it.
    await serverSql((sql) => sql`update applications set token_signing_private_key_sealed = 'unreadable' where anchor = ${broken.anchor}`);
    const failed = await token({ deviceCode: started.deviceCode });
    assert.deepEqual([failed.status, failed.body], [500, { error: "server_error" }]);
    const again = await token({ deviceCode: started.deviceCode });
    assert.deepEqual([again.status, again.body], [500, { error: "server_error" }]);
  });

  it("/device-authorize limits one client address per application (429 RateLimited)", async () => {
    const limited = await createTestApplication({ anchorPrefix: "device-limit", template: "cli-device" });
    for (let i = 0; i < 30; i++) assert.equal((await authorizeRaw({ applicationAnchor: limited.anchor })).status, 200, `request ${i + 1}`);
    const refused = await authorizeRaw({ applicationAnchor: limited.anchor });
    assert.deepEqual([refused.status, refused.body.reason], [429, "RateLimited"]);
    assert.ok(Number(refused.headers.get("retry-after")) > 0);
    assert.equal(typeof refused.body.retryAfterSeconds, "number");
    // Without TRUSTED_PROXIES, X-Forwarded-For is the client's own words: it changes nothing.
    const spoofed = await post("/device-api/device-authorize", { applicationAnchor: limited.anchor }, { "x-forwarded-for": "198.51.100.77" });
    assert.equal(spoofed.status, 429);
    // Another application is not affected.
    assert.equal((await authorizeRaw({ applicationAnchor: app.anchor })).status, 200);
  });

  it("behind trusted proxies, /device-authorize limits each forwarded client on its own, and a client cannot choose its address", async (t) => {
    if (testEnv.dbKind !== "postgres") return t.skip("a second instance needs a database it can share (the unit suite covers the address rules)");
    // A second instance on the same Postgres, told that requests from this machine come through a reverse proxy.
    const limited = await createTestApplication({ anchorPrefix: "device-proxied", template: "cli-device" });
    const proxied = await startServer(await freePort(), { ...serverEnv(), TRUSTED_PROXIES: "127.0.0.1,::1" });
    try {
      const authorize = async (forwardedFor: string) =>
        (
          await fetch(`${proxied.baseUrl}/device-api/device-authorize`, {
            method: "POST",
            headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor },
            body: JSON.stringify({ applicationAnchor: limited.anchor }),
          })
        ).status;
      for (let i = 0; i < AUTHORIZE_PER_CLIENT.limit; i++) assert.equal(await authorize("198.51.100.1"), 200, `request ${i + 1}`);
      assert.equal(await authorize("198.51.100.1"), 429);
      // What a client writes itself stands left of what the proxy appended: still 198.51.100.1.
      assert.equal(await authorize("203.0.113.9, 198.51.100.1"), 429);
      // Another client behind the same proxy has its own allowance.
      assert.equal(await authorize("198.51.100.2"), 200);
    } finally {
      await proxied.stop();
    }
  });

  it("/device-token answers invalid_request for malformed, unknown and foreign codes — never a reason", async () => {
    const started = await authorizeDevice(app.anchor);
    const bodies: unknown[] = [
      "not json",
      {},
      { deviceCode: 7 },
      { deviceCode: started.deviceCode.toUpperCase() },
      { deviceCode: `dvc_${"a".repeat(63)}` },
      { deviceCode: started.deviceCode.replace("dvc_", "exp_") },
      { deviceCode: started.deviceCode, applicationAnchor: app.anchor },
      { deviceCode: `dvc_${"0".repeat(64)}` },
    ];
    for (const body of bodies) {
      const answer = await token(body);
      assert.deepEqual([answer.status, answer.body], [400, { error: "invalid_request" }], JSON.stringify(body));
      assert.equal(answer.headers.get("cache-control"), "no-store");
    }
  });

  it("/device-token: authorization_pending, then slow_down with the grown interval kept across polls", async () => {
    const poller = new DevicePoller(await authorizeDevice(app.anchor));
    assert.deepEqual(pick(await poller.pollNow()), [400, { error: "authorization_pending" }]);
    assert.deepEqual(pick(await poller.pollNow()), [400, { error: "slow_down", interval: 10 }]);
    assert.deepEqual(pick(await poller.pollNow()), [400, { error: "slow_down", interval: 15 }]);
    assert.deepEqual(pick(await poller.poll()), [400, { error: "authorization_pending" }], "after waiting the new interval");
  });

  it("approve in via → one token pair (ordinary Connect tokens: refresh, introspect, logout, revoke-all) → invalid_request", async () => {
    const started = await authorizeDevice(app.anchor);
    const poller = new DevicePoller(started);
    assert.deepEqual(pick(await poller.pollNow()), [400, { error: "authorization_pending" }]);

    const { via, exposureKey, email } = await signInForCode(started);
    assert.deepEqual(pick(await poller.poll()), [400, { error: "authorization_pending" }], "signed in, not yet approved");
    const decided = await via.call("device/decide", { exposureKey, decision: "approve" });
    assert.deepEqual([decided.status, decided.body], [200, { decision: "approved" }]);

    const issued = await poller.poll();
    assert.equal(issued.status, 200, JSON.stringify(issued.body));
    assert.deepEqual(Object.keys(issued.body).sort(), ["accessToken", "applicationAnchor", "claims", "refreshToken"]);
    assert.equal(issued.body.applicationAnchor, app.anchor);
    assert.deepEqual(issued.body.claims, {
      email: { requirement: "REQUIRED", state: "GRANTED" },
      firstName: { requirement: "OPTIONAL", state: "DENIED" },
      lastName: { requirement: "OFF", state: "UNKNOWN" },
    });
    const access = await verifyWithInfoKey(issued.body.accessToken!, app.anchor);
    assert.deepEqual([access.header.kty, access.header.aud], ["Access", app.anchor]);
    assert.equal(access.body.emailAddress, email);
    assert.equal("firstName" in access.body, false);
    assert.equal((await verifyWithInfoKey(issued.body.refreshToken!, app.anchor)).header.kty, "Refresh");

    assert.deepEqual(pick(await poller.poll()), [400, { error: "invalid_request" }], "consumed: no second pair");

    const refreshed = await post<{ accessToken: string; refreshToken: string; claims: unknown }>("/connect-api/refresh", { refreshToken: issued.body.refreshToken });
    assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
    assert.deepEqual(refreshed.body.claims, issued.body.claims);
    assert.equal((await verifyWithInfoKey(refreshed.body.accessToken, app.anchor)).body.subject, access.body.subject);
    assert.equal((await post("/connect-api/introspect", { accessToken: refreshed.body.accessToken })).body.status, "active");
    assert.deepEqual((await post("/connect-api/logout", { refreshToken: refreshed.body.refreshToken })).body, { revoked: true });
    assert.equal((await post("/connect-api/introspect", { accessToken: refreshed.body.accessToken })).body.status, "revoked");

    // A second device session of the same user, ended by the application's revoke-all.
    const again = await authorizeDevice(app.anchor);
    const second = new DevicePoller(again);
    const found = await via.call("device/lookup", { userCode: again.userCode });
    assert.equal(found.status, 200, JSON.stringify(found.body));
    const continued = await via.call("continue", { exposureKey: found.body.exposureKey });
    assert.deepEqual(continued.body, { next: "device-decision", userCode: again.userCode }, "the browser is still signed in");
    await via.call("device/decide", { exposureKey: found.body.exposureKey, decision: "approve" });
    const secondPair = await second.poll();
    assert.equal(secondPair.status, 200, JSON.stringify(secondPair.body));
    const revoked = await signedPost(app, "/connect-api/revoke-all", { subject: access.body.subject });
    assert.deepEqual(revoked.body, { revokedCount: 1 });
    assert.equal((await post("/connect-api/introspect", { accessToken: secondPair.body.accessToken })).body.status, "revoked");
  });

  it("deny in via → access_denied on every poll", async () => {
    const started = await authorizeDevice(app.anchor);
    const poller = new DevicePoller(started);
    const { via, exposureKey } = await signInForCode(started);
    const decided = await via.call("device/decide", { exposureKey, decision: "deny" });
    assert.deepEqual([decided.status, decided.body], [200, { decision: "denied" }]);
    assert.deepEqual(pick(await poller.pollNow()), [400, { error: "access_denied" }]);
    assert.deepEqual(pick(await poller.pollNow()), [400, { error: "access_denied" }], "denied is final, however fast");
    const used = await via.call("device/lookup", { userCode: started.userCode });
    assert.deepEqual([used.status, used.body.reason], [400, "UserCodeNotFound"], "a decided code is no longer live");
  });

  it("racing polls after approval mint exactly one pair", async () => {
    const started = await authorizeDevice(app.anchor);
    const { via, exposureKey } = await signInForCode(started);
    await via.call("device/decide", { exposureKey, decision: "approve" });
    const answers = await Promise.all(Array.from({ length: 6 }, () => token({ deviceCode: started.deviceCode })));
    assert.equal(answers.filter((answer) => answer.status === 200).length, 1, JSON.stringify(answers.map((answer) => answer.body)));
    for (const answer of answers.filter((answer) => answer.status !== 200)) assert.deepEqual(answer.body, { error: "invalid_request" });
  });

  it("via's lookup: forgiving of how the code is typed, never hands out the device code, and says what is wrong", async () => {
    const started = await authorizeDevice(app.anchor);
    const via = new ViaClient();
    const typed = ` ${started.userCode.toLowerCase().replace("-", " ")} `;
    const found = await via.call<Record<string, unknown>>("device/lookup", { userCode: typed });
    assert.equal(found.status, 200, JSON.stringify(found.body));
    assert.equal(found.body.step, "sign-in");
    assert.equal(found.body.userCode, started.userCode);
    assert.match(String(found.body.exposureKey), /^exp_[0-9a-f]{32}$/);
    assert.equal(JSON.stringify(found.body).includes(started.deviceCode), false);
    assert.deepEqual(found.body.methods, { usernameless: true, reasoned: true, email: true, federation: [], social: [], forcedSso: false });

    const malformed = await via.call("device/lookup", { userCode: "ABC" });
    assert.deepEqual([malformed.status, malformed.body.reason], [400, "Invalid userCode"]);
    const unknown = await via.call("device/lookup", { userCode: "ZZZZ-ZZZZ" });
    assert.deepEqual([unknown.status, unknown.body.reason], [400, "UserCodeNotFound"]);
    const extra = await via.call("device/lookup", { userCode: started.userCode, deviceCode: started.deviceCode });
    assert.deepEqual([extra.status, extra.body.reason], [400, "Invalid body"]);

    // Signed in elsewhere: this code is taken; the signing-in browser alone may decide.
    const { exposureKey } = await signInForCode(started);
    const taken = await new ViaClient().call("device/lookup", { userCode: started.userCode });
    assert.deepEqual([taken.status, taken.body.reason], [400, "UserCodeUsed"]);
    const stranger = await new ViaClient().call("device/decide", { exposureKey, decision: "approve" });
    assert.deepEqual([stranger.status, stranger.body.reason], [401, "SignInRequired"]);
    const crossSite = await fetch(`${requireServer()}/via/api/device/decide`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://attacker.example" },
      body: JSON.stringify({ exposureKey, decision: "approve" }),
    });
    assert.equal(crossSite.status, 403);
  });
});

function pick(answer: { status: number; body: unknown }): [number, unknown] {
  return [answer.status, answer.body];
}
