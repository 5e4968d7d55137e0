"use server";
// Data sharing mutation: revoke what one application may read.
import { revokeSharing } from "@/lib/account/data-sharing";
import { portalAction, type ActionResult } from "@/lib/portal/portal-action";

export async function revokeSharingAction(input: { application: string }): Promise<ActionResult<{ revoked: number }>> {
  const application = typeof input?.application === "string" ? input.application.slice(0, 100) : "";
  return portalAction("sharing.revoke", async ({ deps, account }) => ({ revoked: await revokeSharing(deps, account.id, application) }));
}
