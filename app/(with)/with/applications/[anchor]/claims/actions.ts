"use server";
// Claims tab mutation: the claim policy, ADMIN+ only (checked in lib).
import { saveClaimPolicy } from "@/lib/developer/application-config/claims";
import { portalAction, refusal, UNEXPECTED } from "@/lib/portal/portal-action";

export async function saveClaimPolicyAction(anchor: string, policy: unknown) {
  return portalAction("claims.save", async ({ deps, account }) => {
    if (typeof anchor !== "string") return refusal(UNEXPECTED);
    const result = await saveClaimPolicy(deps, account.id, anchor, policy);
    // The form only offers valid choices: an invalid policy did not come from it.
    return result.ok ? result : refusal(UNEXPECTED);
  });
}
