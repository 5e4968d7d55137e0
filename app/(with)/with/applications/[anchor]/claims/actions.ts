"use server";
// Claims tab mutation: the claim policy, ADMIN+ only (checked in lib).
import { saveClaimPolicy } from "@/lib/developer/application-config/claims";
import { runApplicationAction } from "@/lib/developer/application-config/run-action";

export async function saveClaimPolicyAction(anchor: string, policy: unknown) {
  return runApplicationAction(async ({ deps, account }) => {
    if (typeof anchor !== "string") return { ok: false as const, error: "failed" as const };
    const result = await saveClaimPolicy(deps, account.id, anchor, policy);
    return result.ok ? result : { ok: false as const, error: "failed" as const };
  });
}
