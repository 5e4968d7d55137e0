"use server";
// Privacy mutations: rotate the account alias, rotate a sector subject.
import { rotateAccountAlias, rotateSectorSubject } from "@/lib/account/privacy";
import { portalAction, type ActionResult } from "@/lib/portal/portal-action";

export async function rotateAliasAction(): Promise<ActionResult<{ alias: string }>> {
  return portalAction("alias.rotate", async ({ deps, account }) => ({ alias: await rotateAccountAlias(deps.db, account.id) }));
}

export async function rotateSubjectAction(input: { sector: string }): Promise<ActionResult<{ subject: string; isPortal: boolean }>> {
  const sector = typeof input?.sector === "string" ? input.sector.slice(0, 100) : "";
  // When it was the portal's own subject, this session names a retired subject: the client signs in again.
  return portalAction("subject.rotate", ({ deps, account }) => rotateSectorSubject(deps, account.id, sector));
}
