"use server";
// Profile mutations: the caller is resolved from the portal session on the
// server, never from anything the browser sends.
import { deleteOwnAccount } from "@/lib/account/delete-account";
import { updateProfileName } from "@/lib/account/profile";
import { actingBrowser } from "@/lib/portal/acting-browser";
import { portalAction, type ActionResult } from "@/lib/portal/portal-action";

export type SaveNameResult =
  | ActionResult<{ firstName: string | null; lastName: string | null }>
  | { ok: false; error: "fields"; fields: Partial<Record<"firstName" | "lastName", string>> };

export async function saveProfileName(input: { firstName: string; lastName: string }): Promise<SaveNameResult> {
  const firstName = typeof input?.firstName === "string" ? input.firstName : "";
  const lastName = typeof input?.lastName === "string" ? input.lastName : "";
  const result = await portalAction("profile.name", ({ deps, account }) => updateProfileName(deps.db, account.id, { firstName, lastName }));
  // The field errors of the lib's own result become the form's "fields" answer.
  return result.ok || "error" in result ? result : { ok: false, error: "fields", fields: result.errors };
}

export async function deleteMyAccount(input: { confirmation: string }): Promise<ActionResult> {
  const confirmation = typeof input?.confirmation === "string" ? input.confirmation.slice(0, 400) : "";
  // On success the client leaves through /with/session/end, which forgets the session and says why.
  return portalAction("account.delete", async ({ deps, account }) => {
    await deleteOwnAccount(deps, await actingBrowser(deps, account.id), { confirmation });
    return {};
  });
}
