// OIDC client secrets (client_secret_basic / client_secret_post): `ocs_` +
// 64 hex, generated here, shown once, stored only as a keyed hash. Setting a
// new one replaces the old at once (there is no overlap window: rotate, then
// deploy the new secret to the relying party).
import { setOidcClientSecretHash } from "@/db/queries/oidc";
import { newKey } from "../crypto/random-key";
import { secretHash } from "../crypto/secret-hash";
import { fail } from "../errors";
import type { Deps } from "../runtime";

export const CLIENT_SECRET_HASH_PURPOSE = "oidc.client-secret";

export async function setOidcClientSecret(
  deps: Pick<Deps, "db" | "keyring" | "clock">,
  applicationAnchor: string,
): Promise<{ applicationAnchor: string; clientSecret: string }> {
  const clientSecret = newKey("oidcClientSecret");
  const updated = await setOidcClientSecretHash(deps.db, applicationAnchor, secretHash(deps.keyring, CLIENT_SECRET_HASH_PURPOSE, clientSecret), deps.clock.now());
  if (!updated) fail("ApplicationNotFound", { message: `No application has the anchor ${JSON.stringify(applicationAnchor)}.` });
  return { applicationAnchor, clientSecret };
}
