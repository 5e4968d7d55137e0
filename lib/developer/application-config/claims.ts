// The claim-policy tab: read the policy, and write it (ADMIN+) in one transaction.
import { listClaimPolicies } from "@/db/queries/applications";
import { claimPolicyFromRows, claimPolicyInputSchema, writeClaimPolicies, type ClaimPolicy } from "@/lib/applications/claim-policy";
import type { Deps } from "@/lib/runtime";
import { applicationFor } from "../access";

export async function loadClaimPolicy(db: Deps["db"], applicationId: string): Promise<ClaimPolicy> {
  return claimPolicyFromRows(await listClaimPolicies(db, applicationId));
}

export type SaveClaimPolicyResult = { ok: true } | { ok: false; error: "invalid" };

export async function saveClaimPolicy(deps: Pick<Deps, "db">, accountId: string, anchor: string, input: unknown): Promise<SaveClaimPolicyResult> {
  const { application } = await applicationFor(deps.db, accountId, anchor, "editApplications");
  const parsed = claimPolicyInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid" };
  await deps.db.transaction(async (tx) => {
    await applicationFor(tx, accountId, anchor, "editApplications");
    await writeClaimPolicies(tx, application.id, parsed.data);
  });
  return { ok: true };
}
