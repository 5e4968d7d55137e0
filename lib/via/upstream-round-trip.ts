// The state of an upstream sign-in round trip (federation connectors,
// consumer providers): one row per start in upstream_auth_states, keyed by a
// hash of the `state` the provider echoes back, single use, bound to the
// browser that started it (no login CSRF). The PKCE verifier and the way back
// to the sign-in page are sealed; only the hash of the state is stored.
import { insertUpstreamAuthState, takeUpstreamAuthState } from "@/db/queries/upstream-auth";
import { addSeconds } from "../clock";
import { randomHex } from "../crypto/random-key";
import { secretHash } from "../crypto/secret-hash";
import { seal, unseal } from "../crypto/seal";
import type { Deps } from "../runtime";
import type { Browser } from "./browser";

const STATE_TTL_SECONDS = 10 * 60;

type RoundTripDeps = Pick<Deps, "db" | "keyring" | "clock">;

const hashState = (deps: Pick<Deps, "keyring">, state: string) => secretHash(deps.keyring, "upstream-state", state);
const stateAad = (stateHash: string, what: string) => `upstream_auth_states.${what}:${stateHash}`;

/** A fresh `state` for the authorization request. */
export const newRoundTripState = () => randomHex(32);

export interface RoundTrip {
  /** Which button started it ("enterprise-federation", "google", …). */
  provider: string;
  connectorId: string | null;
  inquiryId: string;
  exposureKey: string;
  codeVerifier: string;
  nonce: string | null;
}

export async function saveRoundTrip(deps: RoundTripDeps, browser: Pick<Browser, "binding">, state: string, trip: RoundTrip): Promise<void> {
  const now = deps.clock.now();
  const stateHash = hashState(deps, state);
  await insertUpstreamAuthState(deps.db, {
    stateHash,
    provider: trip.provider,
    connectorId: trip.connectorId,
    browserBinding: browser.binding,
    inquiryId: trip.inquiryId,
    codeVerifierSealed: seal(deps.keyring, trip.codeVerifier, stateAad(stateHash, "code_verifier")),
    nonce: trip.nonce,
    // Only hashes of inquiry keys are stored; the way back to the page is sealed.
    returnTo: seal(deps.keyring, trip.exposureKey, stateAad(stateHash, "return_to")),
    expiresAt: addSeconds(now, STATE_TTL_SECONDS),
    createdAt: now,
  });
}

/** The round trip the callback's `state` names, taken once by the browser that started it; null if none. */
export async function takeRoundTrip(deps: RoundTripDeps, browser: Pick<Browser, "binding">, callbackUrl: URL): Promise<(RoundTrip & { state: string }) | null> {
  const state = callbackUrl.searchParams.get("state") ?? "";
  if (!/^[0-9a-f]{64}$/.test(state)) return null;
  const stateHash = hashState(deps, state);
  const taken = await takeUpstreamAuthState(deps.db, stateHash, browser.binding, deps.clock.now());
  if (!taken || !taken.returnTo || !taken.codeVerifierSealed || !taken.inquiryId) return null;
  return {
    state,
    provider: taken.provider,
    connectorId: taken.connectorId,
    inquiryId: taken.inquiryId,
    exposureKey: unseal(deps.keyring, taken.returnTo, stateAad(stateHash, "return_to")),
    codeVerifier: unseal(deps.keyring, taken.codeVerifierSealed, stateAad(stateHash, "code_verifier")),
    nonce: taken.nonce,
  };
}
