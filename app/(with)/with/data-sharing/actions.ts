"use server";
// Data sharing mutation: revoke what one application may read.
import { runAccountAction, type ActionResult } from "@/lib/account/action-result";
import { revokeSharing } from "@/lib/account/data-sharing";
import { portalActionContext } from "@/lib/portal/portal-context";

export async function revokeSharingAction(input: { application: string }): Promise<ActionResult<{ revoked: number }>> {
  const ctx = await portalActionContext();
  if (!ctx) return { ok: false, error: "signedOut" };
  const application = typeof input?.application === "string" ? input.application.slice(0, 100) : "";
  return runAccountAction(ctx.deps.log, "sharing.revoke", async () => ({ revoked: await revokeSharing(ctx.deps, ctx.account.id, application) }));
}
