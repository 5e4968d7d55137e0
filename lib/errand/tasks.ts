// What an errand asks of the user (docs 31): decisions owed on claims and
// real data the account must get. Computed from the application's claim
// policy, the user's standing decisions and the account's data — the same
// three inputs as the claim gate, so "owed" here and "blocked" there agree.
import type { ClaimPolicy } from "../applications/claim-policy";
import type { ClaimData, ClaimStates } from "../identity/claims";
import { CLAIMS, type Claim } from "../identity/claims-vocabulary";

export type ErrandOrigin = "claim-gate" | "requested";

export interface ErrandTasks {
  /** A claim-gate 403, or POST /errand on the application's own initiative. */
  origin: ErrandOrigin;
  /** Claims whose decision is owed: REQUIRED ones must end up granted. */
  consent: Claim[];
  /** Claims whose real value the account lacks: writing them needs sign-in first. */
  data: Claim[];
}

const required = (policy: ClaimPolicy) => CLAIMS.filter((claim) => policy[claim] === "REQUIRED");
const requested = (policy: ClaimPolicy) => CLAIMS.filter((claim) => policy[claim] !== "OFF");

/**
 * The claim gate's errand: only REQUIRED claims create work (optional and
 * synthetic claims never raise an errand). Empty when the gate passes.
 */
export function gateTasks(policy: ClaimPolicy, states: ClaimStates, data: ClaimData): ErrandTasks {
  return {
    origin: "claim-gate",
    consent: required(policy).filter((claim) => states[claim] !== "GRANTED"),
    data: required(policy).filter((claim) => !data[claim]),
  };
}

/**
 * An errand the application asked for: everything the user could still
 * settle — the gate's work, claims never decided, and granted claims with
 * no real value behind them (a Steam-only user adding the email they chose
 * to share). Declined optional claims are not asked about again.
 */
export function requestedTasks(policy: ClaimPolicy, states: ClaimStates, data: ClaimData): ErrandTasks {
  const gate = gateTasks(policy, states, data);
  return {
    origin: "requested",
    consent: CLAIMS.filter((claim) => gate.consent.includes(claim) || (requested(policy).includes(claim) && states[claim] === "UNKNOWN")),
    data: CLAIMS.filter((claim) => gate.data.includes(claim) || (requested(policy).includes(claim) && states[claim] === "GRANTED" && !data[claim])),
  };
}

export function tasksFor(origin: ErrandOrigin, policy: ClaimPolicy, states: ClaimStates, data: ClaimData): ErrandTasks {
  return origin === "claim-gate" ? gateTasks(policy, states, data) : requestedTasks(policy, states, data);
}

export function hasWork(tasks: ErrandTasks): boolean {
  return tasks.consent.length > 0 || tasks.data.length > 0;
}

/**
 * Whether a live errand minted for `minted` still covers the work owed now:
 * the same kind of errand and nothing owed beyond what it was minted for.
 * Less owed is progress the user made on that very errand's page (granted a
 * claim, added a name), so a retry re-hands it rather than retiring the page
 * the user is on (docs 31: retries must not split the user's progress).
 */
export function coversWork(minted: ErrandTasks, owed: ErrandTasks): boolean {
  const within = (now: readonly Claim[], then: readonly Claim[]) => now.every((claim) => then.includes(claim));
  return minted.origin === owed.origin && within(owed.consent, minted.consent) && within(owed.data, minted.data);
}

/** The canonical fingerprint of the owed work (stored with the errand; equal fingerprints, equal work). */
export function scopeKey(tasks: ErrandTasks): string {
  const list = (claims: readonly Claim[]) => CLAIMS.filter((claim) => claims.includes(claim)).join(",");
  return `${tasks.origin};consent=${list(tasks.consent)};data=${list(tasks.data)}`;
}

/** Reads stored tasks back defensively (the column is jsonb). */
export function parseStoredTasks(value: Record<string, unknown>): ErrandTasks {
  const claims = (list: unknown): Claim[] => (Array.isArray(list) ? CLAIMS.filter((claim) => list.includes(claim)) : []);
  return { origin: value.origin === "requested" ? "requested" : "claim-gate", consent: claims(value.consent), data: claims(value.data) };
}
