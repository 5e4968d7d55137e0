// Sudomimus as an OIDC relying party of a federation connector's IdP
// (docs 23, 25): discovery, the authorization request (confidential client,
// PKCE S256, state, nonce) and the code exchange with ID-token validation.
// openid-client does the protocol work — signature against the IdP's JWKS,
// issuer, audience, expiry, nonce and state checks — so none of it is ours
// to get subtly wrong.
import * as oidc from "openid-client";
import { emailAddressSchema } from "../identity/email-address";
import type { Deps } from "../runtime";

const TIMEOUT_SECONDS = 10;
// A connector's metadata is fetched again after this long (IdPs rotate keys and endpoints rarely).
const DISCOVERY_TTL_MS = 10 * 60 * 1000;

export interface UpstreamClient {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** What an IdP vouched for, as the linking step needs it. */
export interface UpstreamIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  firstName: string | null;
  lastName: string | null;
}

export class UpstreamError extends Error {
  override name = "UpstreamError";
  constructor(
    readonly why: "unreachable" | "invalid" | "denied",
    message: string,
  ) {
    super(message);
  }
}

/**
 * Plain http only for an IdP on this machine (a developer's local IdP, the
 * test suite's); anything reachable over a network must be https.
 */
export function issuerAllowsHttp(issuer: URL): boolean {
  return ["localhost", "127.0.0.1", "[::1]"].includes(issuer.hostname);
}

export function parseIssuer(value: string): URL | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.username || url.password || url.search || url.hash) return null;
  if (url.protocol === "https:" || (url.protocol === "http:" && issuerAllowsHttp(url))) return url;
  return null;
}

const discovered = new Map<string, { config: oidc.Configuration; expiresAt: number }>();

/** The IdP's metadata and our client at it; fresh = bypass the cache (saving a connector validates live). */
export async function upstreamConfiguration(deps: Pick<Deps, "fetch">, client: UpstreamClient, options: { fresh?: boolean } = {}): Promise<oidc.Configuration> {
  const key = JSON.stringify([client.issuer, client.clientId, client.clientSecret]);
  const cached = discovered.get(key);
  if (!options.fresh && cached && cached.expiresAt > Date.now()) return cached.config;
  const issuer = parseIssuer(client.issuer);
  if (!issuer) throw new UpstreamError("invalid", "The issuer must be an https URL without query or fragment.");
  let config: oidc.Configuration;
  try {
    config = await oidc.discovery(issuer, client.clientId, undefined, oidc.ClientSecretBasic(client.clientSecret), {
      // deps.fetch (tests may watch upstream calls); its init type is the DOM's, openid-client's is a subset.
      [oidc.customFetch]: (url, init) => deps.fetch(url, init as RequestInit),
      timeout: TIMEOUT_SECONDS,
      execute: issuer.protocol === "http:" ? [oidc.allowInsecureRequests] : [],
    });
  } catch (error) {
    throw new UpstreamError("unreachable", `The issuer's discovery document could not be used: ${error instanceof Error ? error.message : String(error)}`);
  }
  const metadata = config.serverMetadata();
  if (!metadata.authorization_endpoint || !metadata.token_endpoint || !metadata.jwks_uri) {
    throw new UpstreamError("invalid", "The discovery document lacks an authorization, token or JWKS endpoint.");
  }
  const methods = metadata.code_challenge_methods_supported;
  if (methods && !methods.includes("S256")) throw new UpstreamError("invalid", "The IdP does not support PKCE with S256.");
  if (discovered.size > 500) discovered.clear();
  discovered.set(key, { config, expiresAt: Date.now() + DISCOVERY_TTL_MS });
  return config;
}

export interface AuthorizationRequest {
  url: string;
  codeVerifier: string;
  nonce: string;
}

export async function authorizationRequest(
  config: oidc.Configuration,
  /** `loginHint`: the address the user already typed (forced SSO), so the IdP need not ask again. */
  input: { redirectUri: string; scopes: readonly string[]; state: string; loginHint?: string | null },
): Promise<AuthorizationRequest> {
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: input.redirectUri,
    response_type: "code",
    scope: input.scopes.join(" "),
    state: input.state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    ...(input.loginHint ? { login_hint: input.loginHint } : {}),
  });
  return { url: url.toString(), codeVerifier, nonce };
}

const text = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim().slice(0, 200) : null);

/** Exchanges the code the browser brought back; the ID token's claims are the identity. */
export async function exchangeCode(
  config: oidc.Configuration,
  callbackUrl: URL,
  checks: { state: string; nonce: string; codeVerifier: string; redirectUri: string },
): Promise<UpstreamIdentity> {
  const error = callbackUrl.searchParams.get("error");
  if (error) throw new UpstreamError("denied", `The IdP answered ${error}.`);
  // The token request must name the redirect URI exactly as the authorization request did.
  const current = new URL(checks.redirectUri);
  current.search = callbackUrl.search;
  let claims: oidc.IDToken | undefined;
  try {
    const tokens = await oidc.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
  } catch (caught) {
    throw new UpstreamError("invalid", `The IdP's answer did not validate: ${caught instanceof Error ? caught.message : String(caught)}`);
  }
  if (!claims || typeof claims.sub !== "string" || !claims.sub) throw new UpstreamError("invalid", "The ID token has no subject.");
  // Only a well-formed address is an identity; anything else is as good as none.
  const parsedEmail = emailAddressSchema.safeParse(claims.email);
  const email = parsedEmail.success ? parsedEmail.data : null;
  return {
    subject: claims.sub,
    email,
    emailVerified: email !== null && claims.email_verified === true,
    firstName: text(claims.given_name),
    lastName: text(claims.family_name),
  };
}
