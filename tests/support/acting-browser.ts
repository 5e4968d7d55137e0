// The portal's caller in lib tests: a browser that has just signed in to via
// as the account — what the portal's sensitive actions need
// (confirmRecentSignIn, lib/via/browser-session.ts).
import crypto from "node:crypto";
import type { Deps } from "@/lib/runtime";
import type { Browser } from "@/lib/via/browser";
import { startBrowserSession, type ActingBrowser } from "@/lib/via/browser-session";

export async function signedInBrowser(
  deps: Pick<Deps, "db" | "keyring" | "clock" | "config">,
  accountId: string,
  loginEmail: string | null = null,
): Promise<ActingBrowser> {
  const browser: Browser = { binding: crypto.randomBytes(32).toString("hex"), sessionKey: null, locale: "en-US", address: null, setCookies: [] };
  await startBrowserSession(deps, browser, { accountId, authenticationMethod: "EMAIL_VERIFICATION", loginEmail });
  return { accountId, binding: browser.binding, sessionKey: browser.sessionKey };
}
