// "Continue with Google / GitHub / Discord / Battle.net / X" on via (docs 06, 11, 15): the
// button sends the browser to the provider (authorization code, state,
// PKCE), the provider sends it back to the provider's redirect URI on via,
// and the identity it vouched for is linked to an account keyed per
// provider (kind GOOGLE/…, the provider's user id). The round trip's state
// and its end are the ones federation connectors use. "Sign in with Steam"
// (STEAM_OPENID) is the same round trip over OpenID 2.0, keyed as the
// STEAM_ID64 identity the in-game ticket path uses.
import { fail, isSudomimusError } from "../errors";
import { allowedAuthenticationMethods, checkAuthenticationMethod, gitHubOrgGatingRequested } from "../rules";
import type { Deps } from "../runtime";
import type { Browser } from "../via/browser";
import { pendingInquiry } from "../via/pending-inquiry";
import { signInPageUrl, type UpstreamNotice } from "../via/upstream-notice";
import { newRoundTripState, saveRoundTrip, takeRoundTrip } from "../via/upstream-round-trip";
import { askUpstream, completeUpstreamSignIn } from "../via/upstream-sign-in";
import { PROVIDER_FLOWS, type SocialIdentity } from "./provider-flows";
import { isSocialProvider, needsCredentials, SOCIAL, socialCallbackPath, type SocialProvider } from "./vocabulary";

type SocialDeps = Pick<Deps, "db" | "keyring" | "clock" | "config" | "fetch" | "cache">;

export const socialCallbackUri = (deps: Pick<Deps, "config">, provider: SocialProvider) => `${deps.config.publicUrl}${socialCallbackPath(provider)}`;
export const socialPageUrl = (deps: Pick<Deps, "config">, exposureKey: string, provider: SocialProvider, why: UpstreamNotice) =>
  signInPageUrl(deps, exposureKey, { provider, why });

/** Whether the provider can be offered: the operator configured its credentials, or it needs none (keyless OpenID). */
export const socialConfigured = (deps: Pick<Deps, "config">, provider: SocialProvider) => !needsCredentials(provider) || deps.config.social[provider] !== null;

/** Where to send the browser to sign in with the provider; Layer 1 must allow the method first. */
export async function startSocialSignIn(deps: SocialDeps, browser: Browser, input: { exposureKey: string; provider: string }): Promise<string> {
  const { provider } = input;
  if (!isSocialProvider(provider) || !socialConfigured(deps, provider)) fail("Layer1Denied", { message: "This sign-in method is not offered here." });
  const { inquiry, context } = await pendingInquiry(deps, input.exposureKey);
  // Offered, as the page offers it (GitHub's org gating is decided after sign-in, with the membership known).
  if (!allowedAuthenticationMethods(context.rules.authentication, inquiry.authenticationConstraints).some((option) => option.method === SOCIAL[provider].method)) {
    fail("Layer1Denied", { message: "This sign-in method is not allowed for this application." });
  }
  const state = newRoundTripState();
  const gitHubOrgs = provider === "github" && gitHubOrgGatingRequested(context.rules.authentication, inquiry.authenticationConstraints);
  const asked = await askUpstream(() => PROVIDER_FLOWS[provider].begin(deps, { redirectUri: socialCallbackUri(deps, provider), state, gitHubOrgs }));
  // Whatever went wrong before the user reached the provider, it is unavailable to them.
  if (!asked.ok) return socialPageUrl(deps, input.exposureKey, provider, "unavailable");
  const request = asked.value;
  await saveRoundTrip(deps, browser, state, { provider, connectorId: null, inquiryId: inquiry.row.id, exposureKey: input.exposureKey, codeVerifier: request.codeVerifier, nonce: request.nonce });
  return request.url;
}

/** Back from the provider at its redirect URI: verify, link, sign the browser in. Returns where to go next. */
export async function finishSocialSignIn(deps: SocialDeps, browser: Browser, provider: string, callbackUrl: URL): Promise<string> {
  const trip = await takeRoundTrip(deps, browser, callbackUrl);
  // Not a round trip this browser started with this provider (or it was used already): nothing to continue.
  if (!trip || trip.provider !== provider || !isSocialProvider(provider)) return `${deps.config.publicUrl}/via`;
  let found;
  try {
    found = await pendingInquiry(deps, trip.exposureKey);
  } catch (error) {
    // The inquiry ended meanwhile: the page says so.
    if (isSudomimusError(error)) return signInPageUrl(deps, trip.exposureKey);
    throw error;
  }
  const { inquiry, context } = found;
  const gitHubOrgs = provider === "github" && gitHubOrgGatingRequested(context.rules.authentication, inquiry.authenticationConstraints);
  const asked = await askUpstream(() =>
    PROVIDER_FLOWS[provider].identity(deps, callbackUrl, {
      state: trip.state,
      nonce: trip.nonce,
      codeVerifier: trip.codeVerifier,
      redirectUri: socialCallbackUri(deps, provider),
      gitHubOrgs,
    }),
  );
  if (!asked.ok) return socialPageUrl(deps, trip.exposureKey, provider, asked.notice);
  const identity: SocialIdentity = asked.value;
  const method = SOCIAL[provider].method;
  const attempt = { method, ...(identity.gitHubOrgs ? { gitHubOrgs: identity.gitHubOrgs } : {}) };
  // Org gating decides for every user, registered or not: outside the allowlist, nobody is signed in.
  if (!checkAuthenticationMethod(context.rules.authentication, inquiry.authenticationConstraints, attempt).allowed) {
    return socialPageUrl(deps, trip.exposureKey, provider, provider === "github" ? "notInOrganization" : "notAllowed");
  }
  return completeUpstreamSignIn(deps, browser, {
    exposureKey: trip.exposureKey,
    provider,
    upstream: { kind: SOCIAL[provider].identityKind, namespace: "", verifiedHow: SOCIAL[provider].emailVerifiedBy },
    identity,
    method,
    attempt: async () => attempt,
    gitHubOrgs: identity.gitHubOrgs,
    steamId64: identity.steamId64,
  });
}
