// The consent step (docs 12): REQUIRED locked on, OPTIONAL and SYNTHETIC
// unchecked by default, SYNTHETIC with its stand-in disclosure, a missing
// REQUIRED name typed in place — and what the application's token carries
// for each choice.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { createTestApplication, webRules } from "../support/applications";
import { launchBrowser } from "../support/browser";
import { callback, decodeJwt, establish, type TestApplication } from "../support/connect-client";
import { uniqueEmail } from "../support/mailbox";
import { callbackKeys, redeem, shoot, signInUrl, signUpByEmail, withVia } from "../support/via-page";

let browser: Browser;
let app: TestApplication;

describe("via consent step", () => {
  before(async () => {
    browser = await launchBrowser();
    app = await createTestApplication({
      anchorPrefix: "via-consent",
      rules: webRules({ authentication: [{ method: "EMAIL_VERIFICATION", payload: {} }] }),
      claims: { email: "OPTIONAL", firstName: "SYNTHETIC", lastName: "REQUIRED" },
    });
  });
  after(async () => {
    await browser?.close();
  });

  it("shares a checked optional claim, asks for a missing required name, and discloses synthetic stand-ins", async () => {
    const email = uniqueEmail("via-grant");
    const inquiry = await establish(app, { returnMethods: [callback()] });
    await withVia(browser, async ({ page }) => {
      await page.goto(signInUrl(inquiry.exposureKey));
      await signUpByEmail(page, email);
      await page.getByRole("heading", { name: `${app.anchor} would like to know:` }).waitFor();

      const emailClaim = page.getByRole("checkbox", { name: "Your email address" });
      const firstName = page.getByRole("checkbox", { name: "Your first name" });
      const lastName = page.getByRole("checkbox", { name: "Your last name" });
      assert.deepEqual([await emailClaim.isChecked(), await emailClaim.isDisabled()], [false, false], "OPTIONAL starts unchecked");
      assert.deepEqual([await firstName.isChecked(), await firstName.isDisabled()], [false, false], "SYNTHETIC starts unchecked");
      assert.deepEqual([await lastName.isChecked(), await lastName.isDisabled()], [true, true], "REQUIRED is locked on");
      await page.getByText(`If you don’t share this, ${app.anchor} receives a stand-in value instead.`).waitFor();
      assert.equal(await page.getByText("receives a stand-in value").count(), 1, "only the synthetic claim carries the disclosure");
      await shoot(page, "via-consent");

      // The missing required name must be typed in.
      await page.getByRole("button", { name: "Continue", exact: true }).click();
      await page.getByText("Enter your last name.").waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), "profile-lastName");
      await shoot(page, "via-consent-missing-name");
      await page.getByLabel("Last name", { exact: true }).fill("Lovelace");
      await emailClaim.check();
      await page.getByRole("button", { name: "Continue", exact: true }).click();

      const keys = await callbackKeys(page);
      const tokens = await redeem({ exposureKey: inquiry.exposureKey, hiddenKey: inquiry.hiddenKey, confirmationKey: keys.confirmationKey });
      const claims = decodeJwt(tokens.accessToken).body;
      assert.equal(claims.emailAddress, email, "the checked optional email is shared");
      assert.equal(claims.lastName, "Lovelace");
      assert.equal(typeof claims.firstName, "string", "a declined synthetic claim still arrives — as a stand-in");
      assert.deepEqual(tokens.claims.email, { requirement: "OPTIONAL", state: "GRANTED" });
      assert.deepEqual(tokens.claims.firstName, { requirement: "SYNTHETIC", state: "DENIED" });
    });
  });

  it("leaves an unchecked optional claim out, and lets the user cancel and come back", async () => {
    const email = uniqueEmail("via-decline");
    const inquiry = await establish(app, { returnMethods: [callback()] });
    await withVia(browser, async ({ page }) => {
      await page.goto(signInUrl(inquiry.exposureKey));
      await signUpByEmail(page, email);
      await page.getByRole("heading", { name: `${app.anchor} would like to know:` }).waitFor();
      await page.getByRole("button", { name: "Cancel" }).click();
      await page.getByRole("heading", { name: "Sign-in cancelled" }).waitFor();
      await page.getByText(`Return to ${app.anchor}`).waitFor();
      await shoot(page, "via-cancelled");
      await page.getByRole("button", { name: "Review the request again" }).click();

      await page.getByLabel("Last name", { exact: true }).fill("Hopper");
      await page.getByRole("button", { name: "Continue", exact: true }).click();
      const keys = await callbackKeys(page);
      const tokens = await redeem({ exposureKey: inquiry.exposureKey, hiddenKey: inquiry.hiddenKey, confirmationKey: keys.confirmationKey });
      const claims = decodeJwt(tokens.accessToken).body;
      assert.equal(claims.emailAddress, undefined, "the unchecked optional email is not shared");
      assert.equal(claims.lastName, "Hopper");
      assert.deepEqual(tokens.claims.email, { requirement: "OPTIONAL", state: "DENIED" });

      // Decisions are remembered: the next sign-in of this browser goes straight back.
      const again = await establish(app, { returnMethods: [callback()] });
      await page.goto(signInUrl(again.exposureKey));
      const next = await callbackKeys(page);
      await redeem({ exposureKey: again.exposureKey, hiddenKey: again.hiddenKey, confirmationKey: next.confirmationKey });
    }, { colorScheme: "dark" });
  });
});
