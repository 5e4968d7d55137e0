// Browser code on another origin calls a few endpoints directly: an OIDC
// public client — a single-page app with no backend (docs 33) — uses the
// token endpoint, userinfo, discovery and the JWKS, and /info "is safe to call
// from browsers" (docs 17; the SDK's verifyAccessToken calls it, docs 34).
// Those answer CORS preflights and let the page read every answer, refusals
// included. Backend calls, browser navigations and anything cookie-based stay
// closed to other origins, and an OPTIONS there never runs the route.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { createTestApplication, webRules } from "../support/applications";
import { type TestApplication } from "../support/connect-client";
import { requireServer } from "../support/env";
import { uniqueEmail } from "../support/mailbox";
import { REDIRECT_URI, authorizationUrl, createOidcApplication, discover, postForm, signInThroughVia, type OidcApplication } from "../support/oidc";

const SPA_ORIGIN = "https://spa.example";

interface CorsEndpoint {
  path: string;
  /** The methods the endpoint serves, each with the request headers a browser would ask to send. */
  requests: { method: string; headers: string[] }[];
}

const CORS_ENDPOINTS: CorsEndpoint[] = [
  { path: "/oidc/token", requests: [{ method: "POST", headers: ["content-type", "authorization"] }] },
  {
    path: "/oidc/userinfo",
    requests: [
      { method: "GET", headers: ["authorization"] },
      { method: "POST", headers: ["authorization", "content-type"] },
    ],
  },
  { path: "/oidc/.well-known/openid-configuration", requests: [{ method: "GET", headers: [] }] },
  { path: "/oidc/.well-known/jwks.json", requests: [{ method: "GET", headers: [] }] },
  { path: "/connect-api/info", requests: [{ method: "POST", headers: ["content-type"] }] },
];

function preflight(path: string, method: string, headers: string[]): Promise<Response> {
  return fetch(`${requireServer()}${path}`, {
    method: "OPTIONS",
    headers: { origin: SPA_ORIGIN, "access-control-request-method": method, ...(headers.length > 0 ? { "access-control-request-headers": headers.join(",") } : {}) },
  });
}

const listed = (value: string | null) => (value ?? "").split(",").map((item) => item.trim().toLowerCase()).filter(Boolean);

/** What a browser checks before it sends the actual request (Fetch standard, "CORS-preflight fetch"). */
function assertPreflightPasses(response: Response, method: string, headers: string[], what: string): void {
  assert.equal(response.status, 204, what);
  assert.equal(response.headers.get("access-control-allow-origin"), "*", what);
  assert.equal(response.headers.get("access-control-allow-credentials"), null, `${what}: never with credentials`);
  assert.ok(listed(response.headers.get("access-control-allow-methods")).includes(method.toLowerCase()), `${what}: allow-methods`);
  for (const header of headers) assert.ok(listed(response.headers.get("access-control-allow-headers")).includes(header), `${what}: allow-headers ${header}`);
  assert.ok(Number(response.headers.get("access-control-max-age")) > 0, `${what}: max-age`);
}

/** What a browser checks before it hands an actual response to the page. */
function assertReadableCrossOrigin(response: { status: number; headers: Headers }, what: string): void {
  assert.equal(response.headers.get("access-control-allow-origin"), "*", `${what} (${response.status})`);
  assert.equal(response.headers.get("access-control-allow-credentials"), null, what);
}

const fromSpa = (init: RequestInit & { headers?: Record<string, string> } = {}): RequestInit => ({ ...init, headers: { origin: SPA_ORIGIN, ...init.headers } });

