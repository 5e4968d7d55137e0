// Debian's Chromium driven by playwright-core. Never downloads a browser.
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { testEnv } from "./env";

/**
 * Debian's headless shell (package chromium-headless-shell: the same Chromium
 * engine without the browser's own UI) when installed — what Playwright runs
 * headless by default. The full browser in headless mode also builds its
 * window UI for every context (the omnibox popup is itself a web page), which
 * cost the e2e suites three times the browser CPU. The full `chromium` is the
 * fallback; CHROMIUM_PATH overrides both.
 */
const HEADLESS_SHELL = "/usr/lib/chromium/chromium-headless-shell";
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? (fs.existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : "/usr/bin/chromium");

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/**
 * Saves a full-page screenshot into the git-ignored screenshot folder, named
 * per database — in the half that takes them (a full-page capture is among
 * the costliest steps of an e2e test, and the pages do not differ by database).
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!testEnv.screenshots) return;
  const dir = path.resolve(testEnv.screenshotDir);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.${testEnv.dbKind}.png`);
  await page.screenshot({ path: file, fullPage: true });
}

/**
 * Collects what a user would never see but a broken page produces: uncaught
 * errors and Content-Security-Policy violations. Assert it stays empty.
 */
export function watchPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy|Refused to/i.test(message.text())) problems.push(`csp: ${message.text()}`);
  });
  return problems;
}
