// The plain OAuth 2.0 providers (GitHub, Discord, Battle.net, X: no ID token used): the
// authorization request (code, state, PKCE S256), the code exchange at the
// token endpoint, and their REST calls with the token — through deps.fetch,
// with a timeout, every answer checked before use.
import * as oidc from "openid-client";
import { UpstreamError } from "../federation/upstream-oidc";
import type { Deps } from "../runtime";

const TIMEOUT_MS = 10_000;

export interface OAuth2Client {
  authorizeUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /**
   * How the client authenticates at the token endpoint (RFC 6749 §2.3.1):
   * "post" puts id and secret in the form (GitHub, Discord); "basic" sends
   * them as HTTP Basic, which X requires of confidential clients.
   */
  tokenAuth?: "post" | "basic";
}

/** RFC 6749 §2.3.1: id and secret are form-encoded before they are joined and base64-encoded. */
const basicCredentials = (client: OAuth2Client) =>
  `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString("base64")}`;

export function oauth2AuthorizationRequest(client: OAuth2Client, input: { redirectUri: string; scopes: readonly string[]; state: string; codeChallenge: string }): string {
  const url = new URL(client.authorizeUrl);
  url.search = new URLSearchParams({
    client_id: client.clientId,
    redirect_uri: input.redirectUri,
    response_type: "code",
    scope: input.scopes.join(" "),
    state: input.state,
    code_challenge: input.codeChallenge,
    code_challenge_method: "S256",
  }).toString();
  return url.toString();
}

export const newCodeVerifier = () => oidc.randomPKCECodeVerifier();
export const codeChallengeOf = (verifier: string) => oidc.calculatePKCECodeChallenge(verifier);

async function call(deps: Pick<Deps, "fetch">, url: string, init: RequestInit): Promise<unknown> {
  let response: Response;
  try {
    response = await deps.fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    throw new UpstreamError("unreachable", `${url} could not be reached: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!response.ok) throw new UpstreamError("invalid", `${url} answered HTTP ${response.status}.`);
  try {
    return await response.json();
  } catch {
    throw new UpstreamError("invalid", `${url} did not answer JSON.`);
  }
}

/** The code the browser brought back, exchanged for an access token (a provider's refusal in the callback is "denied"). */
export async function exchangeOAuth2Code(
  deps: Pick<Deps, "fetch">,
  client: OAuth2Client,
  callbackUrl: URL,
  checks: { codeVerifier: string; redirectUri: string },
): Promise<string> {
  const error = callbackUrl.searchParams.get("error");
  if (error) throw new UpstreamError("denied", `The provider answered ${error}.`);
  const code = callbackUrl.searchParams.get("code");
  if (!code) throw new UpstreamError("invalid", "The callback carries no code.");
  const basic = client.tokenAuth === "basic";
  const answer = await call(deps, client.tokenUrl, {
    method: "POST",
    headers: { accept: "application/json", "content-type": "application/x-www-form-urlencoded", ...(basic ? { authorization: basicCredentials(client) } : {}) },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: checks.redirectUri,
      code_verifier: checks.codeVerifier,
      // With Basic the secret stays out of the form: a client uses one method only (RFC 6749 §2.3).
      ...(basic ? {} : { client_id: client.clientId, client_secret: client.clientSecret }),
    }),
  });
  const token = (answer as { access_token?: unknown } | null)?.access_token;
  if (typeof token !== "string" || !token) throw new UpstreamError("invalid", "The token endpoint issued no access token.");
  return token;
}

/** A GET of the provider's REST API with the user's token. */
export function getWithToken(deps: Pick<Deps, "fetch">, url: string, token: string, headers: Record<string, string> = {}): Promise<unknown> {
  return call(deps, url, { headers: { authorization: `Bearer ${token}`, accept: "application/json", ...headers } });
}
