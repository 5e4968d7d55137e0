"use server";
// OIDC tab mutation: generate / rotate the client secret (ADMIN+). The secret is returned once and stored hashed.
import { rotateClientSecret } from "@/lib/developer/application-config/oidc";
import { actingBrowser } from "@/lib/portal/acting-browser";
import { portalAction, refusal, UNEXPECTED } from "@/lib/portal/portal-action";

export async function rotateClientSecretAction(anchor: string) {
  return portalAction("oidc.rotate-client-secret", async ({ deps, account }) => {
    if (typeof anchor !== "string") return refusal(UNEXPECTED);
    return rotateClientSecret(deps, await actingBrowser(deps, account.id), anchor);
  });
}
