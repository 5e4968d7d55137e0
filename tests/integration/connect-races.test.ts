// Single use under concurrency: racing redeems mint exactly one pair; racing
// refreshes of one token converge on one session; a late replay revokes.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { createTestApplication, webRules } from "../support/applications";
import { callback, decodeJwt, establish, post, type TestApplication } from "../support/connect-client";
import { uniqueEmail } from "../support/mailbox";
import { ViaClient } from "../support/via-client";

let app: TestApplication;

async function realizedInquiry() {
  const inquiry = await establish(app, { returnMethods: [callback()] });
  const outcome = await new ViaClient().realize(inquiry.exposureKey, uniqueEmail("race"));
  assert.equal(outcome.body.next, "callback", JSON.stringify(outcome.body));
  const confirmationKey = new URL(String(outcome.body.redirectTo)).searchParams.get("confirmation-key")!;
  return { exposureKey: inquiry.exposureKey, hiddenKey: inquiry.hiddenKey, confirmationKey };
}

describe("races", () => {
  before(async () => {
    app = await createTestApplication({ anchorPrefix: "race", rules: webRules() });
  });

  it("exactly one of many simultaneous redeems wins", async () => {
    const keys = await realizedInquiry();
    const responses = await Promise.all(Array.from({ length: 12 }, () => post("/connect-api/redeem", keys)));
    const statuses = responses.map((response) => response.status);
    assert.equal(statuses.filter((status) => status === 200).length, 1, JSON.stringify(statuses));
    for (const response of responses.filter((candidate) => candidate.status !== 200)) {
      assert.deepEqual([response.status, response.body.reason], [400, "InquiryAlreadyRedeemed"]);
    }
  });

  it("simultaneous refreshes of one token converge on one session", async () => {
    const redeemed = await post<{ refreshToken: string }>("/connect-api/redeem", await realizedInquiry());
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => post<{ accessToken: string; refreshToken: string }>("/connect-api/refresh", { refreshToken: redeemed.body.refreshToken })),
    );
    assert.deepEqual(
      responses.map((response) => response.status),
      Array(6).fill(200),
      JSON.stringify(responses.map((response) => response.body)),
    );
    const sessions = new Set(responses.map((response) => decodeJwt(response.body.accessToken).header.sub));
    assert.equal(sessions.size, 1, "every caller holds the same replacement session");
    const replacement = responses[0]!.body.refreshToken;
    assert.equal(decodeJwt(replacement).header.jti, [...sessions][0]);
    // The converged session rotates normally.
    const next = await post("/connect-api/refresh", { refreshToken: responses[3]!.body.refreshToken });
    assert.equal(next.status, 200);
  });

  it("replaying a token whose replacement was already rotated revokes the family (rotation race lost)", async () => {
    const redeemed = await post<{ refreshToken: string; accessToken: string }>("/connect-api/redeem", await realizedInquiry());
    const first = await post<{ refreshToken: string }>("/connect-api/refresh", { refreshToken: redeemed.body.refreshToken });
    const second = await post<{ refreshToken: string; accessToken: string }>("/connect-api/refresh", { refreshToken: first.body.refreshToken });
    assert.equal(second.status, 200);
    const replay = await post("/connect-api/refresh", { refreshToken: redeemed.body.refreshToken });
    assert.deepEqual([replay.status, replay.body.reason], [401, "RefreshTokenRotationRaceLost"]);
    const latest = await post("/connect-api/refresh", { refreshToken: second.body.refreshToken });
    assert.deepEqual([latest.status, latest.body.reason], [401, "RefreshTokenSuspended"], "the whole family is revoked");
    assert.equal((await post("/connect-api/introspect", { accessToken: second.body.accessToken })).body.status, "revoked");
  });
});
