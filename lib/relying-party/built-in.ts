// The relying parties built into this server (/demo and the With portal).
// They hold their client-auth private keys sealed in the database and talk to
// Connect over loopback HTTP like any other application would.
import { findRelyingPartyKey } from "@/db/queries/applications";
import { unseal } from "../crypto/seal";
import { memo } from "../memo";
import type { Deps } from "../runtime";
import { relyingPartyKeyAad } from "../seed";
import { ConnectClient } from "./connect-client";

export async function builtInConnectClient(deps: Pick<Deps, "db" | "keyring" | "config" | "cache">, applicationAnchor: string): Promise<ConnectClient> {
  const sealed = await findRelyingPartyKey(deps.db, applicationAnchor);
  if (!sealed) throw new Error(`no built-in relying-party key for ${applicationAnchor}`);
  return memo(deps.cache, `built-in-rp:${applicationAnchor}:${sealed}`, () => {
    return new ConnectClient({
      // Server-to-server calls stay on this machine, whatever the public URL is.
      baseUrl: `http://127.0.0.1:${deps.config.port}`,
      applicationAnchor,
      clientAuthPrivateKeyPem: unseal(deps.keyring, sealed, relyingPartyKeyAad(applicationAnchor)),
    });
  });
}
