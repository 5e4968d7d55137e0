// The device approval page in Chromium (docs 19–20): a CLI starts a session,
// the user opens the link (or types the code), signs in with the ordinary
// sign-in card, compares the code and approves or denies (a Cancel on the
// consent step denies too); the CLI's poll then gets its one token pair
// (refreshed through Connect), or access_denied.
// Unknown, malformed and expired codes get their own clear messages, and a
// server with short device settings shows expiry and slow_down quickly. The
// page never holds the device code or a token.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { createTestApplication } from "../support/applications";
import { launchBrowser } from "../support/browser";
import { post, type TestApplication } from "../support/connect-client";
import { createFreshPostgresDatabase } from "../support/database";
import { authorizeDevice, DevicePoller, sleep, type DeviceAuthorization } from "../support/device-client";
import { requireServer, testEnv } from "../support/env";
import { freshDataDir } from "../support/pglite-template";
import { uniqueEmail } from "../support/mailbox";
import { freePort } from "../support/ports";
import { startServer, type RunningServer } from "../support/server";
import { pageMarkupIncludes, shoot, signUpByEmail, withVia } from "../support/via-page";

let browser: Browser;
let app: TestApplication;

// Email codes only: the start step sends the code at once.
const RULES = {
  authentication: [{ method: "EMAIL_VERIFICATION", payload: {} }],
  realize: [{ constraintType: "EMAIL", payload: { allowedEmails: ["*@example.com"] } }],
  return: [{ returnMethod: "DEVICE_CODE", payload: {} }],
};

const codeField = (page: Page) => page.getByLabel("Code", { exact: true });
const continueButton = (page: Page) => page.getByRole("button", { name: "Continue", exact: true });

/** Nothing only the client may hold ever reaches the page. */
async function assertNoSecrets(page: Page, started: DeviceAuthorization, tokens: string[] = []) {
  for (const secret of [started.deviceCode, ...tokens]) {
    assert.equal(await pageMarkupIncludes(page, secret), false, "a secret in the page");
    assert.equal(page.url().includes(secret), false, "a secret in the URL");
  }
}

