// Driving via's sign-in pages in Chromium: a browser context with every
// page watched for CSP violations and errors, a WebAuthn virtual
// authenticator (passkeys without hardware), the application's callback
// host answered locally (http://localhost/... does not exist), redeeming
// what reached it, and light + dark screenshots of each state.
import assert from "node:assert/strict";
import type { Browser, BrowserContext, CDPSession, Page } from "playwright-core";
import { screenshot, watchPageProblems } from "./browser";
import { callback, decodeJwt, establish, post, type TestApplication } from "./connect-client";
import { requireServer } from "./env";
import { codeFor } from "./mailbox";

export interface ViaPage {
  context: BrowserContext;
  page: Page;
  problems: string[];
  close(): Promise<void>;
}

/** A fresh browser profile (own cookies) with the application's callback host served locally. */
export async function openVia(browser: Browser, options: { locale?: string; colorScheme?: "light" | "dark"; viewport?: { width: number; height: number } } = {}): Promise<ViaPage> {
  const context = await browser.newContext({
    locale: options.locale ?? "en-US",
    colorScheme: options.colorScheme ?? "light",
    viewport: options.viewport ?? { width: 1024, height: 800 },
  });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(requireServer()).origin });
  // Test applications call back to http://localhost/... (port 80): answer it here instead of the network.
  await context.route(
    (url) => url.hostname === "localhost" && url.port === "",
    (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>Callback</title><p>callback reached</p>" }),
  );
  const page = await context.newPage();
  const problems = watchPageProblems(page);
  return { context, page, problems, close: () => context.close() };
}

type ViaOptions = Parameters<typeof openVia>[1];

/**
 * Runs `work` in a fresh via browser profile, then closes it even when the
 * work fails. A page error or CSP violation anywhere in it fails the test.
 */
export async function withVia(browser: Browser, work: (via: ViaPage) => Promise<void>, options: ViaOptions = {}): Promise<void> {
  const via = await openVia(browser, options);
  try {
    await work(via);
    assert.deepEqual(via.problems, []);
  } finally {
    await via.close();
  }
}

export function signInUrl(exposureKey: string): string {
  return `${requireServer()}/via?exposure-key=${encodeURIComponent(exposureKey)}`;
}

/** Lets the colour transitions a theme switch starts run to their end (else the shot catches them halfway). */
async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    await Promise.all(document.getAnimations().filter((animation) => animation instanceof CSSTransition).map((animation) => animation.finished.catch(() => {})));
  });
}

/** Screenshots the current state in the light and the dark theme (prefers-color-scheme). */
export async function shoot(page: Page, name: string): Promise<void> {
  await page.emulateMedia({ colorScheme: "light" });
  await settle(page);
  await screenshot(page, `${name}-light`);
  await page.emulateMedia({ colorScheme: "dark" });
  await settle(page);
  await screenshot(page, `${name}-dark`);
  await page.emulateMedia({ colorScheme: "light" });
  await settle(page);
}

/** Waits for the browser to reach the application's callback and returns the keys it carries. */
export async function callbackKeys(page: Page): Promise<{ exposureKey: string; confirmationKey: string; url: URL }> {
  try {
    await page.waitForURL((url) => url.hostname === "localhost" && url.port === "" && url.pathname === "/auth/return", { timeout: 20_000 });
  } catch (error) {
    // Say what the page showed instead of the redirect.
    const shown = await page.locator("main").innerText().catch(() => "(no main)");
    throw new Error(`no callback; the page shows:\n${shown}`, { cause: error });
  }
  const url = new URL(page.url());
  return { exposureKey: url.searchParams.get("exposure-key") ?? "", confirmationKey: url.searchParams.get("confirmation-key") ?? "", url };
}

export interface Redeemed {
  accessToken: string;
  refreshToken: string;
  claims: Record<string, { requirement: string; state: string }>;
}

/** The application backend's side: the three keys → tokens. Asserts 200. */
/** A fresh inquiry of the application, signed in through `act` in a new browser profile; answers the account's subject. */
export async function subjectAfterSignIn(browser: Browser, app: TestApplication, act: (page: Page) => Promise<void>): Promise<string> {
  const inquiry = await establish(app, { returnMethods: [callback()] });
  const via = await openVia(browser);
  try {
    await via.page.goto(signInUrl(inquiry.exposureKey));
    await act(via.page);
    const keys = await callbackKeys(via.page);
    const redeemed = await redeem({ exposureKey: inquiry.exposureKey, hiddenKey: inquiry.hiddenKey, confirmationKey: keys.confirmationKey });
    assert.deepEqual(via.problems, []);
    return String(decodeJwt(redeemed.accessToken).body.subject);
  } finally {
    await via.close();
  }
}

export async function redeem(keys: { exposureKey: string; hiddenKey: string; confirmationKey: string }): Promise<Redeemed> {
  const redeemed = await post<Redeemed>("/connect-api/redeem", keys);
  assert.equal(redeemed.status, 200, JSON.stringify(redeemed.body));
  return redeemed.body;
}

// ---------------------------------------------------------------- passkeys

async function exportCredentials(cdp: CDPSession, authenticatorId: string) {
  return (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials;
}
export type VirtualCredential = Awaited<ReturnType<typeof exportCredentials>>[number];

export interface VirtualAuthenticator {
  /** The passkeys it holds, to put on another profile's authenticator ("the same device"). */
  credentials(): Promise<VirtualCredential[]>;
}

/** A platform authenticator with user verification that answers every prompt at once. */
export async function addVirtualAuthenticator(via: ViaPage, preload: VirtualCredential[] = []): Promise<VirtualAuthenticator> {
  const cdp = await via.context.newCDPSession(via.page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  for (const credential of preload) await cdp.send("WebAuthn.addCredential", { authenticatorId, credential });
  return { credentials: () => exportCredentials(cdp, authenticatorId) };
}

/** For applications whose only method is EMAIL_VERIFICATION: a new address signs up, declining the passkey offer. */
export async function signUpByEmail(page: Page, email: string, nthMail = 1): Promise<void> {
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await page.getByRole("heading", { name: "Check your email" }).waitFor();
  await page.getByLabel("Verification code").fill((await codeFor(email, nthMail)).code);
  await page.getByRole("button", { name: "Not now" }).click();
}

/**
 * Whether the rendered page — its markup and form fields, not the framework's
 * own scripts (which carry the URL for client navigation) — contains a value.
 */
export async function pageMarkupIncludes(page: Page, value: string): Promise<boolean> {
  return page.evaluate((needle) => {
    const copy = document.documentElement.cloneNode(true) as HTMLElement;
    for (const script of Array.from(copy.querySelectorAll("script"))) script.remove();
    return copy.outerHTML.includes(needle);
  }, value);
}

/** Clicks an IdP's "Sign in with …" button and signs in as `login` on the upstream IdP fixture's own (development) login page. */
export async function signInAtUpstreamIdp(page: Page, issuer: string, buttonName: string, login: string): Promise<void> {
  await page.getByRole("button", { name: buttonName }).click();
  await page.waitForURL((url) => url.origin === issuer);
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
}
