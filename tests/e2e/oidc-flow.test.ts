// The OpenID Connect flow in Chromium, with openid-client as the relying
// party: the browser follows the authorization URL to via, signs up by email
// code, consents under the scope gate, lands on the RP's callback with a
// code, the RP exchanges it (ID token verified against the JWKS) and reads
// userinfo; end-session signs the browser out of via. Plus the provider's own
// pages (an untrusted redirect URI, the signed-out page), prompt=login, an
// id_token_hint naming another user than the browser's, and a Cancel on the
// consent step answered with access_denied.
import assert from "node:assert/strict";
import http from "node:http";
import { after, before, describe, it } from "node:test";
import * as client from "openid-client";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../support/browser";
import { codeFor, uniqueEmail } from "../support/mailbox";
import { REDIRECT_URI, authorizationUrl, createOidcApplication, discover, issuerUrl, type OidcApplication } from "../support/oidc";
import { freePort } from "../support/ports";
import { shoot, signUpByEmail, withVia } from "../support/via-page";

let browser: Browser;
let app: OidcApplication;
let config: client.Configuration;
// The RP's landing page after logout is reached by an HTTP redirect from /oidc/end-session, which
// Playwright's routing does not intercept: a real little server answers it.
let relyingParty: http.Server;
let postLogoutUri: string;

async function reachCallback(page: Page): Promise<URL> {
  try {
    await page.waitForURL((url) => url.hostname === "localhost" && url.port === "" && url.pathname === "/oidc/callback", { timeout: 20_000 });
  } catch (error) {
    const shown = await page.locator("main").innerText().catch(() => "(no main)");
    throw new Error(`no callback; the page shows:\n${shown}`, { cause: error });
  }
  return new URL(page.url());
}

