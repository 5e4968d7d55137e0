// The CLI seals a new application's token-signing key with a key derived from
// ITS secret. If that is not the secret the server runs with, the server could
// never open the key and the application would be broken from birth — so the
// direct paths prove the secret first by opening a key the server sealed.
import { findApplicationByAnchor, findTokenSigningKeySealed } from "@/db/queries/applications";
import { unseal } from "../crypto/seal";
import { fail } from "../errors";
import type { Deps } from "../runtime";
import { PORTAL_ANCHOR } from "../seed";
import { tokenSigningKeyAad } from "../applications/signing-key";

export async function assertSecretOpensDatabase(deps: Pick<Deps, "db" | "keyring">): Promise<void> {
  // Every server start seeds the portal application; without it nothing is sealed yet and any secret is consistent.
  const portal = await findApplicationByAnchor(deps.db, PORTAL_ANCHOR);
  const sealed = portal && (await findTokenSigningKeySealed(deps.db, portal.id));
  if (!portal || !sealed) return;
  try {
    unseal(deps.keyring, sealed, tokenSigningKeyAad(portal.anchor));
  } catch {
    fail("Invalid SUDOMIMUS_SECRET", {
      message: "SUDOMIMUS_SECRET is not the secret this database's keys are sealed with; run the command with the server's environment.",
    });
  }
}
