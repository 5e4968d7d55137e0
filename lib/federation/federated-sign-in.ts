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
import { insertUpstreamAuthState, takeUpstreamAuthState } from "@/db/queries/upstream-auth";
import { addSeconds } from "../clock";
import { randomHex } from "../crypto/random-key";
import { secretHash } from "../crypto/secret-hash";
import { seal, unseal } from "../crypto/seal";
import { checkLoginPolicy } from "../domains/login-policy-gate";
import type { ApplicationContext } from "../applications/application-context";
import { fail, isSudomimusError } from "../errors";
import { emailAddressSchema } from "../identity/email-address";
import type { Inquiry } from "../inquiry/load-inquiry";
import { checkAuthenticationMethod, checkRealize } from "../rules";
import type { Deps } from "../runtime";
import type { Browser } from "../via/browser";
import { startBrowserSession } from "../via/browser-session";
import { pendingInquiry } from "../via/pending-inquiry";
import { linkFederatedIdentity } from "./account-link";
import { forcedSsoStartAllowed, withDomainMandate } from "./domain-managed";
import { clientSecretAad } from "./connectors";
import { authorizationRequest, exchangeCode, upstreamConfiguration, UpstreamError } from "./upstream-oidc";
import { DOMAIN_FEDERATION_METHOD, FEDERATION_CALLBACK_PATH, FEDERATION_METHOD, type FederationNotice } from "./vocabulary";

const STATE_TTL_SECONDS = 10 * 60;
type FederationMethod = typeof FEDERATION_METHOD | typeof DOMAIN_FEDERATION_METHOD;
// The state row remembers which button started the round trip; the browser session records it as the method.
const PROVIDER_OF: Record<FederationMethod, string> = { [FEDERATION_METHOD]: "enterprise-federation", [DOMAIN_FEDERATION_METHOD]: "enterprise-federation-domain" };
const methodOfProvider = (provider: string) => (Object.keys(PROVIDER_OF) as FederationMethod[]).find((method) => PROVIDER_OF[method] === provider) ?? null;

type FederationDeps = Pick<Deps, "db" | "keyring" | "clock" | "config" | "fetch" | "cache">;

export const federationCallbackUri = (deps: Pick<Deps, "config">) => `${deps.config.publicUrl}${FEDERATION_CALLBACK_PATH}`;
const hashState = (deps: Pick<Deps, "keyring">, state: string) => secretHash(deps.keyring, "upstream-state", state);
const stateAad = (stateHash: string, what: string) => `upstream_auth_states.${what}:${stateHash}`;

function upstreamClient(deps: Pick<Deps, "keyring">, connector: FederationConnectorRow) {
  return { issuer: connector.issuer, clientId: connector.clientId, clientSecret: unseal(deps.keyring, connector.clientSecretSealed, clientSecretAad(connector.anchor)) };
}

export function signInPageUrl(deps: Pick<Deps, "config">, exposureKey: string, notice?: FederationNotice): string {
  return `${deps.config.publicUrl}/via?exposure-key=${encodeURIComponent(exposureKey)}${notice ? `&federation=${notice}` : ""}`;
}

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
  let request;
  const state = randomHex(32);
  try {
    const config = await upstreamConfiguration(deps, upstreamClient(deps, connector));
    request = await authorizationRequest(config, { redirectUri: federationCallbackUri(deps), scopes: connector.scopes, state, loginHint });
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    return signInPageUrl(deps, input.exposureKey, "unavailable");
  }
  const now = deps.clock.now();
  const stateHash = hashState(deps, state);
  await insertUpstreamAuthState(deps.db, {
    stateHash,
    provider: PROVIDER_OF[method],
    connectorId: connector.id,
    browserBinding: browser.binding,
    inquiryId: inquiry.row.id,
    codeVerifierSealed: seal(deps.keyring, request.codeVerifier, stateAad(stateHash, "code_verifier")),
    nonce: request.nonce,
    // Only hashes of inquiry keys are stored; the way back to the page is sealed.
    returnTo: seal(deps.keyring, input.exposureKey, stateAad(stateHash, "return_to")),
    expiresAt: addSeconds(now, STATE_TTL_SECONDS),
    createdAt: now,
  });
  return request.url;
}

/** Back from the IdP: verify, link, sign the browser in through the connector. Returns where to go next. */
export async function finishFederatedSignIn(deps: FederationDeps, browser: Browser, callbackUrl: URL): Promise<string> {
  const state = callbackUrl.searchParams.get("state") ?? "";
  const now = deps.clock.now();
  const stateHash = /^[0-9a-f]{64}$/.test(state) ? hashState(deps, state) : null;
  const taken = stateHash ? await takeUpstreamAuthState(deps.db, stateHash, browser.binding, now) : null;
  // Not a round trip this browser started (or it was used already): nothing to continue.
  const method = taken ? methodOfProvider(taken.provider) : null;
  if (!stateHash || !taken || !method || !taken.connectorId || !taken.returnTo || !taken.codeVerifierSealed || !taken.nonce) {
    return `${deps.config.publicUrl}/via`;
  }
  const exposureKey = unseal(deps.keyring, taken.returnTo, stateAad(stateHash, "return_to"));
  const connector = await findConnectorById(deps.db, taken.connectorId);
  if (!connector || connector.disabledAt) return signInPageUrl(deps, exposureKey, "unavailable");

  let identity;
  try {
    const config = await upstreamConfiguration(deps, upstreamClient(deps, connector));
    identity = await exchangeCode(config, callbackUrl, {
      state,
      nonce: taken.nonce,
      codeVerifier: unseal(deps.keyring, taken.codeVerifierSealed, stateAad(stateHash, "code_verifier")),
      redirectUri: federationCallbackUri(deps),
    });
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    return signInPageUrl(deps, exposureKey, error.why === "denied" ? "cancelled" : "failed");
  }

  // A stranger is registered only if this application would let them in (as email registration does).
  const mayRegister = async () => {
    const { inquiry, context } = await pendingInquiry(deps, exposureKey);
    const emails = identity.emailVerified && identity.email ? [identity.email] : [];
    if (!checkRealize(context.rules.realize, inquiry.realizeConstraints, { verifiedEmails: emails }).allowed) {
      fail("Layer2Denied", { message: "This account is not allowed to sign in to this application." });
    }
    // …and only if this login would count at Layer 1 for the account it creates (a forced-SSO start needs the mandated domain).
    const attempt = await withDomainMandate(deps.db, { method, connectorAnchor: connector.anchor }, emails, connector.id);
    if (!checkAuthenticationMethod(context.rules.authentication, inquiry.authenticationConstraints, attempt).allowed) {
      fail("Layer1Denied", { message: "This sign-in method is not allowed for this application." });
    }
    await checkLoginPolicy(deps.db, emails, connector.id);
  };
  let accountId: string;
  try {
    ({ accountId } = await linkFederatedIdentity(deps, connector.id, identity, mayRegister));
  } catch (error) {
    if (!isSudomimusError(error)) throw error;
    const notice: FederationNotice = error.reason === "Layer2Denied" || error.reason === "Layer1Denied" ? "notAllowed" : error.reason === "EmailDomainBlocked" ? "blocked" : "failed";
    return signInPageUrl(deps, exposureKey, notice);
  }
  await startBrowserSession(deps, browser, {
    accountId,
    authenticationMethod: method,
    loginEmail: null,
    federationConnector: { id: connector.id, anchor: connector.anchor },
  });
  // The page finds the browser signed in through an accepted method and continues the inquiry (realize).
  return signInPageUrl(deps, exposureKey);
}
