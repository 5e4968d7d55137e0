// The Errand round trip in Chromium (docs 31), for both claim-gate reasons:
// a native direct-issue is blocked (403 + errand) → the user opens errand.url
// → consent only (no sign-in), or sign in as the errand's account and write
// what is missing (a name by email-code sign-in; an email for a Steam-first
// account that signs in with Steam) → COMPLETED → the client's retry gets
// tokens. Every page watched for CSP violations and errors; light and dark
// screenshots of each step.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { createTestApplication, runAdmin } from "../support/applications";
import { launchBrowser } from "../support/browser";
import { decodeJwt, establish, post, type TestApplication } from "../support/connect-client";
import { requireServer } from "../support/env";
import { codeFor, mailsTo, uniqueEmail } from "../support/mailbox";
import { newSteamId, signInToSteamAs, steamTicket } from "../support/steam";
import { ViaClient } from "../support/via-client";
import { pageMarkupIncludes, shoot, withVia } from "../support/via-page";

type Answer = { reason?: string; accessToken: string; claims: Record<string, { requirement: string; state: string }>; errand?: { errandKey: string; url: string; expiresAt: string } };

const cliRules = {
  authentication: [
    { method: "EMAIL_VERIFICATION", payload: {} },
    { method: "ACCESS_KEY_DIRECT", payload: {} },
  ],
  realize: [{ constraintType: "EVERYONE", payload: {} }],
  return: [
    { returnMethod: "STATUS_POLL", payload: {} },
    { returnMethod: "DIRECT_ISSUE", payload: {} },
  ],
};

let browser: Browser;
let signUp: TestApplication;

async function status(errandKey: string): Promise<string> {
  const response = await fetch(`${requireServer()}/native-api/errand/${errandKey}/status`);
  return ((await response.json()) as { status: string }).status;
}

/** An existing account with an email (signed up elsewhere) and an AccessKey of `app` for it. */
async function cliUser(app: TestApplication, grants?: string) {
  const email = uniqueEmail("errand-e2e");
  const inquiry = await establish(signUp, { returnMethods: [{ type: "STATUS_POLL", payload: {} }] });
  assert.equal((await new ViaClient().realize(inquiry.exposureKey, email)).status, 200);
  const created = await runAdmin(["create-access-key", "--application", app.anchor, "--email", email, "--json", ...(grants ? ["--grant", grants] : [])]);
  assert.equal(created.code, 0, created.stderr);
  const key = JSON.parse(created.stdout) as { accessKeyIdentifier: string; accessKeySecret: string };
  const issue = () =>
    post<Answer>("/native-api/direct-issue/access-key", { applicationAnchor: app.anchor, accessKeyIdentifier: key.accessKeyIdentifier, accessKeySecret: key.accessKeySecret });
  return { email, issue };
}

