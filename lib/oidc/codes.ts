// Authorization codes (RFC 6749 §4.1.2, §10.5): `oac_` + 64 hex, stored only
// as a keyed hash, valid for one minute and for one exchange, bound to the
// client, the redirect URI and the PKCE challenge (RFC 7636, S256 only).
import crypto from "node:crypto";
import type { Keyring } from "../crypto/keyring";
import { constantTimeEqual, secretHash } from "../crypto/secret-hash";

export const AUTHORIZATION_CODE_TTL_SECONDS = 60;

export const hashAuthorizationCode = (keyring: Keyring, code: string) => secretHash(keyring, "oidc.authorization-code", code);

/** RFC 7636 §4.1: 43–128 characters of [A-Z a-z 0-9 - . _ ~]. */
export const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** BASE64URL(SHA256(ASCII(code_verifier))) == code_challenge (RFC 7636 §4.6). */
export function verifierMatches(codeVerifier: string, codeChallenge: string): boolean {
  const computed = crypto.createHash("sha256").update(codeVerifier, "ascii").digest("base64url");
  return constantTimeEqual(computed, codeChallenge);
}
