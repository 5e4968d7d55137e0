import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser, screenshot, watchPageProblems } from "../support/browser";
import { requireServer } from "../support/env";

const base = requireServer();
let browser: Browser;

describe("landing page", () => {
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it("shows the product, links to the demo and the portal, and switches language", async () => {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    const problems = watchPageProblems(page);
    const response = await page.goto(base + "/");
    assert.match(response?.headers()["content-security-policy"] ?? "", /script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    assert.match(response?.headers()["content-security-policy"] ?? "", /frame-ancestors 'none'/);
    await page.getByRole("heading", { level: 1, name: "Sign-in your users can trust." }).waitFor();
    assert.equal(await page.getAttribute("html", "lang"), "en-US");
    assert.equal(await page.getByRole("link", { name: "Try the live demo" }).getAttribute("href"), "/demo");
    assert.equal(await page.getByRole("link", { name: "Open the portal" }).getAttribute("href"), "/with");
    await screenshot(page, "landing-en-US");

    await page.getByLabel("Language").selectOption("de-DE");
    await page.getByRole("heading", { level: 1, name: "Eine Anmeldung, der Ihre Nutzer vertrauen können." }).waitFor();
    assert.equal(await page.getAttribute("html", "lang"), "de-DE");
    // The choice sticks for the next visit.
    await page.goto(base + "/");
    await page.getByRole("link", { name: "Live-Demo ausprobieren" }).waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  it("follows the browser's language when nothing was chosen", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto(base + "/");
    await page.getByRole("heading", { level: 1, name: "Une connexion digne de la confiance de vos utilisateurs." }).waitFor();
    await context.close();
  });

  it("renders in the dark theme when the system prefers it", async () => {
    const context = await browser.newContext({ colorScheme: "dark", locale: "en-US" });
    const page = await context.newPage();
    await page.goto(base + "/");
    // Resolve the computed background (possibly oklch) to RGB through a canvas.
    const [r, g, b] = await page.evaluate(() => {
      const canvas = document.createElement("canvas");
      canvas.width = canvas.height = 1;
      const context2d = canvas.getContext("2d")!;
      context2d.fillStyle = getComputedStyle(document.body).backgroundColor;
      context2d.fillRect(0, 0, 1, 1);
      return Array.from(context2d.getImageData(0, 0, 1, 1).data);
    });
    // slate-950 is near black; the light theme is near white.
    assert.ok(r! < 60 && g! < 60 && b! < 60, `background rgb(${r}, ${g}, ${b})`);
    await screenshot(page, "landing-dark");
    await context.close();
  });

  it("keeps a chosen theme over the system's", async () => {
    const context = await browser.newContext({ colorScheme: "light", locale: "en-US" });
    const page = await context.newPage();
    await page.goto(base + "/");
    await page.getByLabel("Theme").selectOption("dark");
    await page.waitForFunction(() => document.documentElement.dataset.theme === "dark");
    await page.reload();
    assert.equal(await page.getAttribute("html", "data-theme"), "dark");
    await context.close();
  });
});
