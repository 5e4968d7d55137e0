// Secrets the server only checks (hidden/confirmation keys, device codes,
// errand keys, refresh-token ids, access-key secrets, OTP codes, OIDC client
// secrets) are stored as HMAC-SHA256 under a server-held key: a database leak
// alone reveals nothing, and even six-digit codes cannot be brute-forced from it.
import crypto from "node:crypto";
import type { Keyring } from "./keyring";

/** `purpose` domain-separates kinds, so one kind's hash never verifies as another's. */
export function secretHash(keyring: Keyring, purpose: string, value: string): string {
  return crypto.createHmac("sha256", keyring.hashKey).update(purpose).update("\0").update(value).digest("base64url");
}

/** Constant-time comparison of two strings (length differences leak only the length). */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  if (left.length !== right.length) return false;
  return crypto.timingSafeEqual(left, right);
}

export function secretMatches(keyring: Keyring, purpose: string, value: string, storedHash: string): boolean {
  return constantTimeEqual(secretHash(keyring, purpose, value), storedHash);
}

/** Plain SHA-256 (base64), e.g. the client-auth JWT's `body_sha256`. */
export function sha256Base64(bytes: Uint8Array | string): string {
  return crypto.createHash("sha256").update(bytes).digest("base64");
}