describe("CORS for the endpoints browser code calls", () => {
  let oidcApp: OidcApplication;
  let connectApp: TestApplication;

  before(async () => {
    oidcApp = await createOidcApplication({ method: "none", anchorPrefix: "cors-spa" });
    connectApp = await createTestApplication({ anchorPrefix: "cors-connect", rules: webRules() });
  });

  it("answers the preflight of every method each endpoint serves", async () => {
    for (const endpoint of CORS_ENDPOINTS) {
      for (const { method, headers } of endpoint.requests) {
        assertPreflightPasses(await preflight(endpoint.path, method, headers), method, headers, `OPTIONS ${endpoint.path} for ${method}`);
      }
    }
  });

  it("a public client's whole back channel works from another origin: token exchange, userinfo, discovery, JWKS", async () => {
    const config = await discover(oidcApp);
    const attempt = await authorizationUrl(config);
    const callbackUrl = await signInThroughVia(attempt.url, uniqueEmail("cors-spa"), undefined, 1, { firstName: "Ada" });

    const tokens = await postForm(
      "/oidc/token",
      { grant_type: "authorization_code", code: callbackUrl.searchParams.get("code")!, redirect_uri: REDIRECT_URI, code_verifier: attempt.codeVerifier, client_id: oidcApp.anchor },
      { origin: SPA_ORIGIN },
    );
    assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
    assertReadableCrossOrigin(tokens, "POST /oidc/token");

    for (const method of ["GET", "POST"]) {
      const userinfo = await fetch(`${requireServer()}/oidc/userinfo`, fromSpa({ method, headers: { authorization: `Bearer ${String(tokens.body.access_token)}` } }));
      assert.equal(userinfo.status, 200, method);
      assertReadableCrossOrigin(userinfo, `${method} /oidc/userinfo`);
      assert.match(((await userinfo.json()) as { sub: string }).sub, /^sub_/);
    }

    for (const path of ["/oidc/.well-known/openid-configuration", "/oidc/.well-known/jwks.json"]) {
      const response = await fetch(`${requireServer()}${path}`, fromSpa());
      assert.equal(response.status, 200, path);
      assertReadableCrossOrigin(response, `GET ${path}`);
    }
  });

  it("refusals are readable too, with the challenge a client acts on", async () => {
    const badCode = await postForm("/oidc/token", { grant_type: "authorization_code", code: `oac_${"0".repeat(64)}`, redirect_uri: REDIRECT_URI, code_verifier: "v".repeat(43), client_id: oidcApp.anchor }, { origin: SPA_ORIGIN });
    assert.equal(badCode.body.error, "invalid_grant");
    assertReadableCrossOrigin(badCode, "POST /oidc/token refused");

    const noToken = await fetch(`${requireServer()}/oidc/userinfo`, fromSpa());
    assert.equal(noToken.status, 401);
    assertReadableCrossOrigin(noToken, "GET /oidc/userinfo refused");
    assert.match(noToken.headers.get("www-authenticate") ?? "", /^Bearer/);
    assert.ok(listed(noToken.headers.get("access-control-expose-headers")).includes("www-authenticate"), "the page may read the Bearer challenge");

    const wrongMethod = await fetch(`${requireServer()}/oidc/token`, fromSpa());
    assert.equal(wrongMethod.status, 405);
    assertReadableCrossOrigin(wrongMethod, "GET /oidc/token");
  });

  it("Connect /info answers browser code on any origin, found or not", async () => {
    const info = await fetch(`${requireServer()}/connect-api/info`, fromSpa({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ applicationAnchor: connectApp.anchor, locale: "en-US" }) }));
    assert.equal(info.status, 200);
    assertReadableCrossOrigin(info, "POST /connect-api/info");
    assert.match(((await info.json()) as { applicationPublicKey: string }).applicationPublicKey, /BEGIN PUBLIC KEY/);

    const unknown = await fetch(`${requireServer()}/connect-api/info`, fromSpa({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ applicationAnchor: "no-such-app", locale: "en-US" }) }));
    assert.equal(unknown.status, 404);
    assertReadableCrossOrigin(unknown, "POST /connect-api/info refused");
  });

  it("backend calls and browser navigations stay closed to other origins", async () => {
    const closed: [path: string, method: string, allow: string][] = [
      ["/connect-api/establish", "POST", "POST"],
      ["/connect-api/redeem", "POST", "POST"],
      ["/connect-api/refresh", "POST", "POST"],
      ["/oidc/authorize", "GET", "GET, POST"],
      ["/oidc/end-session", "GET", "GET, POST"],
    ];
    for (const [path, method, allow] of closed) {
      const refused = await preflight(path, method, ["content-type", "authorization"]);
      assert.equal(refused.headers.get("access-control-allow-origin"), null, `OPTIONS ${path}`);
      // The route's own refusal: never a redirect or any other work of its GET handler.
      assert.equal(refused.status, 405, `OPTIONS ${path}`);
      assert.equal(refused.headers.get("allow"), allow, `OPTIONS ${path}`);
      assert.equal(((await refused.json()) as { reason: string }).reason, "MethodNotAllowed");

      const actual = await fetch(`${requireServer()}${path}`, fromSpa({ method, redirect: "manual", ...(method === "POST" ? { headers: { "content-type": "application/json" }, body: "{}" } : {}) }));
      assert.equal(actual.headers.get("access-control-allow-origin"), null, `${method} ${path} (${actual.status})`);
    }
    const unknown = await preflight("/connect-api/no-such-operation", "POST", []);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.headers.get("access-control-allow-origin"), null);
  });
});
