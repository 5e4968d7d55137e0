// Driving the With portal in Chromium: sign in the way a person does — the
// portal sends the browser to via, an email code (read from the SMTP fixture)
// proves the address, the passkey offer is declined, and the browser lands
// back on the portal page it asked for.
import type { Page } from "playwright-core";
import { requireServer } from "./env";
import { codeFor } from "./mailbox";

/**
 * Signs in to the portal at `path` with an email code. `nthMail` is which
 * code mail to this address to use (1 for the first sign-in, 2 for the next…).
 * A new address registers a new account on the way.
 */
export async function signInToPortal(page: Page, email: string, options: { path?: string; nthMail?: number } = {}): Promise<void> {
  const path = options.path ?? "/with/profile";
  await page.goto(`${requireServer()}${path}`);
  await page.waitForURL((url) => url.pathname === "/via");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await page.getByRole("button", { name: "Email me a code" }).click();
  await page.getByLabel("Verification code").fill((await codeFor(email, options.nthMail ?? 1)).code);
  // A new account is offered a passkey first; an existing one goes straight back.
  const notNow = page.getByRole("button", { name: "Not now" });
  await Promise.race([
    notNow.waitFor({ timeout: 15_000 }).then(() => notNow.click()),
    page.waitForURL((url) => url.pathname.startsWith("/with"), { timeout: 15_000 }),
  ]);
  await page.waitForURL((url) => url.pathname === path.split("?")[0], { timeout: 20_000 });
}
