// The three shareable claims, by their wire names and their stored names.
export const CLAIMS = ["email", "firstName", "lastName"] as const;
export type Claim = (typeof CLAIMS)[number];

export const REQUIREMENTS = ["OFF", "OPTIONAL", "REQUIRED", "SYNTHETIC"] as const;
export type Requirement = (typeof REQUIREMENTS)[number];

export const CLAIM_STATES = ["UNKNOWN", "GRANTED", "DENIED"] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];

export type StoredClaim = "EMAIL" | "FIRST_NAME" | "LAST_NAME";

export const STORED_CLAIM: Record<Claim, StoredClaim> = { email: "EMAIL", firstName: "FIRST_NAME", lastName: "LAST_NAME" };
export const WIRE_CLAIM: Record<StoredClaim, Claim> = { EMAIL: "email", FIRST_NAME: "firstName", LAST_NAME: "lastName" };
