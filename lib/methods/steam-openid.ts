// "Sign in with Steam" (docs 06 STEAM_OPENID): Steam's OpenID 2.0 provider,
// verified keylessly with `openid.mode=check_authentication` — no client id,
// secret or Web API key. The result is a SteamID64, which resolves to the
// same STEAM_ID64 identity the in-game ticket uses (lib/identity/steam-identity.ts).
//
// OpenID 2.0 §11: the assertion's return_to must be the URL we asked Steam to
// come back to, the op_endpoint must be Steam's, the claimed id must be a
// Steam identity URL, the security-relevant fields must be signed, and Steam
// itself must confirm the signature. Replay is stopped by the caller's
// single-use state in return_to.
import type { Deps } from "../runtime";
import { STEAM_ID64_PATTERN } from "../identity/steam-identity";

export const OPENID_NS = "http://specs.openid.net/auth/2.0";
const IDENTIFIER_SELECT = "http://specs.openid.net/auth/2.0/identifier_select";
const MUST_BE_SIGNED = ["op_endpoint", "claimed_id", "identity", "return_to", "response_nonce", "assoc_handle"];
const NONCE_MAX_AGE_SECONDS = 10 * 60;
const CHECK_TIMEOUT_MS = 10_000;

/** Where to send the browser: Steam's login page, coming back to `returnTo`. */
export function steamOpenIdRedirect(config: Pick<Deps["config"], "steam" | "publicUrl">, returnTo: string): string {
  const url = new URL(config.steam.openIdUrl);
  url.search = new URLSearchParams({
    "openid.ns": OPENID_NS,
    "openid.mode": "checkid_setup",
    "openid.return_to": returnTo,
    "openid.realm": `${new URL(config.publicUrl).origin}/`,
    "openid.identity": IDENTIFIER_SELECT,
    "openid.claimed_id": IDENTIFIER_SELECT,
  }).toString();
  return url.toString();
}

/** Steam identity URLs live next to the login endpoint: https://steamcommunity.com/openid/id/<SteamID64>. */
function claimedIdPrefix(openIdUrl: string): string {
  return new URL("id/", openIdUrl).toString();
}

export type SteamOpenIdResult = { ok: true; steamId64: string } | { ok: false; why: "cancelled" | "invalid" | "unavailable" };

/**
 * Verifies the assertion the browser brought back. `received` are the query
 * parameters of the return request; `expectedReturnTo` is exactly the
 * return_to this server sent.
 */
export async function verifySteamOpenIdAssertion(
  deps: Pick<Deps, "config" | "fetch" | "clock">,
  received: URLSearchParams,
  expectedReturnTo: string,
): Promise<SteamOpenIdResult> {
  const field = (name: string) => received.get(`openid.${name}`);
  if (field("mode") === "cancel") return { ok: false, why: "cancelled" };
  if (field("ns") !== OPENID_NS || field("mode") !== "id_res") return { ok: false, why: "invalid" };
  if (field("op_endpoint") !== deps.config.steam.openIdUrl) return { ok: false, why: "invalid" };
  if (field("return_to") !== expectedReturnTo) return { ok: false, why: "invalid" };
  const claimedId = field("claimed_id") ?? "";
  const prefix = claimedIdPrefix(deps.config.steam.openIdUrl);
  const steamId64 = claimedId.startsWith(prefix) ? claimedId.slice(prefix.length) : "";
  if (!STEAM_ID64_PATTERN.test(steamId64) || field("identity") !== claimedId) return { ok: false, why: "invalid" };
  const signed = (field("signed") ?? "").split(",");
  if (!MUST_BE_SIGNED.every((name) => signed.includes(name)) || !field("sig")) return { ok: false, why: "invalid" };
  if (!nonceIsFresh(field("response_nonce") ?? "", deps.clock.now())) return { ok: false, why: "invalid" };

  // Only Steam can say whether it signed this: ask it (stateless "dumb mode" verification).
  const check = new URLSearchParams();
  for (const [name, value] of received) if (name.startsWith("openid.")) check.set(name, value);
  check.set("openid.mode", "check_authentication");
  let text: string;
  try {
    const response = await deps.fetch(deps.config.steam.openIdUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/plain" },
      body: check.toString(),
      redirect: "error",
      signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
    });
    if (!response.ok) return { ok: false, why: "unavailable" };
    text = await response.text();
  } catch {
    return { ok: false, why: "unavailable" };
  }
  const answer = new Map(
    text
      .split("\n")
      .map((line) => line.split(":"))
      .filter((parts) => parts.length >= 2)
      .map(([key, ...rest]) => [key!.trim(), rest.join(":").trim()]),
  );
  return answer.get("is_valid") === "true" ? { ok: true, steamId64 } : { ok: false, why: "invalid" };
}

/** `2024-05-01T12:00:00Z` + unique suffix; a stale or future-dated assertion is refused. */
function nonceIsFresh(nonce: string, now: Date): boolean {
  const stamp = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)/.exec(nonce)?.[1];
  if (!stamp) return false;
  const age = (now.getTime() - Date.parse(stamp)) / 1000;
  return age <= NONCE_MAX_AGE_SECONDS && age >= -NONCE_MAX_AGE_SECONDS;
}
