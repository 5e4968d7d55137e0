// Browser sessions on via: created when someone proves who they are, used to
// realize the next inquiry of the same browser without asking again — if the
// method they used is one that inquiry accepts.
import { findLiveBrowserSession, insertBrowserSession, revokeBrowserSession, type BrowserSessionRow } from "@/db/queries/browser-sessions";
import { addSeconds } from "../clock";
import { isKey } from "../crypto/random-key";
import { fail } from "../errors";
import { secretHash } from "../crypto/secret-hash";
import type { AuthenticationAttempt, AuthenticationMethod } from "../rules";
import type { Deps } from "../runtime";
import { BROWSER_SESSION_TTL_SECONDS, newBrowserSessionKey, sessionCookie, type Browser } from "./browser";

const hashKey = (deps: Pick<Deps, "keyring">, key: string) => secretHash(deps.keyring, "browser-session", key);

export async function startBrowserSession(
  deps: Pick<Deps, "db" | "keyring" | "clock" | "config">,
  browser: Browser,
  session: {
    accountId: string;
    authenticationMethod: string;
    loginEmail: string | null;
    federationConnector?: { id: string; anchor: string };
    /** A GitHub sign-in that looked up organization membership. */
    gitHubOrgs?: readonly string[];
  },
): Promise<BrowserSessionRow> {
  const now = deps.clock.now();
  if (browser.sessionKey && isKey("browserSession", browser.sessionKey)) await revokeBrowserSession(deps.db, hashKey(deps, browser.sessionKey), now);
  const key = newBrowserSessionKey();
  const row = {
    idHash: hashKey(deps, key),
    accountId: session.accountId,
    authenticationMethod: session.authenticationMethod,
    loginEmail: session.loginEmail,
    federationConnectorId: session.federationConnector?.id ?? null,
    gitHubOrgs: session.gitHubOrgs ? [...session.gitHubOrgs] : null,
    authTime: now,
    expiresAt: addSeconds(now, BROWSER_SESSION_TTL_SECONDS),
    createdAt: now,
    revokedAt: null,
  };
  await insertBrowserSession(deps.db, row);
  browser.sessionKey = key;
  browser.setCookies.push(sessionCookie(key, deps.config));
  return { ...row, federationConnectorAnchor: session.federationConnector?.anchor ?? null };
}

/** What a browser session counts as at Layer 1: its method, the connector for a federated one, GitHub's organizations. */
export function attemptOfSession(session: Pick<BrowserSessionRow, "authenticationMethod" | "federationConnectorAnchor"> & Partial<Pick<BrowserSessionRow, "gitHubOrgs">>): AuthenticationAttempt {
  return {
    method: session.authenticationMethod as AuthenticationMethod,
    ...(session.federationConnectorAnchor ? { connectorAnchor: session.federationConnectorAnchor } : {}),
    ...(session.gitHubOrgs ? { gitHubOrgs: session.gitHubOrgs } : {}),
  };
}

/**
 * How long a sign-in through an organization's IdP (a federation connector)
 * carries over to the next inquiry of this browser. The IdP decides who may
 * still sign in — docs 25: a departed employee whose IdP account is disabled
 * "cannot log in again" — so after this the browser asks the IdP again, which
 * signs a user with a live session there in without a prompt.
 */
export const FEDERATED_SIGN_IN_CARRY_SECONDS = 15 * 60;

export async function currentBrowserSession(deps: Pick<Deps, "db" | "keyring" | "clock">, browser: Pick<Browser, "sessionKey">): Promise<BrowserSessionRow | null> {
  if (!browser.sessionKey || !isKey("browserSession", browser.sessionKey)) return null;
  const now = deps.clock.now();
  const session = await findLiveBrowserSession(deps.db, hashKey(deps, browser.sessionKey), now);
  const idpMustConfirm = session?.federationConnectorId && now.getTime() - session.authTime.getTime() > FEDERATED_SIGN_IN_CARRY_SECONDS * 1000;
  return idpMustConfirm ? null : session;
}

/**
 * Adding a lasting way into an account (a passkey, an email address) needs a
 * sign-in this recent on this browser: a session signed in longer ago (a
 * cookie left on a shared machine, or stolen) cannot plant one.
 */
export const RECENT_SIGN_IN_SECONDS = 15 * 60;

/**
 * This browser's via session, if it signed in within RECENT_SIGN_IN_SECONDS
 * (as `accountId`, when given). Otherwise SignInRequired — with the message
 * key `recentSignInRequired` where a session exists, so a page can offer
 * "Confirm it's you" instead of a plain sign-in.
 */
export async function recentBrowserSession(
  deps: Pick<Deps, "db" | "keyring" | "clock">,
  browser: Pick<Browser, "sessionKey">,
  accountId?: string,
): Promise<BrowserSessionRow> {
  const session = await currentBrowserSession(deps, browser);
  const recent =
    session !== null && (accountId === undefined || session.accountId === accountId) && deps.clock.now().getTime() - session.authTime.getTime() <= RECENT_SIGN_IN_SECONDS * 1000;
  if (!recent) fail("SignInRequired", { message: "Sign in again to continue: this needs a recent sign-in.", body: { key: "recentSignInRequired" } });
  return session!;
}

/**
 * The portal's caller as a browser: the account, via's browser binding (it
 * ties challenges to this browser) and via's session key on this browser.
 */
export interface ActingBrowser {
  accountId: string;
  binding: string;
  sessionKey: string | null;
}

/**
 * The one gate of the portal's sensitive actions — adding a way in (a
 * passkey, an address), erasing the account, and a new credential for an
 * application that exists (client-auth key, OIDC client secret, access key):
 * this browser signed in as the caller within RECENT_SIGN_IN_SECONDS. A
 * long-lived portal cookie alone (left on a shared machine, or stolen) is not
 * enough; the page then offers "Confirm it's you".
 */
export async function confirmRecentSignIn(deps: Pick<Deps, "db" | "keyring" | "clock">, who: ActingBrowser): Promise<void> {
  await recentBrowserSession(deps, who, who.accountId);
}

export async function endBrowserSession(deps: Pick<Deps, "db" | "keyring" | "clock">, browser: Browser): Promise<void> {
  if (browser.sessionKey && isKey("browserSession", browser.sessionKey)) {
    await revokeBrowserSession(deps.db, hashKey(deps, browser.sessionKey), deps.clock.now());
  }
  browser.sessionKey = null;
}
