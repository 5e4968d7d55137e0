// The access-keys tab. An AccessKey signs in as one existing account (docs 32):
// here, always the signed-in developer's own — the portal never mints a
// credential for somebody else's account. Creating and revoking need ADMIN+,
// creating a recent sign-in too (a lasting way into the caller's account);
// the list shows the caller's own keys for this application.
import { z } from "zod";
import { addSeconds } from "@/lib/clock";
import { CLAIMS } from "@/lib/identity/claims-vocabulary";
import { issueAccessKey, listAccessKeys, revokeAccessKey, type AccessKeySummary, type IssuedAccessKey } from "@/lib/native/access-keys";
import { accessTokenTtlOverrideSchema, refreshTokenTtlOverrideSchema } from "@/lib/rules/ttl-fields";
import type { Deps } from "@/lib/runtime";
import { confirmRecentSignIn, type ActingBrowser } from "@/lib/via/browser-session";
import { applicationFor } from "../access";

export const MAX_ACCESS_KEY_LABEL = 100;
export const MAX_ACCESS_KEY_DAYS = 3650;

const optionalInt = (schema: z.ZodType) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? null : typeof value === "string" && /^-?[0-9]+$/.test(value.trim()) ? Number(value) : value), schema);

const createSchema = z.object({
  label: z.string().trim().max(MAX_ACCESS_KEY_LABEL, "labelTooLong"),
  expiresInDays: optionalInt(z.int("expiryRange").min(1, "expiryRange").max(MAX_ACCESS_KEY_DAYS, "expiryRange").nullable()),
  accessTokenTtlSeconds: optionalInt(accessTokenTtlOverrideSchema),
  refreshTokenTtlSeconds: optionalInt(refreshTokenTtlOverrideSchema),
  grants: z.array(z.enum(CLAIMS)).max(CLAIMS.length),
});

export type CreateAccessKeyResult =
  | { ok: true; key: Pick<IssuedAccessKey, "accessKeyIdentifier" | "accessKeySecret"> }
  | { ok: false; field: string; error: string };

export async function createOwnAccessKey(
  deps: Pick<Deps, "db" | "keyring" | "clock">,
  who: ActingBrowser,
  anchor: string,
  input: unknown,
): Promise<CreateAccessKeyResult> {
  const { application } = await applicationFor(deps.db, who.accountId, anchor, "editApplications");
  await confirmRecentSignIn(deps, who);
  const parsed = createSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? "label");
    const error = field === "accessTokenTtlSeconds" || field === "refreshTokenTtlSeconds" ? "ttlRange" : field === "grants" ? "invalid" : issue.message;
    return { ok: false, field, error };
  }
  const { label, expiresInDays, accessTokenTtlSeconds, refreshTokenTtlSeconds, grants } = parsed.data;
  const issued = await issueAccessKey(deps, {
    applicationId: application.id,
    accountId: who.accountId,
    label: label || null,
    expiresAt: typeof expiresInDays === "number" ? addSeconds(deps.clock.now(), expiresInDays * 24 * 3600) : null,
    accessTokenTtlSeconds: (accessTokenTtlSeconds as number | null | undefined) ?? null,
    refreshTokenTtlSeconds: (refreshTokenTtlSeconds as number | null | undefined) ?? null,
    grants,
  });
  return { ok: true, key: { accessKeyIdentifier: issued.accessKeyIdentifier, accessKeySecret: issued.accessKeySecret } };
}

export async function listOwnAccessKeys(deps: Pick<Deps, "db">, accountId: string, applicationId: string): Promise<AccessKeySummary[]> {
  return listAccessKeys(deps, { applicationId, accountId });
}

/** Revokes one of the caller's own keys of this application (another account's key is "not found"). */
export async function revokeOwnAccessKey(deps: Pick<Deps, "db" | "clock">, accountId: string, anchor: string, accessKeyIdentifier: string): Promise<{ ok: boolean }> {
  const { application } = await applicationFor(deps.db, accountId, anchor, "editApplications");
  const own = await listOwnAccessKeys(deps, accountId, application.id);
  if (!own.some((key) => key.accessKeyIdentifier === accessKeyIdentifier)) return { ok: false };
  await revokeAccessKey(deps, { accessKeyIdentifier, applicationId: application.id });
  return { ok: true };
}