describe("OIDC in the browser", () => {
  before(async () => {
    browser = await launchBrowser();
    const port = await freePort();
    relyingParty = http.createServer((_request, response) => response.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>RP</title><p>signed out</p>"));
    await new Promise<void>((resolve) => relyingParty.listen(port, "127.0.0.1", resolve));
    postLogoutUri = `http://127.0.0.1:${port}/signed-out`;
    app = await createOidcApplication({
      method: "private_key_jwt",
      postLogoutRedirectUris: [postLogoutUri],
      authentication: [{ method: "EMAIL_VERIFICATION", payload: {} }],
      claims: { email: "OPTIONAL", firstName: "OPTIONAL", lastName: "OPTIONAL" },
    });
    config = await discover(app);
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => relyingParty?.close(resolve));
  });

  it("signs in through via and back to the relying party; prompt=login asks again; end-session signs out", async () => {
    await withVia(browser, async (via) => {
      const { page } = via;
      const attempt = await authorizationUrl(config, { scope: "openid email" });
      await page.goto(attempt.url.toString());
      assert.equal(new URL(page.url()).pathname, "/via");
      const email = uniqueEmail("oidc-e2e");
      await signUpByEmail(page, email);
      // The scope gate: only the email claim is asked about.
      await page.getByRole("heading", { name: `${app.anchor} would like to know:` }).waitFor();
      assert.equal(await page.getByRole("checkbox").count(), 1);
      await page.getByRole("checkbox", { name: "Your email address" }).check();
      await shoot(page, "oidc-consent");
      await page.getByRole("button", { name: "Continue", exact: true }).click();

      const callback = await reachCallback(page);
      assert.equal(callback.origin + callback.pathname, REDIRECT_URI);
      assert.equal(callback.searchParams.get("iss"), issuerUrl());
      const tokens = await client.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: attempt.codeVerifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      assert.equal(claims.email, email);
      assert.equal(claims.email_verified, true);
      assert.equal(claims.given_name, undefined, "profile was not requested");
      assert.deepEqual(await client.fetchUserInfo(config, tokens.access_token, claims.sub), { sub: claims.sub, email, email_verified: true });

      // The browser session carries the next authorization straight through…
      const again = await authorizationUrl(config, { scope: "openid email" });
      await page.goto(again.url.toString());
      const quick = await reachCallback(page);
      const second = await client.authorizationCodeGrant(config, quick, { pkceCodeVerifier: again.codeVerifier, expectedState: again.state, expectedNonce: again.nonce });
      assert.equal(second.claims()!.sub, claims.sub);
      assert.equal(second.claims()!.auth_time, claims.auth_time);

      // …unless the RP asks for a fresh sign-in.
      const fresh = await authorizationUrl(config, { scope: "openid email", prompt: "login" });
      await page.goto(fresh.url.toString());
      await page.getByRole("heading", { name: `Sign in to ${app.anchor}` }).waitFor();
      assert.equal(await page.locator('[data-step="continuing"]').count(), 0);

      // End-session: back to the RP's registered URI, and via forgets the browser's sign-in.
      await page.goto(client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: postLogoutUri, state: "bye" }).toString());
      assert.equal(page.url(), `${postLogoutUri}?state=bye`);
      assert.equal(new URL(page.url()).searchParams.get("state"), "bye");
      const afterLogout = await authorizationUrl(config, { scope: "openid email" });
      await page.goto(afterLogout.url.toString());
      await page.getByRole("heading", { name: `Sign in to ${app.anchor}` }).waitFor();
    });
  });

  it("Cancel on the consent step goes back to the relying party with access_denied", async () => {
    await withVia(browser, async ({ page }) => {
      const attempt = await authorizationUrl(config, { scope: "openid email" });
      await page.goto(attempt.url.toString());
      await signUpByEmail(page, uniqueEmail("oidc-cancel"));
      await page.getByRole("heading", { name: `${app.anchor} would like to know:` }).waitFor();
      await page.getByRole("button", { name: "Cancel" }).click();
      const back = await reachCallback(page);
      assert.deepEqual([back.searchParams.get("error"), back.searchParams.get("state"), back.searchParams.get("code")], ["access_denied", attempt.state, null]);
    });
  });

  it("id_token_hint names the user: a browser signed in as somebody else is asked for that account", async () => {
    const plain = { scope: "openid" }; // no claims: no consent step
    let hinted!: { idToken: string; sub: string; email: string };
    await withVia(browser, async ({ page }) => {
      const email = uniqueEmail("oidc-hinted");
      const attempt = await authorizationUrl(config, plain);
      await page.goto(attempt.url.toString());
      await signUpByEmail(page, email);
      const tokens = await client.authorizationCodeGrant(config, await reachCallback(page), { pkceCodeVerifier: attempt.codeVerifier, expectedState: attempt.state, expectedNonce: attempt.nonce });
      hinted = { idToken: tokens.id_token!, sub: tokens.claims()!.sub, email };
    });
    await withVia(browser, async ({ page }) => {
      const someoneElse = await authorizationUrl(config, plain);
      await page.goto(someoneElse.url.toString());
      await signUpByEmail(page, uniqueEmail("oidc-someone-else"));
      await reachCallback(page);
      // The relying party asks again, naming its user; this browser is somebody else.
      const attempt = await authorizationUrl(config, { ...plain, id_token_hint: hinted.idToken });
      await page.goto(attempt.url.toString());
      await page.getByText(`asks for a different account`).waitFor();
      assert.equal(await page.locator('[data-step="continuing"]').count(), 0);
      await shoot(page, "oidc-other-account-expected");
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByText("You’re signed out.").waitFor();
      await page.getByLabel("Email address").fill(hinted.email);
      await page.getByRole("button", { name: "Continue", exact: true }).click();
      await page.getByRole("heading", { name: "Check your email" }).waitFor();
      await page.getByLabel("Verification code").fill((await codeFor(hinted.email, 2)).code);
      const back = await reachCallback(page);
      const tokens = await client.authorizationCodeGrant(config, back, { pkceCodeVerifier: attempt.codeVerifier, expectedState: attempt.state, expectedNonce: attempt.nonce });
      assert.equal(tokens.claims()!.sub, hinted.sub);
    });
  });

  it("shows its own page for an untrusted redirect URI, and a signed-out page without one", async () => {
    await withVia(browser, async ({ page }) => {
      const attempt = await authorizationUrl(config, { redirect_uri: "https://attacker.example/cb" });
      await page.goto(attempt.url.toString());
      await page.getByRole("heading", { name: "This sign-in request can’t be completed" }).waitFor();
      await page.getByText("The request asks to send you to an address the application hasn’t registered.").waitFor();
      assert.equal(new URL(page.url()).origin, new URL(issuerUrl()).origin);
      await shoot(page, "oidc-error-redirect-uri");

      await page.getByLabel("Language").selectOption("fr-FR");
      await page.getByRole("heading", { name: "Cette demande de connexion ne peut pas aboutir" }).waitFor();
      await page.getByLabel("Langue").selectOption("en-US");
      await page.getByRole("heading", { name: "This sign-in request can’t be completed" }).waitFor();

      await page.goto(`${issuerUrl()}/end-session`);
      await page.getByRole("heading", { name: "You’re signed out" }).waitFor();
      await shoot(page, "oidc-signed-out");
    });
  });
});
