"use server";
// Profile mutations: the caller is resolved from the portal session on the
// server, never from anything the browser sends.
import { deleteAccount } from "@/lib/account/delete-account";
import { runAccountAction, type ActionResult } from "@/lib/account/action-result";
import { updateProfileName } from "@/lib/account/profile";
import { portalActionContext } from "@/lib/portal/portal-context";

const signedOut = { ok: false, error: "signedOut" } as const;

export type SaveNameResult =
  | ActionResult<{ firstName: string | null; lastName: string | null }>
  | { ok: false; error: "fields"; fields: Partial<Record<"firstName" | "lastName", string>> };

export async function saveProfileName(input: { firstName: string; lastName: string }): Promise<SaveNameResult> {
  const ctx = await portalActionContext();
  if (!ctx) return signedOut;
  const firstName = typeof input?.firstName === "string" ? input.firstName : "";
  const lastName = typeof input?.lastName === "string" ? input.lastName : "";
  const result = await runAccountAction(ctx.deps.log, "profile.name", async () => ({
    outcome: await updateProfileName(ctx.deps.db, ctx.account.id, { firstName, lastName }),
  }));
  if (!result.ok) return result;
  const { outcome } = result;
  if (!outcome.ok) return { ok: false, error: "fields", fields: outcome.errors };
  return { ok: true, firstName: outcome.firstName, lastName: outcome.lastName };
}

export async function deleteMyAccount(input: { confirmation: string }): Promise<ActionResult> {
  const ctx = await portalActionContext();
  if (!ctx) return signedOut;
  const confirmation = typeof input?.confirmation === "string" ? input.confirmation.slice(0, 400) : "";
  // On success the client leaves through /with/session/end, which forgets the session and says why.
  return runAccountAction(ctx.deps.log, "account.delete", async () => {
    await deleteAccount(ctx.deps, ctx.account.id, { confirmation });
    return {};
  });
}
