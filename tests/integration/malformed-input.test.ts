// Every route of the six surfaces against input no client should send:
// bodies that are not JSON, JSON of the wrong shape or type, keys of the
// right prefix that match nothing, oversize values, bogus credentials and
// cookies, unexpected methods. Nothing answers 5xx, and every refusal of a
// JSON API names its problem (`reason`, or RFC 6749 / 8628 `error`).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { requireServer } from "../support/env";
import { createTestApplication, webRules } from "../support/applications";
import { clientJwt, post } from "../support/connect-client";

const ROUTES = [
  ...["establish", "status-poll", "redeem", "refresh", "info", "introspect", "logout", "revoke-all", "no-such-operation"].map((path) => `connect-api/${path}`),
  ...["device-authorize", "device-token", "no-such-operation"].map((path) => `device-api/${path}`),
  ...["direct-issue/access-key", "direct-issue/steam-ticket", "errand", "errand/err_0/status", `errand/err_${"0".repeat(32)}/status`].map((path) => `native-api/${path}`),
  ...["consent", "continue", "decline", "device/decide", "device/lookup", "email/start", "email/verify", "errand/complete", "errand/email/start", "errand/email/verify"].map((path) => `via/api/${path}`),
  ...["passkey/register/options", "passkey/register/verify", "passkey/sign-in/options", "passkey/sign-in/verify", "reason/email", "sign-out", "nope"].map((path) => `via/api/${path}`),
  ...["whoami", "organizations", "applications/demo-app", "applications/Not_An_Anchor", "applications/demo-app/rules", "nope"].map((path) => `with/api/${path}`),
  "oidc/authorize", "oidc/token", "oidc/userinfo", "oidc/end-session",
  "via", "via/errand/steam", "via/errand/steam/return", "via/federation/start", "via/social/start", "via/oauth/google/callback", "via/oauth/enterprise-federation/callback",
  "with/callback", "with/confirm", "with/sign-in", "with/sign-out", "with/session/end", "with/session/refresh",
  "demo/start", "demo/callback", "demo/refresh", "demo/introspect", "demo/sign-out",
];

const KEY = (prefix: string) => `${prefix}_${"0".repeat(32)}`;
const BODIES: [contentType: string | null, body: string][] = [
  ["application/json", "{"],
  ["application/json", "[]"],
  ["application/json", "null"],
  ["application/json", '"text"'],
  ["application/json", '{"a":'.repeat(3000)],
  ["application/json", JSON.stringify({ exposureKey: 1, hiddenKey: [], confirmationKey: {}, refreshToken: null, accessToken: 5, subject: {}, returnMethods: "x", applicationAnchor: [], deviceCode: 7, email: {}, code: [], challengeId: {}, decision: 3, userCode: [] })],
  ["application/json", JSON.stringify({ exposureKey: KEY("exp"), hiddenKey: KEY("hid"), confirmationKey: KEY("cnf"), refreshToken: "a.b.c", accessToken: "a.b.c", subject: "sub_0", applicationAnchor: "demo-app", deviceCode: "x", email: "a@example.com", code: "123456", challengeId: "00000000-0000-0000-0000-000000000000", decision: "approve", userCode: "BCDF-GHJK", decisions: { email: true } })],
  ["application/json", JSON.stringify({ applicationAnchor: "demo-app", email: "\u0000@\uD800", refreshToken: "x".repeat(70_000), ticket: "zz" })],
  ["application/x-www-form-urlencoded", "grant_type=authorization_code&code=x&client_id=demo-app&redirect_uri=x&code_verifier=x"],
  ["application/x-www-form-urlencoded", "%%%&&=%zz&client_id=demo-app&client_id=x"],
  ["text/plain", "hello"],
  [null, ""],
];
const HEADERS: Record<string, string>[] = [
  {},
  { authorization: "SudomimusClientJWT a.b.c", cookie: `via_session=${KEY("bss")}; with_session=v1.a.b.c; demo_session=%zz` },
];
const QUERIES = ["", "?exposure-key=%00&client_id=demo-app&redirect_uri=x&response_type=code&code=x&state=y&return=//evil.example"];
/** The surfaces that answer JSON: their refusals must name the problem. */
const JSON_API = /^(connect-api|device-api|native-api|via\/api|with\/api)\/|^oidc\/(token|userinfo)$/;

async function send(path: string, init: RequestInit): Promise<string | null> {
  const response = await fetch(`${requireServer()}/${path}`, { ...init, redirect: "manual" });
  const text = await response.text();
  const what = `${init.method} /${path} → ${response.status}`;
  if (response.status >= 500) return `${what}: ${text.slice(0, 200)}`;
  if (response.status >= 400 && JSON_API.test(path.split("?")[0]!)) {
    let body: Record<string, unknown> | null = null;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return `${what} is not JSON: ${text.slice(0, 120)}`;
    }
    // A request with no credentials at all hears only the challenge, no error code (RFC 6750 §3.1): the challenge names what is needed.
    const bareChallenge = response.status === 401 && /^Bearer realm="[^"]*"$/.test(response.headers.get("www-authenticate") ?? "");
    if (typeof body?.reason !== "string" && typeof body?.error !== "string" && !bareChallenge) return `${what} names no reason: ${text.slice(0, 120)}`;
  }
  return null;
}

