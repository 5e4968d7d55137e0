// Claim sharing: a claim reaches a token when the developer's policy requests
// it AND the user granted it (SYNTHETIC: always, with a placeholder when no
// real data is shared). Decisions are read live at every issue. REQUIRED
// claims gate non-interactive issue until granted and backed by data.
import { listClaimGrants } from "@/db/queries/identity";
import type { Executor } from "@/db/client";
import type { ClaimPolicy } from "../applications/claim-policy";
import { CLAIMS, WIRE_CLAIM, type Claim, type ClaimState, type Requirement } from "./claims-vocabulary";
import type { SyntheticIdentity } from "./synthetic";

export type ClaimStates = Record<Claim, ClaimState>;
export type ClaimsView = Record<Claim, { requirement: Requirement; state: ClaimState }>;

/** The real values a token could carry for this session (null when the account has none). */
export interface ClaimData {
  email: string | null;
  firstName: string | null;
  lastName: string | null;
}

/**
 * The user's standing decisions. With `decidedSince`, a decision made before
 * it reads as UNKNOWN — asked again (OIDC prompt=consent) — until re-decided.
 */
export async function loadClaimStates(db: Executor, accountId: string, applicationId: string, decidedSince: Date | null = null): Promise<ClaimStates> {
  const states: ClaimStates = { email: "UNKNOWN", firstName: "UNKNOWN", lastName: "UNKNOWN" };
  for (const grant of await listClaimGrants(db, accountId, applicationId)) {
    if (decidedSince && grant.decidedAt.getTime() < decidedSince.getTime()) continue;
    states[WIRE_CLAIM[grant.claim]] = grant.decision;
  }
  return states;
}

/** The `claims` block of redeem / refresh / direct-issue responses. */
export function claimsView(policy: ClaimPolicy, states: ClaimStates): ClaimsView {
  return {
    email: { requirement: policy.email, state: states.email },
    firstName: { requirement: policy.firstName, state: states.firstName },
    lastName: { requirement: policy.lastName, state: states.lastName },
  };
}

export type ClaimGateFailure = "ClaimConsentRequired" | "RequiredClaimDataMissing";

/**
 * Why a non-interactive issue must not mint (consent is owed before data), or
 * null when it may. Only claims the token can carry count (`scope`: the OIDC scope gate).
 */
export function claimGate(policy: ClaimPolicy, states: ClaimStates, data: ClaimData, scope: readonly Claim[] = CLAIMS): ClaimGateFailure | null {
  const required = CLAIMS.filter((claim) => policy[claim] === "REQUIRED" && scope.includes(claim));
  if (required.some((claim) => states[claim] !== "GRANTED")) return "ClaimConsentRequired";
  if (required.some((claim) => !data[claim])) return "RequiredClaimDataMissing";
  return null;
}

/** Claims an interactive login must still ask about: requested by policy and never decided. */
export function undecidedClaims(policy: ClaimPolicy, states: ClaimStates): Claim[] {
  return CLAIMS.filter((claim) => policy[claim] !== "OFF" && states[claim] === "UNKNOWN");
}

export interface TokenClaims {
  firstName?: string;
  lastName?: string;
  emailAddress?: string;
}

/** What the access token body carries beyond `subject` (`scope`: the OIDC scope gate). */
export function tokenClaims(
  policy: ClaimPolicy,
  states: ClaimStates,
  data: ClaimData,
  synthetic: () => SyntheticIdentity,
  scope: readonly Claim[] = CLAIMS,
): TokenClaims {
  const out: TokenClaims = {};
  const value = (claim: Claim): string | undefined => {
    const requirement = policy[claim];
    if (requirement === "OFF" || !scope.includes(claim)) return undefined;
    const real = states[claim] === "GRANTED" ? (data[claim] ?? undefined) : undefined;
    if (real !== undefined || requirement !== "SYNTHETIC") return real;
    return synthetic()[claim];
  };
  const email = value("email");
  const firstName = value("firstName");
  const lastName = value("lastName");
  if (firstName !== undefined) out.firstName = firstName;
  if (lastName !== undefined) out.lastName = lastName;
  if (email !== undefined) out.emailAddress = email;
  return out;
}

/** True when a SYNTHETIC email is a placeholder, not a verified address (OIDC: email_verified false). */
export function isSyntheticValue(policy: ClaimPolicy, states: ClaimStates, data: ClaimData, claim: Claim): boolean {
  return policy[claim] === "SYNTHETIC" && !(states[claim] === "GRANTED" && data[claim]);
}
