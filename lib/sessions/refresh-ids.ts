// Refresh-token ids. The id is the refresh JWT's `jti` and every access
// token's `sub`; the database keeps only its keyed hash. A rotation's
// replacement id is derived from its parent's id under a server key, so a
// near-simultaneous second refresh of the same token can be answered with the
// very same replacement session (the two tabs converge) without storing ids.
import crypto from "node:crypto";
import type { Keyring } from "../crypto/keyring";
import { randomHex } from "../crypto/random-key";
import { secretHash } from "../crypto/secret-hash";

export const newRefreshId = (): string => randomHex(16);

export const hashRefreshId = (keyring: Keyring, id: string): string => secretHash(keyring, "refresh-token.id", id);

export function replacementRefreshId(keyring: Keyring, parentId: string): string {
  return crypto.createHmac("sha256", keyring.signingKey).update(`refresh-token.rotate:${parentId}`).digest("hex").slice(0, 32);
}
