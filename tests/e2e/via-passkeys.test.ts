// The sign-in page end to end with passkeys: a new account by email code
// adds a passkey, then signs in with it usernameless and email-first from
// other browser profiles, and a returning browser continues by itself.
// Every path ends with the application redeeming the login.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { createTestApplication, webRules } from "../support/applications";
import { launchBrowser } from "../support/browser";
import { callback, decodeJwt, establish, type TestApplication } from "../support/connect-client";
import { codeFor, uniqueEmail } from "../support/mailbox";
import { addVirtualAuthenticator, callbackKeys, openVia, redeem, shoot, signInUrl, type ViaPage, type VirtualCredential, withVia } from "../support/via-page";

let browser: Browser;
let app: TestApplication;
let email: string;
let subject: unknown;
// The passkey as the authenticator holds it, moved from profile to profile
// after each use: a copy with a stale signature counter would rightly be
// refused as a cloned authenticator.
let passkeys: VirtualCredential[] = [];
/** The passkey as it was right after registration: stale once it has been used elsewhere. */
let registeredPasskeys: VirtualCredential[] = [];
let firstBrowser: ViaPage | undefined;

describe("via sign-in with passkeys", () => {
  before(async () => {
    browser = await launchBrowser();
    app = await createTestApplication({ anchorPrefix: "via-pk", rules: webRules(), claims: { email: "REQUIRED" } });
  });
  after(async () => {
    await firstBrowser?.close();
    await browser?.close();
  });

  it("registers by email code, adds a passkey, shares the required email and returns to the application", async () => {
    email = uniqueEmail("via-register");
    const inquiry = await establish(app, { returnMethods: [callback()] });
    const via = (firstBrowser = await openVia(browser));
    const authenticator = await addVirtualAuthenticator(via);
    const { page } = via;
    await page.goto(signInUrl(inquiry.exposureKey));
    await page.getByRole("heading", { level: 1, name: `Sign in to ${app.anchor}` }).waitFor();
    // The usernameless button comes first, before the email field.
    const passkeyButton = page.getByRole("button", { name: "Sign in with a passkey" });
    const emailField = page.getByLabel("Email address");
    const [buttonBox, fieldBox] = [await passkeyButton.boundingBox(), await emailField.boundingBox()];
    assert.ok(buttonBox && fieldBox && buttonBox.y < fieldBox.y, "passkey button above the email field");
    await shoot(page, "via-start");

    await emailField.fill(email);
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await page.getByRole("heading", { name: "How would you like to sign in?" }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), "H1", "focus moves to the new step's heading");
    await shoot(page, "via-choose");

    await page.getByRole("button", { name: "Email me a code" }).click();
    await page.getByRole("heading", { name: "Check your email" }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), "via-code", "focus moves to the code field");
    const codeField = page.getByLabel("Verification code");
    assert.equal(await codeField.getAttribute("inputmode"), "numeric");
    assert.equal(await codeField.getAttribute("autocomplete"), "one-time-code");
    await shoot(page, "via-code");

    const { code } = await codeFor(email);
    // Pasted with a space, as mail clients often copy it: still accepted, and submitted on the sixth digit.
    await codeField.fill(`${code.slice(0, 3)} ${code.slice(3)}`);
    await page.getByRole("heading", { name: "Add a passkey for faster sign-in next time" }).waitFor();
    await shoot(page, "via-add-passkey");
    await page.getByRole("button", { name: "Add passkey" }).click();
    await page.getByText("Passkey added.").waitFor();

    await page.getByRole("heading", { name: `${app.anchor} would like to know:` }).waitFor();
    const emailClaim = page.getByRole("checkbox", { name: "Your email address" });
    assert.equal(await emailClaim.isChecked(), true, "a REQUIRED claim is locked on");
    assert.equal(await emailClaim.isDisabled(), true);
    await page.getByText("Required", { exact: true }).waitFor();
    await shoot(page, "via-consent-required");
    await page.getByRole("button", { name: "Continue", exact: true }).click();

    const keys = await callbackKeys(page);
    assert.equal(keys.exposureKey, inquiry.exposureKey);
    assert.equal(keys.url.searchParams.get("state"), "xyz", "the application's own query survives");
    const tokens = await redeem({ exposureKey: inquiry.exposureKey, hiddenKey: inquiry.hiddenKey, confirmationKey: keys.confirmationKey });
    const claims = decodeJwt(tokens.accessToken).body;
    assert.equal(claims.emailAddress, email);
    subject = claims.subject;
    assert.equal(typeof subject, "string", "the pairwise subject");
    passkeys = registeredPasskeys = await authenticator.credentials();
    assert.equal(passkeys.length, 1, "the new passkey lives on the authenticator");
    assert.equal(passkeys[0]?.isResidentCredential, true, "discoverable, so the usernameless button can find it");
    assert.deepEqual(via.problems, []);
  });

  it("a returning browser continues on its own, and can switch to another account", async () => {
    assert.ok(firstBrowser, "needs the first test's browser");
    const { page, problems } = firstBrowser;

    // Hold the continue call so the "Signing you in" state can be seen.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/via/api/continue", async (route) => {
      await held;
      await route.continue();
    });
    const inquiry = await establish(app, { returnMethods: [callback()] });
    await page.goto(signInUrl(inquiry.exposureKey));
    await page.getByRole("heading", { name: `Signing you in as ${email}…` }).waitFor();
    await page.getByRole("button", { name: "Use another account" }).waitFor();
    await shoot(page, "via-continuing");
    release();
    const keys = await callbackKeys(page);
    const tokens = await redeem({ exposureKey: inquiry.exposureKey, hiddenKey: inquiry.hiddenKey, confirmationKey: keys.confirmationKey });
    assert.equal(decodeJwt(tokens.accessToken).body.subject, subject, "the same person, without asking again");

    // "Use another account" signs this browser out and shows the normal form.
    await page.unroute("**/via/api/continue");
    await page.route("**/via/api/continue", (route) => route.abort());
    const second = await establish(app, { returnMethods: [callback()] });
    await page.goto(signInUrl(second.exposureKey));
    await page.getByRole("button", { name: "Use another account" }).click();
    await page.getByText("You’re signed out.").waitFor();
    await page.getByLabel("Email address").waitFor();
    await page.unroute("**/via/api/continue");
    await page.reload();
    await page.getByRole("heading", { name: `Sign in to ${app.anchor}` }).waitFor();
    await page.getByLabel("Email address").waitFor();
    assert.equal(await page.getByRole("button", { name: "Use another account" }).count(), 0, "signed out for real");
    assert.deepEqual(problems, []);
  });

  it("signs in with the passkey alone (usernameless) from another browser profile", async () => {
    await withVia(browser, async (via) => {
      const authenticator = await addVirtualAuthenticator(via, passkeys);
      const inquiry = await establish(app, { returnMethods: [callback()] });
      await via.page.goto(signInUrl(inquiry.exposureKey));
      await via.page.getByRole("button", { name: "Sign in with a passkey" }).click();
      const keys = await callbackKeys(via.page);
      const tokens = await redeem({ exposureKey: inquiry.exposureKey, hiddenKey: inquiry.hiddenKey, confirmationKey: keys.confirmationKey });
      assert.equal(decodeJwt(tokens.accessToken).body.subject, subject);
      passkeys = await authenticator.credentials();
    });
  });

  it("signs in email-first with the passkey (PASSKEY_REASONED), offering the same choice as for any address", async () => {
    await withVia(browser, async (via) => {
      const authenticator = await addVirtualAuthenticator(via, passkeys);
      const inquiry = await establish(app, { returnMethods: [callback()] });
      await via.page.goto(signInUrl(inquiry.exposureKey));
      await via.page.getByLabel("Email address").fill(email);
      await via.page.getByRole("button", { name: "Continue", exact: true }).click();
      await via.page.getByRole("button", { name: "Email me a code" }).waitFor();
      await via.page.getByRole("button", { name: "Use a passkey" }).click();
      const keys = await callbackKeys(via.page);
      const tokens = await redeem({ exposureKey: inquiry.exposureKey, hiddenKey: inquiry.hiddenKey, confirmationKey: keys.confirmationKey });
      assert.equal(decodeJwt(tokens.accessToken).body.subject, subject);
      passkeys = await authenticator.credentials();
    });
  });

  it("goes straight to the passkey when it is the only method after the email", async () => {
    const only = await createTestApplication({ anchorPrefix: "via-pk-only", rules: webRules({ authentication: [{ method: "PASSKEY_REASONED", payload: {} }] }) });
    await withVia(browser, async (via) => {
      const authenticator = await addVirtualAuthenticator(via, passkeys);
      const inquiry = await establish(only, { returnMethods: [callback()] });
      await via.page.goto(signInUrl(inquiry.exposureKey));
      await via.page.getByLabel("Email address").waitFor();
      assert.equal(await via.page.getByRole("button", { name: "Sign in with a passkey" }).count(), 0, "no usernameless button without its rule");
      await via.page.getByLabel("Email address").fill(email);
      await via.page.getByRole("button", { name: "Continue", exact: true }).click();
      const keys = await callbackKeys(via.page);
      await redeem({ exposureKey: inquiry.exposureKey, hiddenKey: inquiry.hiddenKey, confirmationKey: keys.confirmationKey });
      passkeys = await authenticator.credentials();
    });
  });

  it("a refused passkey costs one attempt of this sign-in and says how many are left", async () => {
    await withVia(browser, async (via) => {
      // A copy of the passkey whose signature counter is behind: the server refuses it as a clone.
      await addVirtualAuthenticator(via, registeredPasskeys);
      const inquiry = await establish(app, { returnMethods: [callback()] });
      await via.page.goto(signInUrl(inquiry.exposureKey));
      await via.page.getByRole("button", { name: "Sign in with a passkey" }).click();
      await via.page.getByRole("alert").filter({ hasText: "That passkey couldn’t be verified. You have 4 attempts left." }).waitFor();
      await via.page.getByRole("button", { name: "Sign in with a passkey" }).waitFor();
      await shoot(via.page, "via-passkey-failed");
    });
  });
});