describe("Malformed input on every route", () => {
  it("never answers 5xx, and every JSON API refusal names its problem", async () => {
    const requests: [path: string, init: RequestInit][] = ROUTES.flatMap((path) => [
      ...QUERIES.map((query): [string, RequestInit] => [`${path}${query}`, { method: "GET" }]),
      ...BODIES.flatMap(([contentType, body]) =>
        HEADERS.map((headers): [string, RequestInit] => [path, { method: "POST", body: contentType === null ? undefined : body, headers: { ...headers, ...(contentType ? { "content-type": contentType } : {}) } }]),
      ),
      [path, { method: "PUT", body: "{}", headers: { "content-type": "application/json" } }],
      [path, { method: "DELETE" }],
      // The With API's writes take PUT: every body, with no token and with a bogus one.
      ...(path.endsWith("/rules")
        ? BODIES.flatMap(([contentType, body]) =>
            ([{}, { authorization: "Bearer a.b.c" }] as Record<string, string>[]).map((headers): [string, RequestInit] => [path, { method: "PUT", body: contentType === null ? undefined : body, headers: { ...headers, ...(contentType ? { "content-type": contentType } : {}) } }]),
          )
        : []),
    ]);
    const problems: string[] = [];
    // Four at a time: quick, without queueing hundreds of requests on the server at once.
    for (let i = 0; i < requests.length; i += 4) {
      for (const problem of await Promise.all(requests.slice(i, i + 4).map(([path, init]) => send(path, init)))) if (problem) problems.push(problem);
    }
    assert.ok(requests.length > 1500, `${requests.length} requests`);
    assert.deepEqual(problems, []);
  });

  // PostgreSQL stores U+0000 in neither text (SQLSTATE 22021) nor jsonb (22P05): a NUL the edge lets through
  // became a 500. Anchors, token headers nobody verified yet and client-auth JWTs are where it got in.
  it("refuses the NUL character (U+0000) with a reason, never a 5xx", async () => {
    const unsigned = (header: Record<string, unknown>) => `${Buffer.from(JSON.stringify({ alg: "RS256", exp: 4_102_444_800, ...header })).toString("base64url")}.e30.x`;
    const access = unsigned({ kty: "Access", aud: "\u0000", jti: "\u0000", sub: "\u0000" });
    const refresh = unsigned({ kty: "Refresh", aud: "\u0000", jti: "\u0000" });
    const app = await createTestApplication({ anchorPrefix: "nul-input", rules: webRules() });
    const establishBody = JSON.stringify({ applicationAnchor: app.anchor, returnMethods: [{ type: "REVEAL", payload: {} }] });
    const signedBy = async (claims: { iss?: string; jti?: string }) => ({ authorization: `SudomimusClientJWT ${await clientJwt(app, establishBody, claims)}` });
    const cases: [label: string, send: () => Promise<{ status: number; body: Record<string, unknown> }>, status: number, reason: string][] = [
      ["access-key applicationAnchor", () => post("/native-api/direct-issue/access-key", { applicationAnchor: "demo-app\u0000", accessKeyIdentifier: `acs_k_${crypto.randomUUID()}`, accessKeySecret: `acs_t_${"0".repeat(64)}` }), 400, "Invalid applicationAnchor"],
      ["steam-ticket applicationAnchor", () => post("/native-api/direct-issue/steam-ticket", { applicationAnchor: "\u0000", steamTicketHex: "00", steamAppId: 480 }), 400, "Invalid applicationAnchor"],
      ["device-authorize applicationAnchor", () => post("/device-api/device-authorize", { applicationAnchor: "\u0000" }), 400, "Invalid applicationAnchor"],
      ["info applicationAnchor", () => post("/connect-api/info", { applicationAnchor: "\u0000", locale: "en-US" }), 400, "Invalid applicationAnchor"],
      ["a body string", () => post("/connect-api/refresh", { refreshToken: "a.b.c\u0000" }), 400, "Invalid refreshToken"],
      ["introspect: aud of an unsigned header", () => post("/connect-api/introspect", { accessToken: access }), 401, "AccessTokenInvalid"],
      ["errand: aud of an unsigned header", () => post("/native-api/errand", { accessToken: access }), 401, "AccessTokenInvalid"],
      ["refresh: jti and aud of an unsigned header", () => post("/connect-api/refresh", { refreshToken: refresh }), 401, "RefreshTokenNotFound"],
      ["establish: the client-auth JWT's iss", async () => post("/connect-api/establish", establishBody, await signedBy({ iss: "\u0000" })), 401, "ClientAuthInvalid"],
      // A genuine JWT of the application: its jti reaches the database, which refuses the one statement that records it
      // and creates the inquiry — the last line of defence answers 400.
      ["establish: the client-auth JWT's jti", async () => post("/connect-api/establish", establishBody, await signedBy({ jti: "\u0000" })), 400, "InvalidRequest"],
    ];
    const wrong: string[] = [];
    for (const [label, send, status, reason] of cases) {
      const { status: actual, body } = await send();
      if (actual !== status || body.reason !== reason) wrong.push(`${label}: ${actual} ${JSON.stringify(body)}`);
    }
    const loggedOut = await post("/connect-api/logout", { refreshToken: refresh });
    if (loggedOut.status !== 200 || loggedOut.body.revoked !== false) wrong.push(`logout: ${loggedOut.status} ${JSON.stringify(loggedOut.body)}`);
    const userinfo = await fetch(`${requireServer()}/oidc/userinfo`, { headers: { authorization: `Bearer ${access}` } });
    const userinfoBody = await userinfo.text();
    if (userinfo.status !== 401 || !userinfoBody.includes('"invalid_token"')) wrong.push(`userinfo: ${userinfo.status} ${userinfoBody}`);
    assert.deepEqual(wrong, []);
  });
});
