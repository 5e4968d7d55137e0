// How a finished sign-in leaves the page (docs 09): STATUS_POLL says "return
// to the app" while the app's poll sees REALIZED; REVEAL shows the tokens
// once, masked, with reveal + copy, and "Continue to app" when a CALLBACK is
// declared too — after which /redeem knows the inquiry is already redeemed.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { createTestApplication, webRules } from "../support/applications";
import { launchBrowser } from "../support/browser";
import { callback, decodeJwt, establish, post, type TestApplication } from "../support/connect-client";
import { uniqueEmail } from "../support/mailbox";
import { callbackKeys, redeem, shoot, signInUrl, signUpByEmail, withVia } from "../support/via-page";

let browser: Browser;
let app: TestApplication;

describe("via return methods", () => {
  before(async () => {
    browser = await launchBrowser();
    app = await createTestApplication({ anchorPrefix: "via-return", rules: webRules({ authentication: [{ method: "EMAIL_VERIFICATION", payload: {} }] }) });
  });
  after(async () => {
    await browser?.close();
  });

  it("STATUS_POLL: tells the user to return to the application, whose poll sees REALIZED", async () => {
    const inquiry = await establish(app, { returnMethods: [{ type: "STATUS_POLL", payload: {} }] });
    const keys = { exposureKey: inquiry.exposureKey, hiddenKey: inquiry.hiddenKey };
    assert.deepEqual((await post("/connect-api/status-poll", keys)).body, { status: "PENDING" });
    await withVia(browser, async ({ page }) => {
      await page.goto(signInUrl(inquiry.exposureKey));
      await signUpByEmail(page, uniqueEmail("via-poll"));
      await page.getByRole("heading", { name: "You’re signed in" }).waitFor();
      await page.getByText(`You can close this tab and return to ${app.anchor}.`).waitFor();
      await shoot(page, "via-status-poll");
      const polled = await post<{ status: string; confirmationKey: string }>("/connect-api/status-poll", keys);
      assert.equal(polled.body.status, "REALIZED");
      await redeem({ ...keys, confirmationKey: polled.body.confirmationKey });
    });
  });

  it("REVEAL: masked tokens with reveal and copy, then Continue to the application; /redeem is refused", async () => {
    const inquiry = await establish(app, { returnMethods: [{ type: "REVEAL", payload: {} }, callback()] });
    await withVia(browser, async ({ page }) => {
      await page.goto(signInUrl(inquiry.exposureKey));
      await signUpByEmail(page, uniqueEmail("via-reveal"));
      await page.getByRole("heading", { name: "You’re signed in" }).waitFor();
      await page.getByText("These tokens are shown only once.").waitFor();
      const values = page.getByTestId("token-value");
      assert.equal(await values.count(), 2, "access and refresh token");
      const masked = (await values.nth(0).textContent()) ?? "";
      assert.match(masked, /^.{8}•+$/, "masked: a short prefix, then dots");
      await shoot(page, "via-reveal-masked");

      const reveal = page.getByRole("button", { name: "Reveal" }).first();
      await reveal.click();
      const accessToken = (await values.nth(0).textContent()) ?? "";
      assert.equal(accessToken.slice(0, 8), masked.slice(0, 8));
      assert.equal(decodeJwt(accessToken).header.kty, "Access", "the revealed value is the access token");
      assert.equal(await page.getByRole("button", { name: "Hide" }).first().getAttribute("aria-pressed"), "true");

      await page.getByRole("button", { name: "Copy" }).first().click();
      await page.getByRole("button", { name: "Copied" }).waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), accessToken, "Copy puts the whole token on the clipboard");
      await shoot(page, "via-reveal-revealed");

      await page.getByRole("button", { name: `Continue to ${app.anchor}` }).click();
      const keys = await callbackKeys(page);
      const again = await post("/connect-api/redeem", { exposureKey: inquiry.exposureKey, hiddenKey: inquiry.hiddenKey, confirmationKey: keys.confirmationKey });
      assert.deepEqual([again.status, again.body.reason], [400, "InquiryAlreadyRedeemed"]);
    });
  });
});
