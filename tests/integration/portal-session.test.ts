// The With portal's browser session through its lib functions, on a real
// database of this pass's kind: a session ended at Connect (sign-out,
// revoke-all, a refresh token replayed) ends the portal cookie at once, not at
// the access token's exp; and the portal's and the demo's state-changing
// routes refuse another site's requests before touching a cookie.
//
// The route handlers under app/(with) and app/demo are served from the build
// (.next): an HTTP test of them sees a change only after `npm run build`.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { findApplicationByAnchor } from "@/db/queries/applications";
import { upsertClaimGrant } from "@/db/queries/identity";
import { revokeLiveFamilies } from "@/db/queries/sessions";
import { applicationInfo } from "@/lib/applications/info";
import { seal } from "@/lib/crypto/seal";
import { runDemoStep } from "@/lib/demo/demo-routes";
import { registerAccountByEmail } from "@/lib/identity/accounts";
import { runPortalStep } from "@/lib/portal/portal-routes";
import { endPortalSession, portalRelyingParty, resolvePortalSession, type PortalDeps } from "@/lib/portal/portal-session";
import { PORTAL_ANCHOR, seedIfEmpty } from "@/lib/seed";
import { issueSession } from "@/lib/sessions/issue-session";
import { logout } from "@/lib/sessions/logout";
import { refresh, REFRESH_REUSE_GRACE_SECONDS } from "@/lib/sessions/refresh";
import { resolveSessionClaims } from "@/lib/sessions/session-claims";
import { loadSessionSubject } from "@/lib/sessions/session-subject";
import { libDeps } from "../support/lib-deps";

type Setup = Awaited<ReturnType<typeof libDeps>>;
let setup: Setup;
let deps: Setup["deps"];
/** Connect as the portal's client reaches it (over loopback HTTP), answered from this test's database. */
let connect: http.Server;

const ORIGIN = "http://localhost:3000";

before(async () => {
  setup = await libDeps();
  await new Promise<void>((resolve) => {
    connect = http.createServer((request, response) => {
      let text = "";
      request.on("data", (chunk: Buffer) => (text += chunk.toString()));
      request.on("end", () => {
        if (request.url !== "/connect-api/info") return void response.writeHead(404).end("{}");
        void applicationInfo(setup.deps, JSON.parse(text) as { applicationAnchor: string; locale: string }).then((info) =>
          response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(info)),
        );
      });
    });
    connect.listen(0, "127.0.0.1", resolve);
  });
  deps = { ...setup.deps, config: { ...setup.deps.config, port: (connect.address() as AddressInfo).port } };
  await seedIfEmpty(deps);
  // The portal's client checks an access token's exp against the wall clock.
  deps.clock.advance((Date.now() - deps.clock.now().getTime()) / 1000);
});

after(async () => {
  await new Promise((resolve) => connect.close(resolve));
  await setup.close();
});

/** A new account signed in to the portal: its token pair, and the cookie the browser holds (as the callback writes it). */
async function signedInToPortal() {
  const email = `portal-${crypto.randomBytes(4).toString("hex")}@example.com`;
  const account = await deps.db.transaction((tx) => registerAccountByEmail(tx, { email, now: deps.clock.now() }));
  const portal = (await findApplicationByAnchor(deps.db, PORTAL_ANCHOR))!;
  for (const claim of ["EMAIL", "FIRST_NAME", "LAST_NAME"] as const) {
    await upsertClaimGrant(deps.db, { accountId: account.id, applicationId: portal.id, claim, decision: "GRANTED", decidedAt: deps.clock.now() });
  }
  const subject = (await loadSessionSubject(deps.db, account.id, portal.id))!;
  const claims = await resolveSessionClaims(deps, { ...subject, account: subject.account! }, email);
  const issued = (await issueSession(deps, {
    application: subject.application,
    accountId: account.id,
    claims,
    origin: "CONNECT",
    authenticationMethod: "EMAIL_VERIFICATION",
    emailAddress: email,
    ttls: { accessTokenTtlSeconds: 3 * 3600, refreshTokenTtlSeconds: 30 * 86400 },
    authTime: deps.clock.now(),
  }))!;
  const name = portalRelyingParty.sessionCookieName;
  const sealed = seal(deps.keyring, JSON.stringify({ accessToken: issued.accessToken, refreshToken: issued.refreshToken }), `rp-cookie:${name}`);
  const cookies = { get: (wanted: string) => (wanted === name ? sealed : null) };
  return { account, portal, issued, cookies };
}

const stateOf = async (cookies: { get(name: string): string | null }, as: PortalDeps = deps) => (await resolvePortalSession(as, cookies)).kind;

