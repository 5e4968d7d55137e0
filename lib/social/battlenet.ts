// Battle.net as an upstream OAuth 2.0 provider (docs 06, BATTLENET_OAUTH):
// OIDC-shaped, but only the authorization code and `/userinfo` are used —
// scope `openid`, the answer `{ sub, id, battletag }`. Battle.net knows no
// email it would share, so the identity never carries one: the account
// this registers has no verified email, and Layer 2 EMAIL rules fail closed for it.
import type { Config } from "../config";
import { UpstreamError, type UpstreamIdentity } from "../federation/upstream-oidc";
import type { Deps } from "../runtime";
import { getWithToken, type OAuth2Client } from "./oauth2";

export const BATTLENET_SCOPES = ["openid"];

export function battleNetClient(config: Config): OAuth2Client {
  const battlenet = config.social.battlenet;
  if (!battlenet) throw new UpstreamError("unreachable", "Battle.net sign-in is not configured.");
  // Battle.net documents its token endpoint with HTTP Basic client credentials.
  return { authorizeUrl: `${battlenet.url}/authorize`, tokenUrl: `${battlenet.url}/token`, clientId: battlenet.clientId, clientSecret: battlenet.clientSecret, tokenAuth: "basic" };
}

/**
 * "Name#1234" → "Name". The number only tells apart players who chose the
 * same name; as a greeting the name alone reads right. It is a display name,
 * never an identifier (the subject is Battle.net's account id).
 */
export function battleTagName(battletag: unknown): string | null {
  if (typeof battletag !== "string") return null;
  const name = battletag.replace(/#\d+$/, "").trim().slice(0, 200);
  return name || null;
}

export async function battleNetIdentity(deps: Pick<Deps, "fetch" | "config">, token: string): Promise<UpstreamIdentity> {
  const info = await getWithToken(deps, `${deps.config.social.battlenet!.url}/userinfo`, token);
  const user = info && typeof info === "object" ? (info as Record<string, unknown>) : {};
  // `sub` is the account id as a string; `id` the same number. Either names the account.
  const subject = typeof user.sub === "string" ? user.sub : typeof user.id === "number" ? String(user.id) : null;
  if (!subject || !/^\d{1,20}$/.test(subject)) throw new UpstreamError("invalid", "Battle.net's /userinfo has no account id.");
  return { subject, email: null, emailVerified: false, firstName: battleTagName(user.battletag), lastName: null };
}
