// The developer's claim policy. A claim without a stored policy is OFF: an
// application requests nothing until someone opts in (no silent backfill).
import { z } from "zod";
import { upsertClaimPolicy } from "@/db/queries/applications";
import type { Executor } from "@/db/client";
import { CLAIMS, REQUIREMENTS, STORED_CLAIM, type Claim, type Requirement } from "../identity/claims-vocabulary";

export const claimPolicyInputSchema = z
  .object({ email: z.enum(REQUIREMENTS), firstName: z.enum(REQUIREMENTS), lastName: z.enum(REQUIREMENTS) })
  .partial()
  .strict();

export type ClaimPolicyInput = z.infer<typeof claimPolicyInputSchema>;

export async function writeClaimPolicies(db: Executor, applicationId: string, input: ClaimPolicyInput): Promise<void> {
  for (const claim of CLAIMS) {
    const requirement = input[claim];
    if (requirement) await upsertClaimPolicy(db, applicationId, STORED_CLAIM[claim], requirement);
  }
}

export type ClaimPolicy = Record<Claim, Requirement>;

export function claimPolicyFromRows(rows: ReadonlyArray<{ claim: "EMAIL" | "FIRST_NAME" | "LAST_NAME"; requirement: Requirement }>): ClaimPolicy {
  const policy: ClaimPolicy = { email: "OFF", firstName: "OFF", lastName: "OFF" };
  for (const claim of CLAIMS) {
    const row = rows.find((candidate) => candidate.claim === STORED_CLAIM[claim]);
    if (row) policy[claim] = row.requirement;
  }
  return policy;
}
