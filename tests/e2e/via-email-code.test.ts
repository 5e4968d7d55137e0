// The sign-in page with email codes: wrong codes spend the sign-in's lives
// until it ends (the account is never locked), resending, an address the
// application does not accept, unusable links, language switching with the
// key kept, the dev mailbox's absence when SMTP is configured, and the
// narrow (360 px) layout.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { createTestApplication, webRules } from "../support/applications";
import { launchBrowser } from "../support/browser";
import { callback, decodeJwt, establish, type TestApplication } from "../support/connect-client";
import { requireServer } from "../support/env";
import { codeFor, uniqueEmail } from "../support/mailbox";
import { callbackKeys, pageMarkupIncludes, redeem, shoot, signInUrl, signUpByEmail, withVia } from "../support/via-page";

let browser: Browser;
let app: TestApplication;

const emailOnly = () => webRules({ authentication: [{ method: "EMAIL_VERIFICATION", payload: {} }] });

describe("via sign-in with email codes", () => {
  before(async () => {
    browser = await launchBrowser();
    app = await createTestApplication({ anchorPrefix: "via-otp", rules: emailOnly() });
  });
  after(async () => {
    await browser?.close();
  });

  it("wrong codes spend the sign-in's five lives, then it ends — the account is not locked", async () => {
    const email = uniqueEmail("via-lives");
    const inquiry = await establish(app, { returnMethods: [callback()] });
    await withVia(browser, async ({ page }) => {
      await page.goto(signInUrl(inquiry.exposureKey));
      assert.equal(await page.getByRole("button", { name: "Sign in with a passkey" }).count(), 0);
      await page.getByLabel("Email address").fill(email);
      // Email codes are the only method: the code is sent right away.
      await page.getByRole("button", { name: "Continue", exact: true }).click();
      await page.getByRole("heading", { name: "Check your email" }).waitFor();
      const { code } = await codeFor(email);
      const wrong = code === "000000" ? "111111" : "000000";
      const codeField = page.getByLabel("Verification code");
      const fieldEmptied = () => page.waitForFunction(() => document.querySelector<HTMLInputElement>("#via-code")?.value === "");
      for (const left of [4, 3, 2, 1]) {
        await codeField.fill(wrong);
        const noun = left === 1 ? "attempt" : "attempts";
        await page.getByRole("alert").filter({ hasText: `That code isn’t right. You have ${left} ${noun} left.` }).waitFor();
        // A failed code empties the field for the next try.
        await fieldEmptied();
        if (left === 4) await shoot(page, "via-code-wrong");
      }
      await codeField.fill(wrong);
      await page.getByRole("heading", { name: "This sign-in has ended" }).waitFor();
      await page.getByText(`Too many attempts. This sign-in has ended for your safety; go back to ${app.anchor} and start again. Your account is not locked.`).waitFor();
      await shoot(page, "via-dead");

      // Reloading shows the server's view of it, without echoing the key.
      await page.reload();
      await page.getByRole("heading", { name: "This sign-in has ended" }).waitFor();
      await page.getByText("Go back to the application and start again.").waitFor();
      assert.equal(await pageMarkupIncludes(page, inquiry.exposureKey), false, "the key is not in the page");
      await shoot(page, "via-unavailable-dead");

      // A new sign-in works with the same address.
      const fresh = await establish(app, { returnMethods: [callback()] });
      await page.goto(signInUrl(fresh.exposureKey));
      await page.getByLabel("Email address").fill(email);
      await page.getByRole("button", { name: "Continue", exact: true }).click();
      await page.getByLabel("Verification code").fill((await codeFor(email, 2)).code);
      await page.getByRole("button", { name: "Not now" }).click();
      const keys = await callbackKeys(page);
      await redeem({ exposureKey: fresh.exposureKey, hiddenKey: fresh.hiddenKey, confirmationKey: keys.confirmationKey });
    });
  });

  it("resends a code, and lets the user change the address", async () => {
    const typo = uniqueEmail("via-typo");
    const email = uniqueEmail("via-resend");
    const inquiry = await establish(app, { returnMethods: [callback()] });
    await withVia(browser, async ({ page }) => {
      await page.goto(signInUrl(inquiry.exposureKey));
      await page.getByLabel("Email address").fill("not-an-address");
      await page.getByRole("button", { name: "Continue", exact: true }).click();
      await page.getByText("Enter a valid email address.").waitFor();
      assert.equal(await page.getByLabel("Email address").getAttribute("aria-invalid"), "true");
      await shoot(page, "via-start-invalid-email");

      await page.getByLabel("Email address").fill(typo);
      await page.getByRole("button", { name: "Continue", exact: true }).click();
      await page.getByRole("heading", { name: "Check your email" }).waitFor();
      await page.getByRole("button", { name: "Use a different email" }).click();
      assert.equal(await page.getByLabel("Email address").inputValue(), typo, "the address is kept for editing");
      assert.equal(await page.evaluate(() => document.activeElement?.id), "via-email");
      await page.getByLabel("Email address").fill(email);
      await page.getByRole("button", { name: "Continue", exact: true }).click();
      await page.getByRole("heading", { name: "Check your email" }).waitFor();
      await codeFor(email, 1);
      await page.getByRole("button", { name: "Resend code" }).click();
      await page.getByRole("status").filter({ hasText: `We sent a new code to ${email}.` }).waitFor();
      await shoot(page, "via-code-resent");
      await page.getByLabel("Verification code").fill((await codeFor(email, 2)).code);
      await page.getByRole("heading", { name: "Add a passkey for faster sign-in next time" }).waitFor();
      await page.getByRole("button", { name: "Not now" }).click();
      const keys = await callbackKeys(page);
      const tokens = await redeem({ exposureKey: inquiry.exposureKey, hiddenKey: inquiry.hiddenKey, confirmationKey: keys.confirmationKey });
      assert.ok(decodeJwt(tokens.accessToken).body.subject);
    });
  });

  it("refuses an address the application does not accept (Layer 2) and offers another account", async () => {
    const outsider = uniqueEmail("via-outsider", "elsewhere.org");
    const strict = await createTestApplication({
      anchorPrefix: "via-l2",
      rules: webRules({ authentication: [{ method: "EMAIL_VERIFICATION", payload: {} }], realize: [{ constraintType: "EMAIL", payload: { allowedEmails: ["*@example.com"] } }] }),
    });
    const inquiry = await establish(strict, { returnMethods: [callback()] });
    await withVia(browser, async ({ page }) => {
      await page.goto(signInUrl(inquiry.exposureKey));
      await page.getByLabel("Email address").fill(outsider);
      await page.getByRole("button", { name: "Continue", exact: true }).click();
      await page.getByLabel("Verification code").fill((await codeFor(outsider)).code);
      await page.getByRole("heading", { name: "You can’t sign in with this account" }).waitFor();
      await page.getByRole("alert").filter({ hasText: `This account isn’t allowed to sign in to ${strict.anchor}.` }).waitFor();
      await shoot(page, "via-layer2-denied");
      await page.getByRole("button", { name: "Use a different account" }).click();
      await page.getByLabel("Email address").waitFor();

      // The inquiry is still open for an address it accepts.
      const insider = uniqueEmail("via-insider");
      await page.getByLabel("Email address").fill(insider);
      await page.getByRole("button", { name: "Continue", exact: true }).click();
      await page.getByLabel("Verification code").fill((await codeFor(insider)).code);
      await page.getByRole("button", { name: "Not now" }).click();
      const keys = await callbackKeys(page);
      await redeem({ exposureKey: inquiry.exposureKey, hiddenKey: inquiry.hiddenKey, confirmationKey: keys.confirmationKey });
    });
  });

  it("notes a sign-in this application does not accept, and offers to sign out", async () => {
    const email = uniqueEmail("via-elsewhere");
    const passkeysOnly = await createTestApplication({
      anchorPrefix: "via-pk-required",
      rules: webRules({ authentication: [{ method: "PASSKEY_USERNAMELESS", payload: {} }, { method: "PASSKEY_REASONED", payload: {} }] }),
    });
    await withVia(browser, async ({ page }) => {
      const first = await establish(app, { returnMethods: [callback()] });
      await page.goto(signInUrl(first.exposureKey));
      await signUpByEmail(page, email);
      await callbackKeys(page);

      // Signed in by email code; this application takes passkeys only.
      const inquiry = await establish(passkeysOnly, { returnMethods: [callback()] });
      await page.goto(signInUrl(inquiry.exposureKey));
      await page.getByText(`You’re signed in as ${email}, but ${passkeysOnly.anchor} asks for a different way to sign in.`).waitFor();
      await page.getByRole("button", { name: "Sign in with a passkey" }).waitFor();
      await shoot(page, "via-signed-in-elsewhere");
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByText("You’re signed out.").waitFor();
      await page.reload();
      await page.getByRole("button", { name: "Sign in with a passkey" }).waitFor();
      assert.equal(await page.getByRole("button", { name: "Sign out" }).count(), 0);
    });
  });

  it("explains an unusable link without echoing it", async () => {
    await withVia(browser, async ({ page }) => {
      const bogus = `exp_${"a".repeat(32)}`;
      await page.goto(signInUrl(bogus));
      await page.getByRole("heading", { level: 1, name: "This sign-in link isn’t valid" }).waitFor();
      await page.getByText("Go back to the application and start again.").waitFor();
      assert.equal(await pageMarkupIncludes(page, bogus), false);
      await shoot(page, "via-unavailable-invalid");
      await page.goto(`${requireServer()}/via`);
      await page.getByRole("heading", { level: 1, name: "This sign-in link isn’t valid" }).waitFor();
    }, { colorScheme: "dark" });
  });

  it("switches language without losing the sign-in, and follows the browser's language", async () => {
    const inquiry = await establish(app, { returnMethods: [callback()] });
    await withVia(browser, async ({ page }) => {
      await page.goto(signInUrl(inquiry.exposureKey));
      await page.getByLabel("Language").selectOption("de-DE");
      await page.getByRole("heading", { level: 1, name: `Bei ${app.anchor} anmelden` }).waitFor();
      assert.equal(new URL(page.url()).searchParams.get("exposure-key"), inquiry.exposureKey);
      await page.getByLabel("E-Mail-Adresse").waitFor();
      await page.getByRole("button", { name: "Weiter", exact: true }).click();
      await page.getByText("Geben Sie eine gültige E-Mail-Adresse ein.").waitFor();
      await shoot(page, "via-start-de");
    });
    await withVia(browser, async (french) => {
      await french.page.goto(signInUrl(inquiry.exposureKey));
      await french.page.getByRole("heading", { level: 1, name: `Se connecter à ${app.anchor}` }).waitFor();
      assert.equal(await french.page.getAttribute("html", "lang"), "fr-FR");
      await shoot(french.page, "via-start-fr");
    }, { locale: "fr-FR" });
  });

  it("fits a 360 px wide screen", async () => {
    const passkeyApp = await createTestApplication({ anchorPrefix: "via-narrow", rules: webRules() });
    const inquiry = await establish(passkeyApp, { returnMethods: [callback()] });
    await withVia(browser, async ({ page }) => {
      await page.goto(signInUrl(inquiry.exposureKey));
      await page.getByRole("button", { name: "Sign in with a passkey" }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(overflow, 0, "no horizontal scrolling");
      await shoot(page, "via-start-360");
      const email = uniqueEmail("via-narrow");
      await page.getByLabel("Email address").fill(email);
      await page.getByRole("button", { name: "Continue", exact: true }).click();
      await page.getByRole("button", { name: "Email me a code" }).click();
      await page.getByRole("heading", { name: "Check your email" }).waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0);
      await shoot(page, "via-code-360");
    }, { viewport: { width: 360, height: 740 } });
  });

  it("has no development mailbox when mail goes out over SMTP", async () => {
    await withVia(browser, async (via) => {
      const response = await via.page.goto(`${requireServer()}/via/dev/mailbox`);
      assert.equal(response?.status(), 404);
      await via.page.getByRole("heading", { level: 1, name: "Page not found" }).waitFor();
      await shoot(via.page, "via-not-found");
    });
  });
});
