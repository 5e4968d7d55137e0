// prompt and max_age (OIDC Core §3.1.2.1) against the browser's via
// session: prompt=none answers without any page (a code, or
// login_required / consent_required), and only about the user an
// id_token_hint names (who alone may sign in, with any prompt); prompt=login, select_account and max_age refuse an
// older sign-in, prompt=consent asks again.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as client from "openid-client";
import { mailsTo, uniqueEmail } from "../support/mailbox";
import {
  REDIRECT_URI,
  authorizationUrl,
  authorizeHop,
  createOidcApplication,
  discover,
  exposureKeyOf,
  issuerUrl,
  signInThroughVia,
  type OidcApplication,
} from "../support/oidc";
import { ViaClient } from "../support/via-client";

let app: OidcApplication;
let config: client.Configuration;
let via: ViaClient;
let email: string;
let firstAuthTime: number;
let firstIdToken: string;

async function exchange(target: client.Configuration, callback: URL, attempt: { codeVerifier: string; state: string; nonce: string }, maxAge?: number) {
  return client.authorizationCodeGrant(target, callback, {
    pkceCodeVerifier: attempt.codeVerifier,
    expectedState: attempt.state,
    expectedNonce: attempt.nonce,
    ...(maxAge !== undefined ? { maxAge } : {}),
  });
}

