"use server";
// Privacy mutations: rotate the account alias, rotate a sector subject.
import { runAccountAction, type ActionResult } from "@/lib/account/action-result";
import { rotateAccountAlias, rotateSectorSubject } from "@/lib/account/privacy";
import { portalActionContext } from "@/lib/portal/portal-context";

const signedOut = { ok: false, error: "signedOut" } as const;

export async function rotateAliasAction(): Promise<ActionResult<{ alias: string }>> {
  const ctx = await portalActionContext();
  if (!ctx) return signedOut;
  return runAccountAction(ctx.deps.log, "alias.rotate", async () => ({ alias: await rotateAccountAlias(ctx.deps.db, ctx.account.id) }));
}

export async function rotateSubjectAction(input: { sector: string }): Promise<ActionResult<{ subject: string; isPortal: boolean }>> {
  const ctx = await portalActionContext();
  if (!ctx) return signedOut;
  const sector = typeof input?.sector === "string" ? input.sector.slice(0, 100) : "";
  // When it was the portal's own subject, this session names a retired subject: the client signs in again.
  return runAccountAction(ctx.deps.log, "subject.rotate", () => rotateSectorSubject(ctx.deps, ctx.account.id, sector));
}
