// The SudomimusClientJWT scheme, attacked from every side an integrator (or
// an attacker) could get wrong: each failure is a 401 that says why.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { before, describe, it } from "node:test";
import { createTestApplication, webRules } from "../support/applications";
import { clientJwt, post, signedPost, type TestApplication } from "../support/connect-client";

let app: TestApplication;
const body = () => JSON.stringify({ applicationAnchor: app.anchor, returnMethods: [{ type: "STATUS_POLL", payload: {} }] });

async function establishWith(authorization: string | undefined, text = body()) {
  return post("/connect-api/establish", text, authorization === undefined ? {} : { authorization });
}

function expectRejected(response: { status: number; body: Record<string, unknown>; headers: Headers }, messagePattern: RegExp) {
  assert.equal(response.status, 401, JSON.stringify(response.body));
  assert.equal(response.body.reason, "ClientAuthInvalid");
  assert.match(String(response.body.message), messagePattern);
  assert.equal(response.headers.get("www-authenticate"), "SudomimusClientJWT");
}

describe("client-auth JWT on /establish", () => {
  before(async () => {
    app = await createTestApplication({ anchorPrefix: "jwt", rules: webRules() });
  });

  it("accepts a correct JWT", async () => {
    const text = body();
    const response = await establishWith(`SudomimusClientJWT ${await clientJwt(app, text)}`, text);
    assert.equal(response.status, 200, JSON.stringify(response.body));
  });

  it("rejects a missing or foreign Authorization scheme", async () => {
    expectRejected(await establishWith(undefined), /SudomimusClientJWT/);
    expectRejected(await establishWith(`Bearer ${await clientJwt(app, body())}`), /SudomimusClientJWT/);
    expectRejected(await establishWith("SudomimusClientJWT not-a-jwt"), /malformed/);
  });

  it("honours a jti exactly once", async () => {
    const text = body();
    const jwt = await clientJwt(app, text);
    assert.equal((await establishWith(`SudomimusClientJWT ${jwt}`, text)).status, 200);
    expectRejected(await establishWith(`SudomimusClientJWT ${jwt}`, text), /already been used/);
    // The same jti in a new JWT is still a replay.
    const jti = crypto.randomUUID();
    assert.equal((await signedPost(app, "/connect-api/establish", JSON.parse(text), { jti })).status, 200);
    expectRejected(await signedPost(app, "/connect-api/establish", JSON.parse(text), { jti }), /already been used/);
  });

  it("binds the exact body bytes through body_sha256", async () => {
    const text = body();
    const jwt = await clientJwt(app, text);
    expectRejected(await establishWith(`SudomimusClientJWT ${jwt}`, text + " "), /body_sha256/);
    const spaced = JSON.stringify(JSON.parse(text), null, 2);
    expectRejected(await establishWith(`SudomimusClientJWT ${jwt}`, spaced), /body_sha256/);
    expectRejected(await establishWith(`SudomimusClientJWT ${await clientJwt(app, text, { omit: ["body_sha256"] })}`, text), /body_sha256/);
  });

  it("enforces expiry, a 60-second lifetime and 30 seconds of skew", async () => {
    const now = Math.floor(Date.now() / 1000);
    const text = body();
    const sign = async (iat: number, exp: number) => `SudomimusClientJWT ${await clientJwt(app, text, { iat, exp })}`;
    expectRejected(await establishWith(await sign(now - 200, now - 140), text), /expired/);
    expectRejected(await establishWith(await sign(now, now + 61), text), /60 seconds/);
    expectRejected(await establishWith(await sign(now + 90, now + 120), text), /future/);
    assert.equal((await establishWith(await sign(now + 20, now + 50), text)).status, 200, "20 s of clock skew is tolerated");
    assert.equal((await establishWith(await sign(now - 80, now - 20), text)).status, 200, "expired less than 30 s ago is tolerated");
    expectRejected(await establishWith(`SudomimusClientJWT ${await clientJwt(app, text, { omit: ["jti"] })}`, text), /jti/);
  });

  it("requires the right audience, issuer and key", async () => {
    const text = body();
    expectRejected(await establishWith(`SudomimusClientJWT ${await clientJwt(app, text, { aud: "sudomimus-native" })}`, text), /claims/);
    const other = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expectRejected(await establishWith(`SudomimusClientJWT ${await clientJwt(app, text, { signWith: other })}`, text), /signature/);
    expectRejected(await establishWith(`SudomimusClientJWT ${await clientJwt(app, text, { iss: "no-such-application" })}`, text), /signature/);
    const otherApp = await createTestApplication({ anchorPrefix: "jwt-other", rules: webRules() });
    // Signed correctly by another application, for this application's anchor in the body.
    const response = await establishWith(`SudomimusClientJWT ${await clientJwt(otherApp, text)}`, text);
    expectRejected(response, /iss must equal applicationAnchor/);
  });

  it("protects /revoke-all the same way", async () => {
    const text = JSON.stringify({ subject: "sub_0000000000000000" });
    expectRejected(await post("/connect-api/revoke-all", text, { authorization: `SudomimusClientJWT ${await clientJwt(app, "{}")}` }), /body_sha256/);
    const ok = await signedPost(app, "/connect-api/revoke-all", { subject: "sub_0000000000000000" });
    assert.deepEqual(ok.body, { revokedCount: 0 });
  });
});
