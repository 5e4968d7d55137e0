// What a consent form submits — shared by the sign-in consent step and the
// errand review: the typed-in missing names (each required, trimmed; the
// first empty one is where focus goes) and one decision per asked claim
// (REQUIRED claims are granted by continuing; the others by their checkbox).
import type { Claim, Requirement } from "@/lib/identity/claims-vocabulary";

export type NameClaim = "firstName" | "lastName";

export interface ConsentAnswers {
  /** Per missing name, the message to show next to its field; empty when all were given. */
  nameErrors: Partial<Record<NameClaim, string>>;
  firstInvalid: NameClaim | undefined;
  profile: Partial<Record<NameClaim, string>> | undefined;
  decisions: Partial<Record<Claim, boolean>>;
}

export function consentAnswers(input: {
  missingNames: readonly NameClaim[];
  names: Record<NameClaim, string>;
  ask: readonly Claim[];
  requirementOf: (claim: Claim) => Requirement;
  checked: Partial<Record<Claim, boolean>>;
  missingError: (claim: NameClaim) => string;
}): ConsentAnswers {
  const nameErrors: Partial<Record<NameClaim, string>> = {};
  const profile: Partial<Record<NameClaim, string>> = {};
  for (const claim of input.missingNames) {
    const value = input.names[claim].trim();
    if (!value) nameErrors[claim] = input.missingError(claim);
    else profile[claim] = value;
  }
  const decisions: Partial<Record<Claim, boolean>> = {};
  for (const claim of input.ask) decisions[claim] = input.requirementOf(claim) === "REQUIRED" || input.checked[claim] === true;
  return {
    nameErrors,
    firstInvalid: Object.keys(nameErrors)[0] as NameClaim | undefined,
    profile: Object.keys(profile).length ? profile : undefined,
    decisions,
  };
}
