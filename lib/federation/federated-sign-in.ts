// "Sign in with <IdP>" on via (docs 25, application-managed): the button
// sends the browser to the connector's IdP (authorization code + PKCE S256,
// state, nonce); the IdP sends it back to the platform's one redirect URI.
// The round trip's state is single use and bound to the browser that
// started it (no login CSRF). Back on via, the IdP's identity is linked to
// an account, the browser is signed in *through that connector*, and the
// sign-in page continues the inquiry through the same realize pipeline as
// every other method (Layer 1 sees the connector, the login policy gate sees
// it too).
import { findConnectorById, findConnectorForSignIn, type FederationConnectorRow } from "@/db/queries/federation-connectors";
import { unseal } from "../crypto/seal";
import type { ApplicationContext } from "../applications/application-context";
import { fail } from "../errors";
import { emailAddressSchema } from "../identity/email-address";
import type { Inquiry } from "../inquiry/load-inquiry";
import { checkAuthenticationMethod } from "../rules";
import type { Deps } from "../runtime";
import type { Browser } from "../via/browser";
import { pendingInquiry } from "../via/pending-inquiry";
import { signInPageUrl, type UpstreamNotice } from "../via/upstream-notice";
import { newRoundTripState, saveRoundTrip, takeRoundTrip } from "../via/upstream-round-trip";
import { askUpstream, completeUpstreamSignIn } from "../via/upstream-sign-in";
import { federationKey, vouchedByConnector } from "./account-link";
import { forcedSsoStartAllowed, withDomainMandate } from "./domain-managed";
import { clientSecretAad } from "./connectors";
import { authorizationRequest, exchangeCode, upstreamConfiguration } from "./upstream-oidc";
import { DOMAIN_FEDERATION_METHOD, FEDERATION_CALLBACK_PATH, FEDERATION_METHOD } from "./vocabulary";

type FederationMethod = typeof FEDERATION_METHOD | typeof DOMAIN_FEDERATION_METHOD;
// The state row remembers which button started the round trip; the browser session records it as the method.
const PROVIDER_OF: Record<FederationMethod, string> = { [FEDERATION_METHOD]: "enterprise-federation", [DOMAIN_FEDERATION_METHOD]: "enterprise-federation-domain" };
const methodOfProvider = (provider: string) => (Object.keys(PROVIDER_OF) as FederationMethod[]).find((method) => PROVIDER_OF[method] === provider) ?? null;
const NOTICE_PROVIDER = "enterprise-federation";

type FederationDeps = Pick<Deps, "db" | "keyring" | "clock" | "config" | "fetch" | "cache">;

export const federationCallbackUri = (deps: Pick<Deps, "config">) => `${deps.config.publicUrl}${FEDERATION_CALLBACK_PATH}`;

function upstreamClient(deps: Pick<Deps, "keyring">, connector: FederationConnectorRow) {
  return { issuer: connector.issuer, clientId: connector.clientId, clientSecret: unseal(deps.keyring, connector.clientSecretSealed, clientSecretAad(connector.anchor)) };
}

/** The sign-in page with a federation notice. */
export const federationPageUrl = (deps: Pick<Deps, "config">, exposureKey: string, why: UpstreamNotice) => signInPageUrl(deps, exposureKey, { provider: NOTICE_PROVIDER, why });

/**
 * Which federation method this start is, if any: a button an
 * application-managed rule names (the application's own organization's
 * connector), else a forced-SSO connector the application accepts.
 */
async function startMethod(
  deps: FederationDeps,
  browser: Browser,
  target: { inquiry: Inquiry; context: ApplicationContext; connector: FederationConnectorRow; loginHint: string | null },
): Promise<FederationMethod | null> {
  const { inquiry, context, connector } = target;
  const named = checkAuthenticationMethod(context.rules.authentication, inquiry.authenticationConstraints, { method: FEDERATION_METHOD, connectorAnchor: connector.anchor });
  // Rules may only name the application's own organization's connectors; checked at save and again here.
  if (named.allowed && connector.organizationId === context.application.organizationId) return FEDERATION_METHOD;
  if (await forcedSsoStartAllowed(deps, browser, { context, inquiry, connectorId: connector.id, loginHint: target.loginHint })) return DOMAIN_FEDERATION_METHOD;
  return null;
}

/** Where to send the browser to sign in through the connector; the attempt is authorized by Layer 1 first. */
export async function startFederatedSignIn(
  deps: FederationDeps,
  browser: Browser,
  input: { exposureKey: string; connectorAnchor: string; loginHint?: string | null },
): Promise<string> {
  const { inquiry, context } = await pendingInquiry(deps, input.exposureKey);
  const connector = await findConnectorForSignIn(deps.db, input.connectorAnchor);
  if (!connector) fail("Layer1Denied", { message: "This sign-in method is not allowed for this application." });
  const loginHint = input.loginHint ? emailAddressSchema.safeParse(input.loginHint).data ?? null : null;
  const method = await startMethod(deps, browser, { inquiry, context, connector, loginHint });
  if (!method) fail("Layer1Denied", { message: "This sign-in method is not allowed for this application." });
  const state = newRoundTripState();
  const asked = await askUpstream(async () =>
    authorizationRequest(await upstreamConfiguration(deps, upstreamClient(deps, connector)), { redirectUri: federationCallbackUri(deps), scopes: connector.scopes, state, loginHint }),
  );
  // Whatever went wrong before the user reached the IdP, the IdP is unavailable to them.
  if (!asked.ok) return federationPageUrl(deps, input.exposureKey, "unavailable");
  const request = asked.value;
  await saveRoundTrip(deps, browser, state, {
    provider: PROVIDER_OF[method],
    connectorId: connector.id,
    inquiryId: inquiry.row.id,
    exposureKey: input.exposureKey,
    codeVerifier: request.codeVerifier,
    nonce: request.nonce,
  });
  return request.url;
}

/** Back from the IdP: verify, link, sign the browser in through the connector. Returns where to go next. */
export async function finishFederatedSignIn(deps: FederationDeps, browser: Browser, callbackUrl: URL): Promise<string> {
  const trip = await takeRoundTrip(deps, browser, callbackUrl);
  // Not a round trip this browser started (or it was used already): nothing to continue.
  const method = trip ? methodOfProvider(trip.provider) : null;
  if (!trip || !method || !trip.connectorId || !trip.nonce) return `${deps.config.publicUrl}/via`;
  const { exposureKey, nonce } = trip;
  const connector = await findConnectorById(deps.db, trip.connectorId);
  if (!connector || connector.disabledAt) return federationPageUrl(deps, exposureKey, "unavailable");

  const asked = await askUpstream(async () =>
    exchangeCode(await upstreamConfiguration(deps, upstreamClient(deps, connector)), callbackUrl, {
      state: trip.state,
      nonce,
      codeVerifier: trip.codeVerifier,
      redirectUri: federationCallbackUri(deps),
    }),
  );
  if (!asked.ok) return federationPageUrl(deps, exposureKey, asked.notice);
  // Only the connector's own verified domains make its email count (account-link.ts).
  const identity = await vouchedByConnector(deps.db, connector.organizationId, asked.value);
  return completeUpstreamSignIn(deps, browser, {
    exposureKey,
    provider: NOTICE_PROVIDER,
    upstream: federationKey(connector.id),
    identity,
    method,
    // A forced-SSO start needs the mandated domain.
    attempt: (emails) => withDomainMandate(deps.db, { method, connectorAnchor: connector.anchor }, emails, connector.id),
    connector: { id: connector.id, anchor: connector.anchor },
  });
}
