// The end of every upstream round trip (docs 11, 15, 25): the provider has
// vouched for an identity; link it to an account (registering a stranger
// only if this application would let them in), sign the browser in through
// the method, and send it back to the sign-in page, which continues the
// inquiry through the same realize pipeline as every other method.
import { checkLoginPolicy } from "../domains/login-policy-gate";
import { fail, isSudomimusError } from "../errors";
import { linkUpstreamIdentity, type UpstreamKey } from "../federation/account-link";
import { UpstreamError, type UpstreamIdentity } from "../federation/upstream-oidc";
import { checkAuthenticationMethod, checkRealize, type AuthenticationAttempt } from "../rules";
import type { Deps } from "../runtime";
import type { Browser } from "./browser";
import { startBrowserSession } from "./browser-session";
import { pendingInquiry } from "./pending-inquiry";
import { signInPageUrl, type UpstreamNotice } from "./upstream-notice";

export interface UpstreamSignIn {
  exposureKey: string;
  /** For the notice on the way back ("enterprise-federation", "google", …). */
  provider: string;
  upstream: UpstreamKey;
  identity: UpstreamIdentity;
  /** The method the browser session is signed in through. */
  method: string;
  /** What this login counts as at Layer 1 for an account with these verified emails. */
  attempt: (verifiedEmails: string[]) => Promise<AuthenticationAttempt>;
  /** Set for a federation connector (the login policy gate and the session remember it). */
  connector?: { id: string; anchor: string };
  /** A GitHub sign-in's organizations, for org-gated rules at realize. */
  gitHubOrgs?: readonly string[];
  /** A Steam sign-in's SteamID64: Layer 2 STEAM_ID rules decide whether a Steam-first stranger may register. */
  steamId64?: string;
}

/**
 * Runs one call to the provider (discovery, authorization request, code
 * exchange, profile read). A provider that failed us becomes the notice the
 * sign-in page shows, the same for connectors and consumer providers: a user
 * who cancelled there is told so, a provider that cannot be reached or is not
 * set up is "unavailable", an answer that did not verify is "failed".
 */
export async function askUpstream<T>(call: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; notice: UpstreamNotice }> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    return { ok: false, notice: error.why === "denied" ? "cancelled" : error.why === "unreachable" ? "unavailable" : "failed" };
  }
}

// A stranger whose address is on an SSO_ONLY domain is sent back to enter it:
// the email step then offers "Continue with <their IdP>" (docs 25).
const NOTICES: Partial<Record<string, UpstreamNotice>> = {
  Layer1Denied: "notAllowed",
  Layer2Denied: "notAllowed",
  EmailDomainBlocked: "blocked",
  EmailDomainRequiresSso: "ssoRequired",
};
const noticeOf = (reason: string): UpstreamNotice => NOTICES[reason] ?? "failed";

/** Links, signs in, and returns where the browser goes next. */
export async function completeUpstreamSignIn(deps: Pick<Deps, "db" | "keyring" | "clock" | "config" | "cache">, browser: Browser, input: UpstreamSignIn): Promise<string> {
  const { exposureKey, identity } = input;
  // A stranger is registered only if this application would let them in (as email registration does).
  const mayRegister = async () => {
    const { inquiry, context } = await pendingInquiry(deps, exposureKey);
    const emails = identity.emailVerified && identity.email ? [identity.email] : [];
    if (!checkRealize(context.rules.realize, inquiry.realizeConstraints, { verifiedEmails: emails, steamId64: input.steamId64 ?? null }).allowed) {
      fail("Layer2Denied", { message: "This account is not allowed to sign in to this application." });
    }
    // …and only if this login would count at Layer 1 for the account it creates.
    if (!checkAuthenticationMethod(context.rules.authentication, inquiry.authenticationConstraints, await input.attempt(emails)).allowed) {
      fail("Layer1Denied", { message: "This sign-in method is not allowed for this application." });
    }
    await checkLoginPolicy(deps.db, emails, input.connector?.id ?? null);
  };
  let accountId: string;
  try {
    ({ accountId } = await linkUpstreamIdentity(deps, input.upstream, identity, mayRegister));
  } catch (error) {
    if (!isSudomimusError(error)) throw error;
    return signInPageUrl(deps, exposureKey, { provider: input.provider, why: noticeOf(error.reason) });
  }
  await startBrowserSession(deps, browser, { accountId, authenticationMethod: input.method, loginEmail: null, federationConnector: input.connector, gitHubOrgs: input.gitHubOrgs });
  // The page finds the browser signed in through an accepted method and continues the inquiry (realize).
  return signInPageUrl(deps, exposureKey);
}
