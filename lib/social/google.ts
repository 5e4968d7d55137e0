// Google as an upstream OIDC provider (docs 06, GOOGLE_OAUTH): the same
// relying-party machinery as a federation connector (discovery, PKCE S256,
// state, nonce, ID-token validation) against the operator's Google client.
// The email counts only when Google says `email_verified: true`.
import type { Config } from "../config";
import { authorizationRequest, exchangeCode, upstreamConfiguration, UpstreamError, type AuthorizationRequest, type UpstreamIdentity } from "../federation/upstream-oidc";
import type { Deps } from "../runtime";

const SCOPES = ["openid", "email", "profile"];

function googleClient(config: Config) {
  if (!config.social.google) throw new UpstreamError("unreachable", "Google sign-in is not configured.");
  return config.social.google;
}

export async function googleAuthorizationRequest(deps: Pick<Deps, "fetch" | "config">, input: { redirectUri: string; state: string }): Promise<AuthorizationRequest> {
  const configuration = await upstreamConfiguration(deps, googleClient(deps.config));
  return authorizationRequest(configuration, { redirectUri: input.redirectUri, scopes: SCOPES, state: input.state });
}

export async function googleIdentity(
  deps: Pick<Deps, "fetch" | "config">,
  callbackUrl: URL,
  checks: { state: string; nonce: string; codeVerifier: string; redirectUri: string },
): Promise<UpstreamIdentity> {
  const configuration = await upstreamConfiguration(deps, googleClient(deps.config));
  return exchangeCode(configuration, callbackUrl, checks);
}
