// Driving the With portal in Chromium: sign in the way a person does — the
// portal sends the browser to via, an email code (read from the SMTP fixture)
// proves the address, the passkey offer is declined, and the browser lands
// back on the portal page it asked for.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { screenshot, watchPageProblems } from "./browser";
import { requireServer } from "./env";
import { codeFor, uniqueEmail } from "./mailbox";

/**
 * Signs in to the portal at `path` with an email code. `nthMail` is which
 * code mail to this address to use (1 for the first sign-in, 2 for the next…).
 * A new address registers a new account on the way.
 */
export async function signInToPortal(page: Page, email: string, options: { path?: string; nthMail?: number } = {}): Promise<void> {
  const path = options.path ?? "/with/profile";
  await page.goto(`${requireServer()}${path}`);
  await signInByEmailAtVia(page, email, options.nthMail ?? 1);
  await page.waitForURL((url) => url.pathname === path.split("?")[0], { timeout: 20_000 });
}

/** From the portal's hop to via: signs in by email code (the nth mail to the address) until the browser is back on /with. */
export async function signInByEmailAtVia(page: Page, email: string, nthMail: number): Promise<void> {
  await page.waitForURL((url) => url.pathname === "/via");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await page.getByRole("button", { name: "Email me a code" }).click();
  await page.getByLabel("Verification code").fill((await codeFor(email, nthMail)).code);
  // A new account is offered a passkey first; an existing one goes straight back.
  const notNow = page.getByRole("button", { name: "Not now" });
  await Promise.race([
    notNow.waitFor({ timeout: 15_000 }).then(() => notNow.click()),
    page.waitForURL((url) => url.pathname.startsWith("/with"), { timeout: 15_000 }),
  ]);
}

export interface PortalUser {
  context: BrowserContext;
  page: Page;
  /** What a user would never see but a broken page produces (watchPageProblems); assert it stays empty. */
  problems: string[];
  email: string;
}

/** A new account signed in to the portal in its own browser context (en-US, clipboard allowed), at `path`. */
export async function newPortalUser(
  browser: Browser,
  colorScheme: "light" | "dark",
  options: { emailPrefix?: string; emailDomain?: string; path?: string } = {},
): Promise<PortalUser> {
  const context = await browser.newContext({ locale: "en-US", colorScheme });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: requireServer() });
  const page = await context.newPage();
  const problems = watchPageProblems(page);
  const email = uniqueEmail(options.emailPrefix ?? "developer", options.emailDomain);
  await signInToPortal(page, email, { path: options.path ?? "/with/organizations" });
  return { context, page, problems, email };
}

/** Creates an organization on the Organizations page, as its first owner; answers its anchor. */
export async function createOrganization(page: Page, name: string): Promise<string> {
  await page.goto(`${requireServer()}/with/organizations`);
  await page.getByLabel("Organization name").fill(name);
  await page.getByRole("button", { name: "Create organization" }).click();
  await page.waitForURL((url) => /^\/with\/organizations\/[a-z]/.test(url.pathname));
  return decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
}

/** The owner on `page` adds `member` (signed in elsewhere) to the organization with `role`, by the alias on the member's own page. */
export async function inviteToOrganization(page: Page, organizationAnchor: string, member: Page, role: "VIEWER" | "ADMIN" | "OWNER"): Promise<void> {
  const alias = (await member.locator("#own-account-alias").textContent())!.trim();
  await page.goto(`${requireServer()}/with/organizations/${organizationAnchor}`);
  await page.getByLabel("Account alias").fill(alias);
  await page.locator("#invite-role").selectOption(role);
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  await page.getByText("The member was added.").waitFor();
}

/**
 * Full-page screenshots at desktop width, and (phone) at phone width, in the
 * context's color scheme. Screenshots are for people to look at, not
 * assertions, and each costs a full-page capture: the phone width is taken
 * once per page, not for every state.
 */
export async function shots(page: Page, name: string, { phone = false } = {}): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, `${name}-1280`);
  if (!phone) return;
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Clicks a button that asks for an inline confirmation, then its confirm button (same name). */
export async function clickAndConfirm(page: Page, name: string, scope: Pick<Page, "getByRole"> = page): Promise<void> {
  await scope.getByRole("button", { name, exact: true }).click();
  await scope.getByRole("button", { name, exact: true }).click();
}
