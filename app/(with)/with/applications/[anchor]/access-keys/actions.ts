"use server";
// Access-keys tab mutations: create (for the caller's own account) and revoke (their own keys), ADMIN+ only.
import { createOwnAccessKey, revokeOwnAccessKey } from "@/lib/developer/application-config/access-keys";
import { actingBrowser } from "@/lib/portal/acting-browser";
import { portalAction, refusal, UNEXPECTED } from "@/lib/portal/portal-action";

export async function createAccessKeyAction(anchor: string, input: unknown) {
  return portalAction("access-key.create", async ({ deps, account }) => {
    if (typeof anchor !== "string") return refusal(UNEXPECTED);
    return createOwnAccessKey(deps, await actingBrowser(deps, account.id), anchor, input);
  });
}

export async function revokeAccessKeyAction(anchor: string, accessKeyIdentifier: string) {
  return portalAction("access-key.revoke", async ({ deps, account }) => {
    if (typeof anchor !== "string" || typeof accessKeyIdentifier !== "string") return refusal(UNEXPECTED);
    const result = await revokeOwnAccessKey(deps, account.id, anchor, accessKeyIdentifier);
    // The lib answers a key that is not the caller's own as plain `ok: false`.
    return result.ok ? result : refusal("notFound");
  });
}
