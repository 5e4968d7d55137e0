// X as an upstream OAuth 2.0 provider (docs 06, X_OAUTH): authorization
// code with PKCE, the confidential client authenticated with HTTP Basic at
// the token endpoint, scopes `users.read tweet.read` (both needed for
// `GET /2/users/me`, which answers `{ data: { id, name, username } }`).
// The v2 API exposes no email: the identity never carries one, so the
// account this registers has no verified email, and Layer 2 EMAIL rules fail closed for it.
import type { Config } from "../config";
import { UpstreamError, type UpstreamIdentity } from "../federation/upstream-oidc";
import type { Deps } from "../runtime";
import { getWithToken, type OAuth2Client } from "./oauth2";

export const X_SCOPES = ["users.read", "tweet.read"];

export function xClient(config: Config): OAuth2Client {
  const x = config.social.x;
  if (!x) throw new UpstreamError("unreachable", "X sign-in is not configured.");
  return { authorizeUrl: `${x.url}/i/oauth2/authorize`, tokenUrl: `${x.apiUrl}/2/oauth2/token`, clientId: x.clientId, clientSecret: x.clientSecret, tokenAuth: "basic" };
}

export async function xIdentity(deps: Pick<Deps, "fetch" | "config">, token: string): Promise<UpstreamIdentity> {
  const answer = await getWithToken(deps, `${deps.config.social.x!.apiUrl}/2/users/me`, token);
  const data = answer && typeof answer === "object" ? (answer as { data?: unknown }).data : undefined;
  const user = data && typeof data === "object" ? (data as Record<string, unknown>) : {};
  // The numeric id is stable; the @username can be changed by its owner, so it keys nothing.
  if (typeof user.id !== "string" || !/^\d{1,25}$/.test(user.id)) throw new UpstreamError("invalid", "X's /2/users/me has no id.");
  const name = typeof user.name === "string" && user.name.trim() ? user.name.trim().slice(0, 200) : null;
  return { subject: user.id, email: null, emailVerified: false, firstName: name, lastName: null };
}