async function waitForStatus(errandKey: string, wanted: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await status(errandKey)) !== wanted) {
    if (Date.now() > deadline) throw new Error(`errand never became ${wanted}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function shownText(page: Page): Promise<string> {
  return page.locator("main").innerText();
}

describe("the Errand page", () => {
  before(async () => {
    browser = await launchBrowser();
    signUp = await createTestApplication({ anchorPrefix: "errand-e2e-signup", rules: cliRules });
  });
  after(async () => {
    await browser?.close();
  });

  it("ClaimConsentRequired, consent only: no sign-in, grant, COMPLETED, the retry gets tokens", async () => {
    const app = await createTestApplication({ anchorPrefix: "errand-e2e-consent", name: "Nightly Builds", rules: cliRules, claims: { email: "REQUIRED", firstName: "OPTIONAL", lastName: "SYNTHETIC" } });
    const user = await cliUser(app);
    const blocked = await user.issue();
    assert.deepEqual([blocked.status, blocked.body.reason], [403, "ClaimConsentRequired"]);
    const errand = blocked.body.errand!;

    await withVia(browser, async ({ page }) => {
      await page.goto(errand.url);
      await page.getByRole("heading", { name: "Nightly Builds would like to know:" }).waitFor();
      const email = page.getByRole("checkbox", { name: "Your email address" });
      const firstName = page.getByRole("checkbox", { name: "Your first name" });
      assert.deepEqual([await email.isChecked(), await email.isDisabled()], [true, true], "REQUIRED is locked on");
      assert.deepEqual([await firstName.isChecked(), await firstName.isDisabled()], [false, false], "OPTIONAL is offered, unchecked");
      await page.getByText("If you don’t share this, Nightly Builds receives a stand-in value instead.").waitFor();
      assert.equal(await page.getByRole("button", { name: "Sign in with Steam" }).count(), 0, "consent only: no sign-in");
      await shoot(page, "errand-review");

      await firstName.check();
      await page.getByRole("button", { name: "Continue", exact: true }).click();
      await page.getByRole("heading", { name: "All set" }).waitFor();
      await page.getByText("You can close this tab and return to Nightly Builds. It continues on its own.").waitFor();
      await shoot(page, "errand-done");
      await waitForStatus(errand.errandKey, "COMPLETED");

      const retried = await user.issue();
      assert.equal(retried.status, 200, JSON.stringify(retried.body));
      assert.equal(decodeJwt(retried.body.accessToken).body.emailAddress, user.email);
      assert.deepEqual(retried.body.claims.firstName, { requirement: "OPTIONAL", state: "GRANTED" });
      assert.deepEqual(retried.body.claims.lastName, { requirement: "SYNTHETIC", state: "DENIED" });
      assert.equal(await status(errand.errandKey), "EXPIRED");

      // Spent: the same link now says so, without echoing the key.
      await page.reload();
      await page.getByRole("heading", { name: "This link has expired" }).waitFor();
      assert.equal(await pageMarkupIncludes(page, errand.errandKey.slice(5)), false);
      await shoot(page, "errand-expired");
    });
  });

  it("RequiredClaimDataMissing: sign in by email code as the errand's account, type the missing name, COMPLETED", async () => {
    const app = await createTestApplication({ anchorPrefix: "errand-e2e-name", name: "Build Bot", rules: cliRules, claims: { firstName: "REQUIRED" } });
    const user = await cliUser(app, "firstName");
    const blocked = await user.issue();
    assert.deepEqual([blocked.status, blocked.body.reason], [403, "RequiredClaimDataMissing"]);
    const errand = blocked.body.errand!;

    await withVia(browser, async ({ page }) => {
      await page.goto(errand.url);
      await page.getByRole("heading", { name: "Sign in to continue" }).waitFor();
      assert.equal(await page.getByRole("link", { name: "Sign in with Steam" }).count(), 0, "no Steam identity on this account");
      await shoot(page, "errand-sign-in");

      // Someone else's address is answered like the account's own — the application holding the errand key must not
      // learn which addresses its user has — but no code is mailed to it, and the page does not claim one was.
      const stranger = uniqueEmail("stranger");
      await page.getByLabel("Your account’s email address").fill(stranger);
      await page.getByRole("button", { name: "Email me a code" }).click();
      await page.getByRole("heading", { name: "Check your email" }).waitFor();
      await page.getByText(`If ${stranger} is the address of the account you use in Build Bot, we sent it a 6-digit code.`).waitFor();
      assert.deepEqual(await mailsTo(stranger), []);
      await page.getByRole("button", { name: "Use a different email" }).click();

      await page.getByLabel("Your account’s email address").fill(user.email);
      await page.getByRole("button", { name: "Email me a code" }).click();
      await page.getByRole("heading", { name: "Check your email" }).waitFor();
      await shoot(page, "errand-code");
      await page.getByLabel("Verification code").fill((await codeFor(user.email, 2)).code);

      await page.getByRole("heading", { name: "Build Bot would like to know:" }).waitFor();
      await page.getByRole("button", { name: "Continue", exact: true }).click();
      await page.getByText("Enter your first name.").waitFor();
      await shoot(page, "errand-review-missing-name");
      await page.getByLabel("First name", { exact: true }).fill("Grace");
      await page.getByRole("button", { name: "Continue", exact: true }).click();
      await page.getByRole("heading", { name: "All set" }).waitFor();
      await waitForStatus(errand.errandKey, "COMPLETED");

      const retried = await user.issue();
      assert.equal(retried.status, 200, JSON.stringify(retried.body));
      assert.equal(decodeJwt(retried.body.accessToken).body.firstName, "Grace");

      // This browser is now signed in as that account: another account's errand refuses it, clearly.
      const other = await cliUser(app, "firstName");
      const otherErrand = (await other.issue()).body.errand!;
      await page.goto(otherErrand.url);
      await page.getByText("You’re signed in as Grace, but this request is for a different account.", { exact: false }).waitFor();
      await shoot(page, "errand-signed-in-elsewhere");
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByLabel("Your account’s email address").waitFor();
    }, { colorScheme: "dark" });
  });

  it("ClaimConsentRequired with no email on a Steam-first account: sign in with Steam, add and verify an email, COMPLETED", async () => {
    const game = await createTestApplication({ anchorPrefix: "errand-e2e-steam", name: "Spacewar", template: "steam-game", claims: { email: "REQUIRED" } });
    const steamId = newSteamId();
    const issue = async () =>
      post<Answer>("/native-api/direct-issue/steam-ticket", { applicationAnchor: game.anchor, steamTicketHex: await steamTicket({ steamId }), steamAppId: 480 });
    const blocked = await issue();
    assert.deepEqual([blocked.status, blocked.body.reason], [403, "ClaimConsentRequired"]);
    const errand = blocked.body.errand!;

    await withVia(browser, async ({ page }) => {
      // At Steam the wrong player is signed in first.
      await signInToSteamAs(newSteamId());
      await page.goto(errand.url);
      await page.getByRole("heading", { name: "Sign in to continue" }).waitFor();
      assert.equal(await page.getByLabel("Your account’s email address").count(), 0, "a Steam-first account has no address to sign in with");
      await shoot(page, "errand-sign-in-steam");
      await page.getByRole("link", { name: "Sign in with Steam" }).click();
      await page.getByText("That Steam account isn’t the one this request is for.", { exact: false }).waitFor();
      await shoot(page, "errand-steam-mismatch");

      await signInToSteamAs(steamId);
      await page.getByRole("link", { name: "Sign in with Steam" }).click();
      await page.getByRole("heading", { name: "Add your email address" }).waitFor();
      assert.equal(await page.getByRole("button", { name: "Skip" }).count(), 0, "a REQUIRED email cannot be skipped");
      await shoot(page, "errand-add-email");

      const address = uniqueEmail("spacewar");
      await page.getByLabel("Email address", { exact: true }).fill(address);
      await page.getByRole("button", { name: "Send code" }).click();
      await page.getByRole("heading", { name: "Check your email" }).waitFor();
      const mail = await codeFor(address);
      assert.match(mail.mail.text, /add this address to your account and share it with Spacewar/);
      await page.getByLabel("Verification code").fill(mail.code);

      await page.getByRole("heading", { name: "Spacewar would like to know:" }).waitFor();
      await page.getByRole("button", { name: "Continue", exact: true }).click();
      await page.getByRole("heading", { name: "All set" }).waitFor();
      await waitForStatus(errand.errandKey, "COMPLETED");

      const retried = await issue();
      assert.equal(retried.status, 200, JSON.stringify(retried.body));
      assert.equal(decodeJwt(retried.body.accessToken).body.emailAddress, address);
      assert.ok((await shownText(page)).includes("Spacewar"));
    });
  });
});
