"use server";
// OIDC tab mutation: generate / rotate the client secret (ADMIN+). The secret is returned once and stored hashed.
import { rotateClientSecret } from "@/lib/developer/application-config/oidc";
import { runApplicationAction } from "@/lib/developer/application-config/run-action";

export async function rotateClientSecretAction(anchor: string) {
  return runApplicationAction(async ({ deps, account }) => {
    if (typeof anchor !== "string") return { ok: false as const, error: "failed" as const };
    const { clientSecret } = await rotateClientSecret(deps, account.id, anchor);
    return { ok: true as const, clientSecret };
  });
}
