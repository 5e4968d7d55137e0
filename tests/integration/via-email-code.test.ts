// Email one-time codes on via: lives per inquiry, no enumeration, Layer 2
// before registration, codes bound to the browser and single use.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { createTestApplication, webRules } from "../support/applications";
import { callback, establish, post, type TestApplication } from "../support/connect-client";
import { codeFor, mailsTo, uniqueEmail } from "../support/mailbox";
import { ViaClient } from "../support/via-client";

let app: TestApplication;

describe("email codes on via", () => {
  before(async () => {
    app = await createTestApplication({ anchorPrefix: "otp", rules: webRules() });
  });

  it("each wrong code spends one life; at zero the inquiry dies, and the account is not locked", async () => {
    const email = uniqueEmail("lives");
    const inquiry = await establish(app, { returnMethods: [callback(), { type: "STATUS_POLL", payload: {} }] });
    const via = new ViaClient();
    const started = await via.call<{ challengeId: string }>("email/start", { exposureKey: inquiry.exposureKey, email });
    const { code } = await codeFor(email);
    const wrong = code === "000000" ? "111111" : "000000";
    for (let lives = 4; lives >= 1; lives--) {
      const attempt = await via.call("email/verify", { exposureKey: inquiry.exposureKey, challengeId: started.body.challengeId, code: wrong });
      assert.deepEqual([attempt.status, attempt.body.reason, attempt.body.livesRemaining], [400, "WrongCode", lives]);
    }
    const last = await via.call("email/verify", { exposureKey: inquiry.exposureKey, challengeId: started.body.challengeId, code: wrong });
    assert.deepEqual([last.status, last.body.reason], [403, "InquiryDead"]);
    const late = await via.call("email/verify", { exposureKey: inquiry.exposureKey, challengeId: started.body.challengeId, code });
    assert.deepEqual([late.status, late.body.reason], [403, "InquiryDead"], "even the right code cannot revive it");
    const polled = await post("/connect-api/status-poll", { exposureKey: inquiry.exposureKey, hiddenKey: inquiry.hiddenKey });
    assert.deepEqual([polled.status, polled.body.reason], [400, "InquiryExpired"]);

    // The user simply starts again: the account is not locked.
    const fresh = await establish(app, { returnMethods: [callback()] });
    const outcome = await new ViaClient().realize(fresh.exposureKey, email, 2);
    assert.equal(outcome.body.next, "callback", JSON.stringify(outcome.body));
  });

  it("answers a known and an unknown address the same way", async () => {
    const known = uniqueEmail("known");
    const first = await establish(app, { returnMethods: [callback()] });
    assert.equal((await new ViaClient().realize(first.exposureKey, known)).body.next, "callback");

    const inquiry = await establish(app, { returnMethods: [callback()] });
    const via = new ViaClient();
    const unknown = uniqueEmail("unknown");
    const a = await via.call("email/start", { exposureKey: inquiry.exposureKey, email: known });
    const b = await via.call("email/start", { exposureKey: inquiry.exposureKey, email: unknown });
    assert.equal(a.status, 200);
    assert.equal(b.status, 200);
    assert.deepEqual(Object.keys(a.body), Object.keys(b.body));
    // Only the mailbox owner learns which it was.
    assert.match((await codeFor(known, 2)).mail.text, /sign in to/);
    assert.match((await codeFor(unknown)).mail.text, /create your account/);
  });

  it("a code works once, only in the browser that asked for it, and a resend replaces it", async () => {
    const email = uniqueEmail("bound");
    const inquiry = await establish(app, { returnMethods: [callback()] });
    const asker = new ViaClient();
    const started = await asker.call<{ challengeId: string }>("email/start", { exposureKey: inquiry.exposureKey, email });
    const { code } = await codeFor(email);
    const thief = await new ViaClient().call("email/verify", { exposureKey: inquiry.exposureKey, challengeId: started.body.challengeId, code });
    assert.deepEqual([thief.status, thief.body.reason], [400, "CodeExpired"], "another browser cannot use it");

    const resent = await asker.call<{ challengeId: string }>("email/start", { exposureKey: inquiry.exposureKey, email });
    const { code: second } = await codeFor(email, 2);
    const old = await asker.call("email/verify", { exposureKey: inquiry.exposureKey, challengeId: started.body.challengeId, code });
    assert.deepEqual([old.status, old.body.reason], [400, "CodeExpired"], "the resend replaced the first code");
    const ok = await asker.call("email/verify", { exposureKey: inquiry.exposureKey, challengeId: resent.body.challengeId, code: second });
    assert.equal(ok.status, 200);
    const reused = await asker.call("email/verify", { exposureKey: inquiry.exposureKey, challengeId: resent.body.challengeId, code: second });
    assert.notEqual(reused.status, 200);
  });

  it("Layer 2 refuses an address the application does not accept, before any account exists", async () => {
    const outsider = uniqueEmail("outsider", "elsewhere.org");
    const inquiry = await establish(app, { returnMethods: [callback()] });
    const denied = await new ViaClient().signInByEmail(inquiry.exposureKey, outsider);
    assert.deepEqual([denied.status, denied.body.reason], [403, "Layer2Denied"]);
    // No account was created: an open application registers the address afresh.
    const open = await createTestApplication({
      anchorPrefix: "open",
      rules: webRules({ realize: [{ constraintType: "EVERYONE", payload: {} }] }),
    });
    const openInquiry = await establish(open, { returnMethods: [callback()] });
    const registered = await new ViaClient().signInByEmail(openInquiry.exposureKey, outsider, 2);
    assert.equal(registered.body.registered, true);
  });

  it("an inquiry's own realize constraints narrow Layer 2 further (docs 08 worked example)", async () => {
    const admin = uniqueEmail("admin");
    const alice = uniqueEmail("alice");
    const narrowed = () =>
      establish(app, { returnMethods: [callback()], realizeConstraints: [{ constraintType: "EMAIL", payload: { allowedEmails: [admin] } }] });
    const aliceTry = await new ViaClient().signInByEmail((await narrowed()).exposureKey, alice);
    assert.deepEqual([aliceTry.status, aliceTry.body.reason], [403, "Layer2Denied"]);
    const adminTry = await new ViaClient().realize((await narrowed()).exposureKey, admin);
    assert.equal(adminTry.body.next, "callback");
  });

  it("rejects malformed input with a reason", async () => {
    const inquiry = await establish(app, { returnMethods: [callback()] });
    const via = new ViaClient();
    const badEmail = await via.call("email/start", { exposureKey: inquiry.exposureKey, email: "not-an-address" });
    assert.deepEqual([badEmail.status, badEmail.body.reason], [400, "Invalid email"]);
    const badKey = await via.call("email/start", { exposureKey: "exp_nope", email: uniqueEmail("x") });
    assert.deepEqual([badKey.status, badKey.body.reason], [400, "InquiryNotFound"]);
    const badChallenge = await via.call("email/verify", { exposureKey: inquiry.exposureKey, challengeId: "x", code: "123456" });
    assert.deepEqual([badChallenge.status, badChallenge.body.reason], [400, "CodeExpired"]);
    assert.equal((await mailsTo("not-an-address")).length, 0);
  });

  it("refuses cross-origin calls", async () => {
    const response = await fetch(`${process.env.TEST_BASE_URL}/via/api/email/start`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evil.example" },
      body: JSON.stringify({ exposureKey: "exp_" + "0".repeat(32), email: "a@example.com" }),
    });
    assert.equal(response.status, 403);
    assert.equal(((await response.json()) as { reason: string }).reason, "Forbidden");
  });
});
