// "Sign in with Steam" on the errand page: the way a Steam-first account —
// no email, no passkey — proves it is the errand's account before identity
// data is written to it. The round trip's state is single use and bound to
// the browser (no login CSRF); the SteamID64 Steam vouches for must be the
// errand account's STEAM_ID64 identity, or nobody is signed in.
import { findErrandById } from "@/db/queries/errands";
import { findAuthentication, listAuthentications, updateAuthenticationUse } from "@/db/queries/identity";
import { insertUpstreamAuthState, takeUpstreamAuthState } from "@/db/queries/upstream-auth";
import { addSeconds } from "../clock";
import { randomHex } from "../crypto/random-key";
import { secretHash } from "../crypto/secret-hash";
import { fail } from "../errors";
import { steamOpenIdRedirect, verifySteamOpenIdAssertion } from "../methods/steam-openid";
import type { Deps } from "../runtime";
import type { Browser } from "../via/browser";
import { startBrowserSession } from "../via/browser-session";
import { browserRedirectRoute } from "../via/redirect-route";
import { errandKeyOf } from "./errand";
import { requireLiveErrand } from "./errand-view";

const STATE_TTL_SECONDS = 10 * 60;
const RETURN_PATH = "/via/errand/steam/return";

type SteamDeps = Pick<Deps, "db" | "keyring" | "clock" | "config" | "fetch">;

const hashState = (deps: Pick<Deps, "keyring">, state: string) => secretHash(deps.keyring, "upstream-state", state);
const returnUrl = (deps: Pick<Deps, "config">, state: string) => `${deps.config.publicUrl}${RETURN_PATH}?state=${state}`;

export function errandPageUrl(deps: Pick<Deps, "config">, key: string, notice?: string): string {
  return `${deps.config.publicUrl}/via/errand?key=${key}${notice ? `&steam=${notice}` : ""}`;
}

/** Where to send the browser to sign in with Steam for this errand. */
export async function startErrandSteamSignIn(deps: SteamDeps, browser: Browser, key: string): Promise<string> {
  const live = await requireLiveErrand(deps, key);
  if (!live.needsSignIn) fail("Forbidden", { message: "This request needs no sign-in." });
  const steam = await listAuthentications(deps.db, live.errand.accountId, "STEAM_ID64");
  if (steam.length === 0) fail("Forbidden", { message: "This account has no Steam identity." });
  const state = randomHex(32);
  const now = deps.clock.now();
  await insertUpstreamAuthState(deps.db, {
    stateHash: hashState(deps, state),
    provider: "steam-openid",
    browserBinding: browser.binding,
    returnTo: `errand:${live.errand.id}`,
    expiresAt: addSeconds(now, STATE_TTL_SECONDS),
    createdAt: now,
  });
  return steamOpenIdRedirect(deps.config, returnUrl(deps, state));
}

/** Checks what Steam sent back; signs the browser in as the errand's account when it is theirs. Returns where to go next. */
export async function finishErrandSteamSignIn(deps: SteamDeps, browser: Browser, received: URLSearchParams): Promise<string> {
  const state = received.get("state") ?? "";
  const now = deps.clock.now();
  const taken = /^[0-9a-f]{64}$/.test(state) ? await takeUpstreamAuthState(deps.db, hashState(deps, state), browser.binding, now) : null;
  const errandId = taken?.provider === "steam-openid" && taken.returnTo?.startsWith("errand:") ? taken.returnTo.slice("errand:".length) : null;
  const errand = errandId ? await findErrandById(deps.db, errandId) : null;
  // No round trip of this browser (or its errand is gone): the page says the errand is over.
  if (!errand) return `${deps.config.publicUrl}/via/errand`;
  const key = errandKeyOf(deps, errand);

  const result = await verifySteamOpenIdAssertion(deps, received, returnUrl(deps, state));
  if (!result.ok) return errandPageUrl(deps, key, result.why);
  const identity = await findAuthentication(deps.db, "STEAM_ID64", result.steamId64);
  if (!identity || identity.accountId !== errand.accountId) return errandPageUrl(deps, key, "mismatch");
  await updateAuthenticationUse(deps.db, "STEAM_ID64", result.steamId64, now);
  await startBrowserSession(deps, browser, { accountId: errand.accountId, authenticationMethod: "STEAM_OPENID", loginEmail: null });
  return errandPageUrl(deps, key);
}

/** The two browser navigations of the round trip. An errand that is over, or needs no Steam sign-in: the page shows what is true. */
export function errandSteamRoute(step: "start" | "return") {
  return browserRedirectRoute(
    (deps, browser, url) =>
      step === "start" ? startErrandSteamSignIn(deps, browser, url.searchParams.get("key") ?? "") : finishErrandSteamSignIn(deps, browser, url.searchParams),
    (deps, url) => `${deps.config.publicUrl}/via/errand?key=${encodeURIComponent(url.searchParams.get("key") ?? "")}`,
  );
}
