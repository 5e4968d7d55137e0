// Refresh-token ids. The id is the refresh JWT's `jti` and every access
// token's `sub`; the database keeps only its keyed hash. A rotation's
// replacement id is derived from its parent's id under a server key, so a
// near-simultaneous second refresh of the same token can be answered with the
// very same replacement session (the two tabs converge) without storing ids.
//
// The id alone is no secret: every access token shows it. So a refresh token
// also carries a proof of the id — a MAC under the server key — that only
// Sudomimus can make. A refresh token signed with an application's previous
// token-signing key is honoured only with that proof (signing-key.ts): should
// the old key have leaked, it cannot mint refresh tokens for the ids anybody
// read off access tokens.
import crypto from "node:crypto";
import type { Keyring } from "../crypto/keyring";
import { randomHex } from "../crypto/random-key";
import { constantTimeEqual, secretHash } from "../crypto/secret-hash";

export const newRefreshId = (): string => randomHex(16);

export const hashRefreshId = (keyring: Keyring, id: string): string => secretHash(keyring, "refresh-token.id", id);

export function replacementRefreshId(keyring: Keyring, parentId: string): string {
  return crypto.createHmac("sha256", keyring.signingKey).update(`refresh-token.rotate:${parentId}`).digest("hex").slice(0, 32);
}

/** The refresh token's `proof` header member for refresh id `id`. */
export function refreshTokenProof(keyring: Keyring, id: string): string {
  return crypto.createHmac("sha256", keyring.signingKey).update(`refresh-token.proof:${id}`).digest("base64url").slice(0, 32);
}

export function refreshTokenProofMatches(keyring: Keyring, id: string, proof: string): boolean {
  return constantTimeEqual(refreshTokenProof(keyring, id), proof);
}
