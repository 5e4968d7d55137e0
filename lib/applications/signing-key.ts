// The application's keys as signing/verification keys. The token-signing
// private key is sealed at rest, read and opened the first time a process
// signs for the application (the hot statements never carry it); opened and
// parsed keys are memoized per process, keyed by the public key, so a
// rotation (new public key) naturally misses the cache. Connect tokens are signed and verified with
// node KeyObjects (lib/tokens/jws.ts); client-auth JWTs, checked with jose,
// get WebCrypto keys.
import type { KeyObject } from "node:crypto";
import { importSPKI } from "jose";
import { findTokenSigningKeySealed, type ApplicationRow } from "@/db/queries/applications";
import { parseRsaPrivateKey, parseRsaPublicKey } from "../crypto/rsa";
import { unseal } from "../crypto/seal";
import { memo } from "../memo";
import { refreshTokenProofMatches } from "../sessions/refresh-ids";
import type { Deps } from "../runtime";
import { verifyToken, type TokenKind, type VerifiedToken } from "../tokens";

/** Binds the sealed key to its application, so it cannot be moved to another row. */
export function tokenSigningKeyAad(applicationAnchor: string): string {
  return `applications.token_signing_private_key:${applicationAnchor}`;
}

type KeyDeps = Pick<Deps, "db" | "keyring" | "cache">;
type Application = Pick<ApplicationRow, "id" | "anchor" | "tokenSigningPublicKey">;

/**
 * The private half of `application.tokenSigningPublicKey`. Should a rotation
 * land between the caller's read and this one, the newer key is used (and
 * its tokens verify against the newer public key, as they must).
 */
export function tokenSigningPrivateKey(deps: KeyDeps, application: Application): Promise<KeyObject> {
  const cacheKey = `token-signing-private:${application.id}:${application.tokenSigningPublicKey}`;
  return memo(deps.cache, cacheKey, async () => {
    try {
      const sealed = await findTokenSigningKeySealed(deps.db, application.id);
      if (!sealed) throw new Error(`application ${application.anchor} has no token-signing key`);
      return parseRsaPrivateKey(unseal(deps.keyring, sealed, tokenSigningKeyAad(application.anchor)));
    } catch (error) {
      deps.cache.delete(cacheKey); // a failed load is not remembered
      throw error;
    }
  });
}

/** Verification key for an application's token-signing public key PEM. */
export function tokenVerificationKey(deps: Pick<Deps, "cache">, publicKeyPem: string): KeyObject {
  return memo(deps.cache, `token-verification:${publicKeyPem}`, () => parseRsaPublicKey(publicKeyPem));
}

/**
 * A token Sudomimus signed for the application. A rotation starts new tokens
 * on the new key without ending anybody's session: a refresh token of the key
 * before the last rotation still refreshes, onto the new key — but only with
 * its proof (refresh-ids.ts), a MAC under the server key that a leaked
 * signing key cannot make; the refresh id alone is on every access token.
 * Access tokens verify with the current key only, as at a relying party that
 * refetched /info: the rotation is what cuts a leaked key off, so nothing it
 * signs is honoured afterwards. A second rotation drops the older key, and
 * with it the sessions still on it. A refresh token minted before proofs
 * existed is taken with the current key alone.
 */
export function verifyApplicationToken<Body>(
  deps: Pick<Deps, "cache" | "keyring">,
  token: string,
  kind: TokenKind,
  keys: Pick<ApplicationRow, "tokenSigningPublicKey" | "tokenSigningPreviousPublicKey">,
): VerifiedToken<Body> | null {
  const proven = (verified: VerifiedToken<Body> | null, proofRequired: boolean): VerifiedToken<Body> | null => {
    if (!verified || kind !== "Refresh") return verified;
    const { jti, proof } = verified.header;
    if (proof === undefined) return proofRequired ? null : verified;
    return typeof proof === "string" && refreshTokenProofMatches(deps.keyring, jti, proof) ? verified : null;
  };
  const current = proven(verifyToken<Body>(token, kind, tokenVerificationKey(deps, keys.tokenSigningPublicKey)), false);
  if (current || kind !== "Refresh" || !keys.tokenSigningPreviousPublicKey) return current;
  return proven(verifyToken<Body>(token, kind, tokenVerificationKey(deps, keys.tokenSigningPreviousPublicKey)), true);
}

/** Verification key for any RSA public key PEM (token-signing or client-auth). */
export function rsaVerificationKey(deps: Pick<Deps, "cache">, publicKeyPem: string): Promise<CryptoKey> {
  return memo(deps.cache, `rsa-public:${publicKeyPem}`, () => {
    parseRsaPublicKey(publicKeyPem); // refuses non-RSA and short keys before use
    return importSPKI(publicKeyPem, "RS256");
  });
}
