// Discord as an upstream OAuth 2.0 provider (docs 06, DISCORD_OAUTH): no ID
// token; scopes `identify email`; the identity is `GET /users/@me` — the
// snowflake id, the display name, and the email, which counts as verified
// only when Discord returns a non-empty `email` and `verified: true`.
import type { Config } from "../config";
import { UpstreamError, type UpstreamIdentity } from "../federation/upstream-oidc";
import { emailAddressSchema } from "../identity/email-address";
import type { Deps } from "../runtime";
import { getWithToken, type OAuth2Client } from "./oauth2";

export const DISCORD_SCOPES = ["identify", "email"];

export function discordClient(config: Config): OAuth2Client {
  const discord = config.social.discord;
  if (!discord) throw new UpstreamError("unreachable", "Discord sign-in is not configured.");
  return { authorizeUrl: `${discord.url}/oauth2/authorize`, tokenUrl: `${discord.apiUrl}/oauth2/token`, clientId: discord.clientId, clientSecret: discord.clientSecret };
}

export async function discordIdentity(deps: Pick<Deps, "fetch" | "config">, token: string): Promise<UpstreamIdentity> {
  const me = await getWithToken(deps, `${deps.config.social.discord!.apiUrl}/users/@me`, token);
  const user = me && typeof me === "object" ? (me as Record<string, unknown>) : {};
  if (typeof user.id !== "string" || !/^\d{1,25}$/.test(user.id)) throw new UpstreamError("invalid", "Discord's /users/@me has no id.");
  const parsed = user.verified === true ? emailAddressSchema.safeParse(user.email) : null;
  const email = parsed?.success ? parsed.data : null;
  const name = typeof user.global_name === "string" && user.global_name.trim() ? user.global_name.trim().slice(0, 200) : null;
  return { subject: user.id, email, emailVerified: email !== null, firstName: name, lastName: null };
}
