// "Sign in with Steam" as a consumer provider's two protocol steps (docs 06
// STEAM_OPENID). OpenID 2.0 has no `state` parameter, so the round trip's
// state rides in return_to, which Steam echoes back and which the assertion
// must name exactly. The identity is the SteamID64 — no email, no names.
import { UpstreamError } from "../federation/upstream-oidc";
import { steamOpenIdRedirect, verifySteamOpenIdAssertion } from "../methods/steam-openid";
import type { Deps } from "../runtime";
import type { SocialIdentity } from "./provider-flows";

type SteamDeps = Pick<Deps, "config" | "fetch" | "clock">;

const returnTo = (redirectUri: string, state: string) => `${redirectUri}?state=${state}`;

export function steamAuthorizationRequest(deps: Pick<Deps, "config">, input: { redirectUri: string; state: string }) {
  // No PKCE in OpenID 2.0: the verifier is empty; the state alone binds the answer to this browser.
  return { url: steamOpenIdRedirect(deps.config, returnTo(input.redirectUri, input.state)), codeVerifier: "", nonce: null };
}

/** Verifies the assertion keylessly with Steam; its failures speak the upstream vocabulary (cancel at Steam = denied). */
export async function steamIdentity(deps: SteamDeps, callbackUrl: URL, checks: { state: string; redirectUri: string }): Promise<SocialIdentity> {
  const result = await verifySteamOpenIdAssertion(deps, callbackUrl.searchParams, returnTo(checks.redirectUri, checks.state));
  if (!result.ok) {
    const why = result.why === "cancelled" ? "denied" : result.why === "unavailable" ? "unreachable" : "invalid";
    throw new UpstreamError(why, `Steam OpenID: ${result.why}`);
  }
  return { subject: result.steamId64, email: null, emailVerified: false, firstName: null, lastName: null, steamId64: result.steamId64 };
}
