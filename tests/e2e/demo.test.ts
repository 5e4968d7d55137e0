// The built-in relying party at /demo, end to end in Chromium: a real Connect
// login (establish signed with demo-app's key → via → callback → redeem →
// token verified with /info's key), refresh, introspection, sign-out. Then
// the same on a server with no SMTP configured — the fresh `npm start`
// experience — where the code is read from the development mailbox page.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, screenshot, watchPageProblems } from "../support/browser";
import { createFreshPostgresDatabase } from "../support/database";
import { requireServer, testEnv } from "../support/env";
import { freshDataDir } from "../support/pglite-template";
import { codeFor, signInCodeIn, uniqueEmail } from "../support/mailbox";
import { freePort } from "../support/ports";
import { startServer } from "../support/server";

let browser: Browser;

/** Signs in through /demo with an email code; `readCode` knows where the code arrives. */
async function demoSignIn(page: Page, base: string, email: string, readCode: () => Promise<string>) {
  await page.goto(`${base}/demo`);
  await page.getByRole("button", { name: "Sign in with Sudomimus" }).click();
  await page.waitForURL((url) => url.pathname === "/via");
  await page.getByRole("heading", { name: /Sign in to/ }).waitFor();
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  // demo-app offers both a passkey and an email code after the address.
  await page.getByRole("button", { name: "Email me a code" }).click();
  await page.getByLabel("Verification code").fill(await readCode());
  // A new account is offered a passkey first.
  await page.getByRole("button", { name: "Not now" }).click();
  // demo-app requires the email and asks about the names.
  await page
    .getByRole("heading", { name: /would like to know/ })
    .waitFor()
    .catch(async (error: unknown) => {
      throw new Error(`no consent step; the page shows:\n${await page.locator("main").innerText()}`, { cause: error });
    });
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/demo");
  await page.getByRole("heading", { name: "You're signed in to the demo" }).waitFor();
}

describe("/demo relying party", () => {
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it("completes a real Connect login and shows what the application verified", async () => {
    const base = requireServer();
    const email = uniqueEmail("demo");
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    const problems = watchPageProblems(page);
    await page.goto(`${base}/demo`);
    await screenshot(page, "demo-start");
    await demoSignIn(page, base, email, async () => (await codeFor(email)).code);

    await page.getByText("The access token's signature, kind and expiry were verified").waitFor();
    const main = await page.locator("main").innerText();
    assert.match(main, /sub_[0-9A-Z]{16}/, "the sector subject, never an account id");
    assert.ok(main.includes(email), "the shared email address");
    assert.match(main, /REQUIRED\s+GRANTED/);
    assert.doesNotMatch(main, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i, "no internal id on the page");
    await screenshot(page, "demo-signed-in");

    await page.getByRole("button", { name: "Refresh tokens" }).click();
    await page.getByRole("heading", { name: "You're signed in to the demo" }).waitFor();
    await page.getByRole("button", { name: "Check session" }).click();
    await page.getByText("Connect says this session is: active").waitFor();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign in with Sudomimus" }).waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  it("a callback that was not started in this browser is refused", async () => {
    const base = requireServer();
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    await page.goto(`${base}/demo/callback?exposure-key=exp_${"0".repeat(32)}&confirmation-key=cnf_${"0".repeat(32)}`);
    await page.getByRole("alert").getByText(/did not complete/).waitFor();
    await context.close();
  });

  it("works out of the box without SMTP: the code is in the development mailbox", async () => {
    const dataDir = freshDataDir("sudomimus-mailbox");
    const fresh = testEnv.dbKind === "postgres" ? await createFreshPostgresDatabase(testEnv.postgresAdminUrl) : undefined;
    const port = await freePort();
    const server = await startServer(port, {
      SUDOMIMUS_DATA_DIR: dataDir,
      SUDOMIMUS_SECRET: crypto.randomBytes(32).toString("hex"),
      PUBLIC_URL: `http://localhost:${port}`,
      SMTP_URL: "",
      LOG_LEVEL: "warn",
      DATABASE_URL: fresh?.url ?? "",
    });
    const context = await browser.newContext({ locale: "en-US" });
    try {
      const page = await context.newPage();
      const mailbox = await context.newPage();
      const email = uniqueEmail("mailbox");
      await demoSignIn(page, server.baseUrl, email, async () => {
        // The mail is written right after the page asked for it: look until it is there.
        for (let attempt = 0; ; attempt++) {
          await mailbox.goto(`${server.baseUrl}/via/dev/mailbox`);
          const text = await mailbox.locator("main").innerText();
          const code = text.includes(email) ? signInCodeIn(text) : undefined;
          if (code) {
            await screenshot(mailbox, "dev-mailbox");
            return code;
          }
          assert.ok(attempt < 50, `no code for ${email} in the mailbox:\n${text}`);
          await mailbox.waitForTimeout(200);
        }
      });
      assert.ok((await page.locator("main").innerText()).includes(email));
    } finally {
      await context.close();
      await server.stop();
      await fresh?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