describe("portal session", () => {
  it("is signed in with a live session's cookie", async () => {
    const { cookies, account } = await signedInToPortal();
    const state = await resolvePortalSession(deps, cookies);
    assert.equal(state.kind, "signed-in");
    assert.equal(state.kind === "signed-in" && state.account.id, account.id);
  });

  it("ends at once when the session is logged out (sign-out): a copied cookie is signed out, well before its access token's exp", async () => {
    const { cookies, issued } = await signedInToPortal();
    assert.equal(await stateOf(cookies), "signed-in");
    assert.deepEqual(await logout(deps, { refreshToken: issued.refreshToken }), { revoked: true });
    assert.equal(await stateOf(cookies), "signed-out");
  });

  it("ends at once when every session of the user is revoked (revoke-all)", async () => {
    const { cookies, account, portal } = await signedInToPortal();
    assert.equal(await stateOf(cookies), "signed-in");
    assert.equal(await revokeLiveFamilies(deps.db, { applicationId: portal.id, accountId: account.id }, "revoke-all", deps.clock.now()), 1);
    assert.equal(await stateOf(cookies), "signed-out");
  });

  it("ends at once when a replayed refresh token gets the family revoked — for the cookie holding the newest pair too", async () => {
    const { cookies, issued } = await signedInToPortal();
    const rotated = await refresh(deps, { refreshToken: issued.refreshToken });
    const name = portalRelyingParty.sessionCookieName;
    const current = seal(deps.keyring, JSON.stringify({ accessToken: rotated.accessToken, refreshToken: rotated.refreshToken }), `rp-cookie:${name}`);
    const currentCookies = { get: (wanted: string) => (wanted === name ? current : null) };
    assert.equal(await stateOf(currentCookies), "signed-in");
    deps.clock.advance(REFRESH_REUSE_GRACE_SECONDS + 1);
    await assert.rejects(refresh(deps, { refreshToken: issued.refreshToken }), { reason: "RefreshTokenFamilyCompromised" });
    assert.equal(await stateOf(currentCookies), "signed-out");
    assert.equal(await stateOf(cookies), "signed-out");
  });
});

describe("portal and demo routes from another site", () => {
  const crossSite = { origin: "https://evil.example", "sec-fetch-site": "cross-site" };
  const sameOrigin = { origin: ORIGIN, "sec-fetch-site": "same-origin" };

  /** A step that would sign the browser out: it records that it ran and clears the session cookie. */
  function signingOut() {
    const ran: string[] = [];
    const step = async () => {
      ran.push("step");
      return { location: "/with?signed-out=1", cookies: [portalRelyingParty.clearSession(deps)] };
    };
    return { ran, step };
  }

  it("POST /with/sign-out from another site: 403, the step never runs, no cookie is set", async () => {
    const foreign: Record<string, string>[] = [crossSite, { origin: "https://evil.example" }, { "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }];
    for (const headers of foreign) {
      const { ran, step } = signingOut();
      const response = await runPortalStep(deps, new Request(`${ORIGIN}/with/sign-out`, { method: "POST", headers }), step);
      assert.equal(response.status, 403, JSON.stringify(headers));
      assert.equal((await response.json() as { reason: string }).reason, "Forbidden");
      assert.deepEqual(response.headers.getSetCookie(), []);
      assert.deepEqual(ran, []);
    }
  });

  it("POST /with/sign-out from the portal's own page (or from no browser at all) still signs out: 303 with the cleared cookie", async () => {
    const own: Record<string, string>[] = [sameOrigin, { "sec-fetch-site": "same-origin" }, {}];
    for (const headers of own) {
      const { ran, step } = signingOut();
      const response = await runPortalStep(deps, new Request(`${ORIGIN}/with/sign-out`, { method: "POST", headers }), step);
      assert.equal(response.status, 303, JSON.stringify(headers));
      assert.equal(response.headers.get("location"), `${ORIGIN}/with?signed-out=1`);
      assert.match(response.headers.getSetCookie()[0] ?? "", /^with_session=;/);
      assert.deepEqual(ran, ["step"]);
    }
  });

  it("GET /with/sign-in from another site still starts a sign-in (a link from anywhere)", async () => {
    const { ran, step } = signingOut();
    const response = await runPortalStep(deps, new Request(`${ORIGIN}/with/sign-in`, { headers: { "sec-fetch-site": "cross-site" } }), step);
    assert.equal(response.status, 303);
    assert.deepEqual(ran, ["step"]);
  });

  it("the demo's POST routes refuse another site the same way", async () => {
    const ran: string[] = [];
    const step = async () => {
      ran.push("step");
      return { cookies: ["demo_session=; Path=/demo; Max-Age=0"] };
    };
    const refused = await runDemoStep(deps, new Request(`${ORIGIN}/demo/sign-out`, { method: "POST", headers: crossSite }), step);
    assert.equal(refused.status, 403);
    assert.deepEqual(refused.headers.getSetCookie(), []);
    assert.deepEqual(ran, []);
    const done = await runDemoStep(deps, new Request(`${ORIGIN}/demo/sign-out`, { method: "POST", headers: sameOrigin }), step);
    assert.equal(done.status, 303);
    assert.equal(done.headers.getSetCookie().length, 1);
    assert.deepEqual(ran, ["step"]);
  });

  it("GET /with/session/end forgets the session for the portal's own redirect, but not for another site's link", async () => {
    const end = (headers: Record<string, string>) =>
      runPortalStep(deps, new Request(`${ORIGIN}/with/session/end?reason=AccountDeleted`, { headers }), async (d, _cookies, request) => endPortalSession(d, request));
    const ownRedirects: Record<string, string>[] = [{ "sec-fetch-site": "same-origin" }, { "sec-fetch-site": "none" }, {}];
    for (const headers of ownRedirects) {
      const ours = await end(headers);
      assert.equal(ours.headers.get("location"), `${ORIGIN}/with?ended=AccountDeleted`);
      assert.match(ours.headers.getSetCookie()[0] ?? "", /^with_session=;/, JSON.stringify(headers));
    }
    for (const headers of [{ "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }]) {
      const theirs = await end(headers);
      assert.equal(theirs.status, 303);
      assert.equal(theirs.headers.get("location"), `${ORIGIN}/with?ended=AccountDeleted`, "the front page still says why");
      assert.deepEqual(theirs.headers.getSetCookie(), [], JSON.stringify(headers));
    }
  });
});
