"use server";
// Access-keys tab mutations: create (for the caller's own account) and revoke (their own keys), ADMIN+ only.
import { createOwnAccessKey, revokeOwnAccessKey } from "@/lib/developer/application-config/access-keys";
import { runApplicationAction } from "@/lib/developer/application-config/run-action";

export async function createAccessKeyAction(anchor: string, input: unknown) {
  return runApplicationAction(async ({ deps, account }) => {
    if (typeof anchor !== "string") return { ok: false as const, error: "failed" as const };
    return createOwnAccessKey(deps, account.id, anchor, input);
  });
}

export async function revokeAccessKeyAction(anchor: string, accessKeyIdentifier: string) {
  return runApplicationAction(async ({ deps, account }) => {
    if (typeof anchor !== "string" || typeof accessKeyIdentifier !== "string") return { ok: false as const, error: "failed" as const };
    const result = await revokeOwnAccessKey(deps, account.id, anchor, accessKeyIdentifier);
    return result.ok ? { ok: true as const } : { ok: false as const, error: "notFound" as const };
  });
}