describe("device approval page", () => {
  before(async () => {
    browser = await launchBrowser();
    app = await createTestApplication({ anchorPrefix: "device-page", rules: RULES, name: "Acme CLI" });
  });
  after(async () => {
    await browser?.close();
  });

  it("approve from the link: confirm the code, sign in, compare, approve — the CLI gets one pair and refreshes it through Connect", async () => {
    const started = await authorizeDevice(app.anchor);
    const poller = new DevicePoller(started);
    assert.equal((await poller.pollNow()).body.error, "authorization_pending");
    await withVia(browser, async ({ page }) => {
      await page.goto(started.verificationUriComplete);
      await page.getByRole("heading", { name: "Confirm the code" }).waitFor();
      assert.equal(await codeField(page).inputValue(), started.userCode, "prefilled from the link");
      await shoot(page, "device-confirm");
      await continueButton(page).click();

      await page.getByRole("heading", { name: "Sign in to Acme CLI" }).waitFor();
      await page.getByText(`Device code ${started.userCode}`).waitFor();
      await signUpByEmail(page, uniqueEmail("device-page"));

      await page.getByRole("heading", { name: "Sign in to Acme CLI on your device?" }).waitFor();
      assert.equal(await page.getByTestId("user-code").textContent(), started.userCode);
      await page.getByText("Only approve if you started this sign-in yourself.").waitFor();
      await shoot(page, "device-decide");
      assert.equal((await poller.poll()).body.error, "authorization_pending", "nothing is decided before the click");

      await page.getByRole("button", { name: "Approve" }).click();
      await page.getByRole("heading", { name: "Device approved" }).waitFor();
      await page.getByText("You can return to your device. Acme CLI will finish signing in there").waitFor();
      await shoot(page, "device-approved");

      const issued = await poller.poll();
      assert.equal(issued.status, 200, JSON.stringify(issued.body));
      const { accessToken, refreshToken } = issued.body as { accessToken: string; refreshToken: string };
      await assertNoSecrets(page, started, [accessToken, refreshToken]);
      const again = await poller.poll();
      assert.deepEqual([again.status, again.body], [400, { error: "invalid_request" }], "the second redemption mints nothing");

      const refreshed = await post<{ accessToken: string; refreshToken: string }>("/connect-api/refresh", { refreshToken });
      assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
      assert.equal((await post("/connect-api/introspect", { accessToken: refreshed.body.accessToken })).body.status, "active");

      // A reload after the decision finds the code spent.
      await page.goto(started.verificationUriComplete);
      await continueButton(page).click();
      await page.getByText("We couldn’t find this code.").waitFor();
    });
  });

  it("deny after typing the code by hand (lowercase, a space): Request denied, and the CLI hears access_denied", async () => {
    const started = await authorizeDevice(app.anchor);
    await withVia(browser, async ({ page }) => {
      await page.goto(`${requireServer()}/via/device`);
      await page.getByRole("heading", { name: "Connect a device" }).waitFor();
      await shoot(page, "device-enter");
      await codeField(page).fill(started.userCode.toLowerCase().replace("-", " "));
      await continueButton(page).click();
      await signUpByEmail(page, uniqueEmail("device-deny"));
      await page.getByRole("button", { name: "Deny" }).click();
      await page.getByRole("heading", { name: "Request denied" }).waitFor();
      await page.getByText("Acme CLI won’t be signed in on that device.").waitFor();
      await shoot(page, "device-denied");
      await assertNoSecrets(page, started);
    });
    const answer = await new DevicePoller(started).pollNow();
    assert.deepEqual([answer.status, answer.body], [400, { error: "access_denied" }]);
  });

  it("Cancel on the consent step denies the device: Request denied, and the CLI hears access_denied at once", async () => {
    const asking = await createTestApplication({ anchorPrefix: "device-page-consent", rules: RULES, name: "Acme Sync", claims: { email: "OPTIONAL" } });
    const started = await authorizeDevice(asking.anchor);
    await withVia(browser, async ({ page }) => {
      await page.goto(started.verificationUriComplete);
      await continueButton(page).click();
      await signUpByEmail(page, uniqueEmail("device-cancel"));
      await page.getByRole("heading", { name: /Acme Sync would like to know/ }).waitFor();
      await page.getByRole("button", { name: "Cancel" }).click();
      await page.getByRole("heading", { name: "Request denied" }).waitFor();
      await page.getByText("Acme Sync won’t be signed in on that device.").waitFor();
    });
    const answer = await new DevicePoller(started).pollNow();
    assert.deepEqual([answer.status, answer.body], [400, { error: "access_denied" }]);
  });

  it("a reload after signing in comes back to the decision; the browser still signed in goes straight there next time", async () => {
    const first = await authorizeDevice(app.anchor);
    await withVia(browser, async ({ page }) => {
      await page.goto(first.verificationUriComplete);
      await continueButton(page).click();
      await signUpByEmail(page, uniqueEmail("device-reload"));
      await page.getByRole("button", { name: "Approve" }).waitFor();
      await page.reload();
      await page.getByRole("heading", { name: "Confirm the code" }).waitFor();
      await continueButton(page).click();
      await page.getByRole("button", { name: "Approve" }).click();
      await page.getByRole("heading", { name: "Device approved" }).waitFor();

      const second = await authorizeDevice(app.anchor);
      await page.goto(second.verificationUriComplete);
      await continueButton(page).click();
      await page.getByRole("heading", { name: "Sign in to Acme CLI on your device?" }).waitFor();
      assert.equal(await page.getByTestId("user-code").textContent(), second.userCode);
      await page.getByRole("button", { name: "Approve" }).click();
      await page.getByRole("heading", { name: "Device approved" }).waitFor();
      assert.equal((await new DevicePoller(second).pollNow()).status, 200);
    });
  });

  it("says what is wrong with malformed, unknown and already used codes, and with a link that carries no code", async () => {
    await withVia(browser, async ({ page }) => {
      await page.goto(`${requireServer()}/via/device?user_code=not-valid!`);
      await page.getByRole("heading", { name: "Connect a device" }).waitFor();
      await page.getByText("The link you followed doesn’t contain a valid code.").waitFor();
      assert.equal(await codeField(page).inputValue(), "");
      assert.equal(await pageMarkupIncludes(page, "not-valid!"), false, "an unusable code is not echoed");
      await shoot(page, "device-invalid-link");

      await codeField(page).fill("ABC");
      await continueButton(page).click();
      await page.getByRole("alert").filter({ hasText: "A code has eight letters and digits" }).waitFor();

      await codeField(page).fill("ZZZZ-ZZZZ");
      await continueButton(page).click();
      await page.getByRole("alert").filter({ hasText: "We couldn’t find this code." }).waitFor();
      assert.equal(await codeField(page).getAttribute("aria-invalid"), "true");
      await shoot(page, "device-unknown");
    });
  });

  it("is readable at 360 px and in German and French", async () => {
    const started = await authorizeDevice(app.anchor);
    await withVia(
      browser,
      async ({ page }) => {
        await page.goto(started.verificationUriComplete);
        await page.getByRole("heading", { name: "Confirm the code" }).waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px)`);
        await shoot(page, "device-confirm-360");
      },
      { viewport: { width: 360, height: 740 } },
    );
    await withVia(
      browser,
      async ({ page }) => {
        await page.goto(started.verificationUriComplete);
        await page.getByRole("heading", { name: "Code bestätigen" }).waitFor();
        await shoot(page, "device-confirm-de");
      },
      { locale: "de-DE" },
    );
    await withVia(
      browser,
      async ({ page }) => {
        await page.goto(`${requireServer()}/via/device`);
        await page.getByRole("heading", { name: "Connecter un appareil" }).waitFor();
        await shoot(page, "device-enter-fr");
      },
      { locale: "fr-FR" },
    );
  });

  describe("on a server with short device settings (5 s codes, 1 s interval)", () => {
    let server: RunningServer;
    let dataDir: string;
    let fresh: Awaited<ReturnType<typeof createFreshPostgresDatabase>> | undefined;

    before(async () => {
      dataDir = freshDataDir("sudomimus-device-short");
      fresh = testEnv.dbKind === "postgres" ? await createFreshPostgresDatabase(testEnv.postgresAdminUrl) : undefined;
      const port = await freePort();
      server = await startServer(port, {
        SUDOMIMUS_DATA_DIR: dataDir,
        SUDOMIMUS_SECRET: crypto.randomBytes(32).toString("hex"),
        PUBLIC_URL: `http://localhost:${port}`,
        LOG_LEVEL: "warn",
        SUDOMIMUS_DEVICE_CODE_TTL_SECONDS: "5",
        SUDOMIMUS_DEVICE_POLL_INTERVAL_SECONDS: "1",
        ...(fresh ? { DATABASE_URL: fresh.url } : {}),
      });
    });
    after(async () => {
      await server?.stop();
      await fresh?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    // The seeded portal application lets the Sudomimus CLI sign in by device code.
    const start = () => authorizeDevice("sudomimus-with", server.baseUrl);

    it("hands out the configured lifetime and interval, and slows a hasty poller down by 5 s at a time", async () => {
      const started = await start();
      assert.deepEqual([started.expiresIn, started.interval], [5, 1]);
      assert.equal(started.verificationUri, `${server.baseUrl}/via/device`);
      const poller = new DevicePoller(started, server.baseUrl);
      assert.deepEqual((await poller.pollNow()).body, { error: "authorization_pending" });
      assert.deepEqual((await poller.pollNow()).body, { error: "slow_down", interval: 6 });
      await sleep(1200);
      assert.deepEqual((await poller.pollNow()).body, { error: "slow_down", interval: 11 }, "the old interval no longer counts");
    });

    it("an expired code: the page says so, the CLI hears expired_token", async () => {
      const started = await start();
      await withVia(browser, async ({ page }) => {
        await page.goto(started.verificationUriComplete);
        await page.getByRole("heading", { name: "Confirm the code" }).waitFor();
        await sleep(5500);
        await continueButton(page).click();
        await page.getByRole("alert").filter({ hasText: "This code has expired. Start again on your device to get a new one." }).waitFor();
        await shoot(page, "device-expired");
      });
      const answer = await new DevicePoller(started, server.baseUrl).pollNow();
      assert.deepEqual([answer.status, answer.body], [400, { error: "expired_token" }]);
    });
  });
});
