// Bad input to the Connect API gets a 4xx with a reason that names the
// problem — never a 500. And the three rule layers are enforced at /establish.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { createTestApplication, webRules } from "../support/applications";
import { callback, clientJwt, post, signedPost, type TestApplication } from "../support/connect-client";

let app: TestApplication;

async function establishBody(body: unknown) {
  return signedPost(app, "/connect-api/establish", body);
}

describe("Connect input validation", () => {
  before(async () => {
    app = await createTestApplication({ anchorPrefix: "valid", rules: webRules() });
  });

  it("rejects empty narrowing arrays", async () => {
    for (const field of ["authenticationConstraints", "realizeConstraints", "returnMethods"]) {
      const response = await establishBody({ applicationAnchor: app.anchor, [field]: [] });
      assert.equal(response.status, 400, field);
      assert.equal(response.body.reason, `Invalid ${field}`);
      assert.match(String(response.body.message), /empty/);
    }
  });

  it("rejects unknown methods, wrong types, extra fields and malformed payloads", async () => {
    const cases: [unknown, string][] = [
      [{ applicationAnchor: app.anchor, authenticationConstraints: [{ method: "PASSWORD", payload: {} }] }, "Invalid authenticationConstraints"],
      [{ applicationAnchor: app.anchor, authenticationConstraints: [{ method: "PASSKEY_REASONED", payload: { extra: 1 } }] }, "Invalid authenticationConstraints"],
      [{ applicationAnchor: app.anchor, authenticationConstraints: [{ method: "STEAM_TICKET", payload: { allowedSteamAppIds: [] } }] }, "Invalid authenticationConstraints"],
      [{ applicationAnchor: app.anchor, realizeConstraints: [{ constraintType: "EVERYONE", payload: {} }] }, "Invalid realizeConstraints"],
      [{ applicationAnchor: app.anchor, realizeConstraints: [{ constraintType: "EMAIL", payload: { allowedEmails: [] } }] }, "Invalid realizeConstraints"],
      [{ applicationAnchor: app.anchor, realizeConstraints: [{ constraintType: "STEAM_ID", payload: { allowedSteamIds: ["abc"] } }] }, "Invalid realizeConstraints"],
      [{ applicationAnchor: app.anchor, returnMethods: [{ type: "CALLBACK", payload: {} }] }, "Invalid returnMethods"],
      [{ applicationAnchor: app.anchor, returnMethods: "CALLBACK" }, "Invalid returnMethods"],
      [{ applicationAnchor: app.anchor, returnMethods: [{ type: "DIRECT_ISSUE", payload: {} }] }, "Invalid returnMethods"],
      [{ applicationAnchor: app.anchor, returnMethods: [callback(), callback()] }, "Invalid returnMethods"],
      [{ applicationAnchor: 42 }, "Invalid applicationAnchor"],
      [{ applicationAnchor: app.anchor, surprise: true }, "Invalid body"],
      [
        { applicationAnchor: app.anchor, authenticationConstraints: [{ method: "PASSKEY_REASONED", payload: {}, accessTokenTtlSeconds: 30 }] },
        "Invalid authenticationConstraints",
      ],
      [
        { applicationAnchor: app.anchor, realizeConstraints: [{ constraintType: "EMAIL", payload: { allowedEmails: ["*"] }, refreshTokenTtlSeconds: 40_000_000 }] },
        "Invalid realizeConstraints",
      ],
    ];
    for (const [body, reason] of cases) {
      const response = await establishBody(body);
      assert.equal(response.status, 400, `${JSON.stringify(body)} -> ${JSON.stringify(response.body)}`);
      assert.equal(response.body.reason, reason, JSON.stringify(body));
      assert.ok(String(response.body.message).length > 0);
    }
  });

  it("names the TTL bounds when a narrowing TTL is out of range", async () => {
    const response = await establishBody({
      applicationAnchor: app.anchor,
      authenticationConstraints: [{ method: "PASSKEY_REASONED", payload: {}, accessTokenTtlSeconds: 30 }],
    });
    assert.match(String(response.body.message), /60/);
  });

  it("checks CALLBACK hosts exactly and case-insensitively (docs 09 worked example)", async () => {
    const cases: [string, number][] = [
      ["http://localhost/return", 200],
      ["http://LocalHost/return", 200],
      ["http://sub.localhost/return", 403],
      ["https://attacker.com/?redirect=localhost", 403],
      ["http://localhost@attacker.com/return", 400],
    ];
    for (const [url, status] of cases) {
      const response = await establishBody({ applicationAnchor: app.anchor, returnMethods: [callback(url)] });
      assert.equal(response.status, status, `${url}: ${JSON.stringify(response.body)}`);
      if (status === 403) assert.equal(response.body.reason, "Layer3Denied");
    }
  });

  it("refuses return methods the application has no rule for", async () => {
    const pollOnly = await createTestApplication({
      anchorPrefix: "poll-less",
      rules: webRules({ return: [{ returnMethod: "CALLBACK", payload: { allowedCallbackDomains: ["localhost"] } }] }),
    });
    const poll = await signedPost(pollOnly, "/connect-api/establish", { applicationAnchor: pollOnly.anchor, returnMethods: [{ type: "STATUS_POLL", payload: {} }] });
    assert.deepEqual([poll.status, poll.body.reason], [403, "Layer3Denied"]);
    const undeclared = await signedPost(pollOnly, "/connect-api/establish", { applicationAnchor: pollOnly.anchor });
    assert.deepEqual([undeclared.status, undeclared.body.reason], [403, "Layer3Denied"], "nothing could deliver this inquiry");
  });

  it("refuses bodies that are not JSON objects, and oversize bodies", async () => {
    const notJson = await post("/connect-api/redeem", "{nope");
    assert.deepEqual([notJson.status, notJson.body.reason], [400, "Invalid body"]);
    const array = await post("/connect-api/refresh", "[]");
    assert.deepEqual([array.status, array.body.reason], [400, "Invalid body"]);
    const wrongType = await post("/connect-api/logout", { refreshToken: 7 });
    assert.deepEqual([wrongType.status, wrongType.body.reason], [400, "Invalid refreshToken"]);
    const missing = await post("/connect-api/introspect", {});
    assert.deepEqual([missing.status, missing.body.reason], [400, "Invalid accessToken"]);
    const huge = JSON.stringify({ applicationAnchor: app.anchor, pad: "x".repeat(70_000) });
    const tooLarge = await post("/connect-api/establish", huge, { authorization: `SudomimusClientJWT ${await clientJwt(app, huge)}` });
    assert.deepEqual([tooLarge.status, tooLarge.body.reason], [413, "PayloadTooLarge"]);
    const badLocale = await post("/connect-api/info", { applicationAnchor: "Not An Anchor", locale: "en-US" });
    assert.deepEqual([badLocale.status, badLocale.body.reason], [400, "Invalid applicationAnchor"]);
  });

  it("answers tokens that are not ours without a 500", async () => {
    const garbage = ["abc", "a.b.c", `${Buffer.from('{"alg":"none"}').toString("base64url")}.e30.`, "x".repeat(20_000)];
    for (const token of garbage) {
      const refreshed = await post("/connect-api/refresh", { refreshToken: token });
      assert.ok([400, 401].includes(refreshed.status), `${token.slice(0, 20)}: ${refreshed.status}`);
      const introspected = await post("/connect-api/introspect", { accessToken: token });
      assert.ok([400, 401].includes(introspected.status));
      const loggedOut = await post("/connect-api/logout", { refreshToken: token });
      assert.ok(loggedOut.status === 400 || (loggedOut.status === 200 && loggedOut.body.revoked === false));
    }
    const refreshed = await post("/connect-api/refresh", { refreshToken: "a.b.c" });
    assert.deepEqual([refreshed.status, refreshed.body.reason], [401, "RefreshTokenNotFound"]);
    const introspected = await post("/connect-api/introspect", { accessToken: "a.b.c" });
    assert.deepEqual([introspected.status, introspected.body.reason], [401, "AccessTokenInvalid"]);
  });
});
