// POST /native-api/direct-issue/access-key (docs 32; native.yaml
// `directIssueAccessKey`): an AccessKey for tokens, in one round trip:
//   Layer 1 ACCESS_KEY_DIRECT → the credential (this application's, not
//   revoked, not expired, the secret compared in constant time; every
//   failure the same opaque 401) → its account, which must still exist
//   (AccessKeys never create accounts) → the shared direct-issue tail. The
//   credential's own TTL bounds join the fold, and `lastUsedAt` is touched
//   best-effort.
import { z } from "zod";
import { accessKeyStillLive, touchAccessKey } from "@/db/queries/native";
import { anchorSchema } from "../applications/anchor";
import { loadApplicationContextByAnchor } from "../applications/application-context";
import { fail } from "../errors";
import { loadAccountIdentity } from "../identity/accounts";
import { checkAuthenticationMethod } from "../rules";
import type { Deps } from "../runtime";
import { parseAccessKeyIdentifier, parseAccessKeySecret, verifyAccessKey } from "./access-keys";
import { issueDirectly, type DirectIssueDeps, type DirectIssueResult } from "./direct-issue";

export const accessKeyBodySchema = z.strictObject({
  applicationAnchor: anchorSchema,
  accessKeyIdentifier: z.string().max(128, "must be an acs_k_ identifier"),
  accessKeySecret: z.string().max(128, "must be an acs_t_ secret"),
});

export type AccessKeyInput = z.output<typeof accessKeyBodySchema>;

export async function directIssueAccessKey(deps: DirectIssueDeps & Pick<Deps, "log">, input: AccessKeyInput): Promise<DirectIssueResult> {
  // Malformed credentials are a 400 before anything is looked up.
  const id = parseAccessKeyIdentifier(input.accessKeyIdentifier);
  const secret = parseAccessKeySecret(input.accessKeySecret);

  const context = await loadApplicationContextByAnchor(deps.db, input.applicationAnchor);
  if (!context) fail("ApplicationNotFound", { message: "No application has this anchor." });
  if (!context.application.enabled) fail("ApplicationDisabled", { message: "This application is disabled." });

  const layer1 = checkAuthenticationMethod(context.rules.authentication, undefined, { method: "ACCESS_KEY_DIRECT" });
  if (!layer1.allowed) fail("Layer1Denied", { message: "Access keys are not a sign-in method of this application." });

  const credential = await verifyAccessKey(deps, { applicationId: context.application.id, id, canonicalSecret: secret });
  const identity = credential.accountId ? await loadAccountIdentity(deps.db, credential.accountId) : null;
  if (!identity) {
    fail("AccessKeyCredentialAccountMissing", {
      message: "The account this access key was issued for no longer exists.",
      detail: `access key ${credential.id} has no account row`,
    });
  }

  const result = await issueDirectly(deps, {
    context,
    identity,
    origin: "ACCESS_KEY",
    method: "ACCESS_KEY_DIRECT",
    ttlSources: [...layer1.matchedRules, { accessTokenTtlSeconds: credential.accessTokenTtlSeconds, refreshTokenTtlSeconds: credential.refreshTokenTtlSeconds }],
    accessKeyId: credential.id,
    sessionGate: accessKeyStillLive(credential.id),
  });
  await touchAccessKey(deps.db, credential.id, deps.clock.now()).catch((error: unknown) =>
    deps.log.warn("access key lastUsedAt not updated", { error: error instanceof Error ? error.message : String(error) }),
  );
  return result;
}