describe("OIDC prompt and max_age", () => {
  before(async () => {
    app = await createOidcApplication({ method: "none" });
    config = await discover(app);
    via = new ViaClient();
    email = uniqueEmail("oidc-prompt");
    const attempt = await authorizationUrl(config);
    const tokens = await exchange(config, await signInThroughVia(attempt.url, email, via), attempt);
    firstAuthTime = tokens.claims()!.auth_time!;
    firstIdToken = tokens.id_token!;
  });

  it("prompt=none with a live session and settled consent: straight back with a code", async () => {
    const attempt = await authorizationUrl(config, { prompt: "none" });
    const hop = await authorizeHop(attempt.url, via.cookieHeader());
    assert.equal(hop.location.origin + hop.location.pathname, REDIRECT_URI);
    assert.equal(hop.location.searchParams.get("iss"), issuerUrl());
    const tokens = await exchange(config, hop.location, attempt);
    assert.equal(tokens.claims()!.auth_time, firstAuthTime, "the original sign-in, not a new one");
    assert.equal(tokens.claims()!.email, email);
  });

  it("a POSTed authorization request (the RP's cross-site form: no via cookie) is answered with its GET, which carries the session", async () => {
    const attempt = await authorizationUrl(config, { prompt: "none" });
    const posted = await fetch(`${issuerUrl()}/authorize`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: attempt.url.searchParams.toString(),
    });
    assert.equal(posted.status, 303);
    const location = new URL(posted.headers.get("location") ?? "");
    assert.equal(location.origin + location.pathname, `${issuerUrl()}/authorize`);
    assert.deepEqual([...location.searchParams].sort(), [...attempt.url.searchParams].sort(), "the same parameters, in the query");
    // The browser's top-level GET sends the SameSite=Lax cookie: prompt=none answers with a code, not login_required.
    const hop = await authorizeHop(location, via.cookieHeader());
    assert.equal(hop.location.origin + hop.location.pathname, REDIRECT_URI, hop.location.toString());
    assert.equal((await exchange(config, hop.location, attempt)).claims()!.email, email);
  });

  it("prompt=none answers consent_required for undecided claims, and succeeds for a scope that carries none", async () => {
    const second = await createOidcApplication({ method: "none", anchorPrefix: "oidc-prompt-b" });
    const secondConfig = await discover(second);
    const asking = await authorizationUrl(secondConfig, { prompt: "none" });
    const refused = await authorizeHop(asking.url, via.cookieHeader());
    assert.equal(refused.location.searchParams.get("error"), "consent_required");
    assert.equal(refused.location.searchParams.get("state"), asking.state);
    const quiet = await authorizationUrl(secondConfig, { prompt: "none", scope: "openid" });
    const granted = await authorizeHop(quiet.url, via.cookieHeader());
    const tokens = await exchange(secondConfig, granted.location, quiet);
    assert.equal(tokens.claims()!.email, undefined);
    assert.notEqual(tokens.claims()!.sub, undefined);
  });

  it("id_token_hint: prompt=none answers for the hinted user only; a hint not issued to this client is refused", async () => {
    const mine = await authorizationUrl(config, { prompt: "none", id_token_hint: firstIdToken });
    const hop = await authorizeHop(mine.url, via.cookieHeader());
    assert.equal((await exchange(config, hop.location, mine)).claims()!.email, email, "the browser is the hinted user");
    // Another user's ID token, while this browser is signed in as the first: never a silent answer about the wrong user.
    const otherAttempt = await authorizationUrl(config);
    const other = await exchange(config, await signInThroughVia(otherAttempt.url, uniqueEmail("oidc-hint-other"), new ViaClient()), otherAttempt);
    const wrong = await authorizationUrl(config, { prompt: "none", id_token_hint: other.id_token! });
    const refused = (await authorizeHop(wrong.url, via.cookieHeader())).location;
    assert.deepEqual([refused.searchParams.get("error"), refused.searchParams.get("state")], ["login_required", wrong.state]);
    // A token of ours for another client, and something that is no token of ours at all.
    const elsewhere = await createOidcApplication({ method: "none", anchorPrefix: "oidc-hint-b" });
    const elsewhereConfig = await discover(elsewhere);
    const hinted = await authorizationUrl(elsewhereConfig, { prompt: "none", id_token_hint: firstIdToken });
    assert.equal((await authorizeHop(hinted.url, via.cookieHeader())).location.searchParams.get("error"), "invalid_request");
    const garbage = await authorizationUrl(config, { prompt: "none", id_token_hint: "abc.def.ghi" });
    assert.equal((await authorizeHop(garbage.url, via.cookieHeader())).location.searchParams.get("error"), "invalid_request");
  });

  it("id_token_hint without prompt=none: only the hinted user signs in; another signed-in account is not offered", async () => {
    const otherEmail = uniqueEmail("oidc-hint-interactive");
    const otherVia = new ViaClient();
    const otherAttempt = await authorizationUrl(config);
    const other = await exchange(config, await signInThroughVia(otherAttempt.url, otherEmail, otherVia), otherAttempt);
    // This browser is the first user; the relying party names the other one.
    const attempt = await authorizationUrl(config, { id_token_hint: other.id_token! });
    const hop = await authorizeHop(attempt.url, via.cookieHeader());
    const exposureKey = exposureKeyOf(hop.location);
    const html = await (await fetch(hop.location, { headers: { cookie: via.cookieHeader() } })).text();
    assert.match(html, /data-step="start"/);
    assert.doesNotMatch(html, /data-step="continuing"/);
    assert.match(html, /asks for a different account/);
    const continued = await via.call("continue", { exposureKey });
    assert.deepEqual([continued.status, continued.body.reason], [403, "OtherAccountExpected"]);
    // Signing in again as the first user does not help either; the inquiry is still there for the right one.
    const again = await via.signInByEmail(exposureKey, email, (await mailsTo(email)).length + 1);
    assert.deepEqual([again.status, again.body.reason], [403, "OtherAccountExpected"]);
    const hinted = await otherVia.call("continue", { exposureKey });
    assert.equal(hinted.body.next, "callback", JSON.stringify(hinted.body));
    const tokens = await exchange(config, new URL(String(hinted.body.redirectTo)), attempt);
    assert.deepEqual([tokens.claims()!.sub, tokens.claims()!.email], [other.claims()!.sub, otherEmail]);
  });

  it("prompt=none with max_age=0 or without a session: login_required", async () => {
    const fresh = await authorizationUrl(config, { prompt: "none", max_age: "0" });
    assert.equal((await authorizeHop(fresh.url, via.cookieHeader())).location.searchParams.get("error"), "login_required");
    const anonymous = await authorizationUrl(config, { prompt: "none" });
    assert.equal((await authorizeHop(anonymous.url)).location.searchParams.get("error"), "login_required");
  });

  for (const extra of [{ prompt: "login" }, { prompt: "select_account" }, { max_age: "0" }] as Record<string, string>[]) {
    it(`${JSON.stringify(extra)}: the existing session does not count; a fresh sign-in does`, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1100)); // auth_time has a resolution of one second
      const attempt = await authorizationUrl(config, extra);
      const hop = await authorizeHop(attempt.url, via.cookieHeader());
      const exposureKey = exposureKeyOf(hop.location);
      // The page does not offer to continue as the signed-in user…
      const page = await fetch(hop.location, { headers: { cookie: via.cookieHeader() } });
      const html = await page.text();
      assert.match(html, /data-step="start"/);
      assert.doesNotMatch(html, /data-step="continuing"/);
      // …and the API refuses it too.
      const continued = await via.call("continue", { exposureKey });
      assert.deepEqual([continued.status, continued.body.reason], [401, "SignInRequired"]);
      const signedIn = await via.signInByEmail(exposureKey, email, (await mailsTo(email)).length + 1);
      assert.equal(signedIn.body.next, "callback", JSON.stringify(signedIn.body));
      const tokens = await exchange(config, new URL(String(signedIn.body.redirectTo)), attempt, extra.max_age ? 0 : undefined);
      assert.ok(tokens.claims()!.auth_time! > firstAuthTime, "auth_time is the new sign-in");
    });
  }

  it("max_age larger than the session's age: the session counts", async () => {
    const attempt = await authorizationUrl(config, { max_age: "3600" });
    const hop = await authorizeHop(attempt.url, via.cookieHeader());
    const continued = await via.call("continue", { exposureKey: exposureKeyOf(hop.location) });
    assert.equal(continued.body.next, "callback", JSON.stringify(continued.body));
    const tokens = await exchange(config, new URL(String(continued.body.redirectTo)), attempt, 3600);
    assert.equal(typeof tokens.claims()!.auth_time, "number");
  });

  it("prompt=consent asks about already decided claims again", async () => {
    const attempt = await authorizationUrl(config, { prompt: "consent" });
    const hop = await authorizeHop(attempt.url, via.cookieHeader());
    const exposureKey = exposureKeyOf(hop.location);
    const continued = await via.call("continue", { exposureKey });
    assert.equal(continued.body.next, "consent", JSON.stringify(continued.body));
    assert.deepEqual(continued.body.ask, ["email", "firstName", "lastName"]);
    const consented = await via.call("consent", { exposureKey, decisions: { email: false, firstName: false, lastName: false } });
    assert.equal(consented.body.next, "callback", JSON.stringify(consented.body));
    const tokens = await exchange(config, new URL(String(consented.body.redirectTo)), attempt);
    assert.equal(tokens.claims()!.email, undefined, "the new decision holds");
    // Without prompt=consent the (new) decisions are not asked again.
    const later = await authorizationUrl(config);
    const laterHop = await authorizeHop(later.url, via.cookieHeader());
    const again = await via.call("continue", { exposureKey: exposureKeyOf(laterHop.location) });
    assert.equal(again.body.next, "callback");
  });
});
