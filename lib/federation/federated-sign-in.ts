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
import { fail, isSudomimusError } from "../errors";
import { checkAuthenticationMethod, checkRealize } from "../rules";
import type { Deps } from "../runtime";
import type { Browser } from "../via/browser";
import { startBrowserSession } from "../via/browser-session";
import { pendingInquiry } from "../via/pending-inquiry";
import { linkFederatedIdentity } from "./account-link";
import { clientSecretAad } from "./connectors";
import { authorizationRequest, exchangeCode, upstreamConfiguration, UpstreamError } from "./upstream-oidc";
import { FEDERATION_CALLBACK_PATH, FEDERATION_METHOD, type FederationNotice } from "./vocabulary";

const STATE_TTL_SECONDS = 10 * 60;
const PROVIDER = "enterprise-federation";


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

/** Where to send the browser to sign in through the connector; the attempt is authorized by Layer 1 first. */
export async function startFederatedSignIn(deps: FederationDeps, browser: Browser, input: { exposureKey: string; connectorAnchor: string }): Promise<string> {
  const { inquiry, context } = await pendingInquiry(deps, input.exposureKey);
  const attempt = { method: FEDERATION_METHOD, connectorAnchor: input.connectorAnchor } as const;
  const connector = await findConnectorForSignIn(deps.db, input.connectorAnchor);
  // Rules may only name the application's own organization's connectors; checked at save and again here.
  if (
    !checkAuthenticationMethod(context.rules.authentication, inquiry.authenticationConstraints, attempt).allowed ||
    !connector ||
    connector.organizationId !== context.application.organizationId
  ) {
    fail("Layer1Denied", { message: "This sign-in method is not allowed for this application." });
  }
  let request;
  const state = randomHex(32);
  try {
    const config = await upstreamConfiguration(deps, upstreamClient(deps, connector));
    request = await authorizationRequest(config, { redirectUri: federationCallbackUri(deps), scopes: connector.scopes, state });
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    return signInPageUrl(deps, input.exposureKey, "unavailable");
  }
  const now = deps.clock.now();
  const stateHash = hashState(deps, state);
  await insertUpstreamAuthState(deps.db, {
    stateHash,
    provider: PROVIDER,
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
  if (!stateHash || !taken || taken.provider !== PROVIDER || !taken.connectorId || !taken.returnTo || !taken.codeVerifierSealed || !taken.nonce) {
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
    await checkLoginPolicy(deps.db, emails, connector.id);
  };
  let accountId: string;
  try {
    ({ accountId } = await linkFederatedIdentity(deps, connector.id, identity, mayRegister));
  } catch (error) {
    if (!isSudomimusError(error)) throw error;
    const notice: FederationNotice = error.reason === "Layer2Denied" ? "notAllowed" : error.reason === "EmailDomainBlocked" ? "blocked" : "failed";
    return signInPageUrl(deps, exposureKey, notice);
  }
  await startBrowserSession(deps, browser, {
    accountId,
    authenticationMethod: FEDERATION_METHOD,
    loginEmail: null,
    federationConnector: { id: connector.id, anchor: connector.anchor },
  });
  // The page finds the browser signed in through an accepted method and continues the inquiry (realize).
  return signInPageUrl(deps, exposureKey);
}
