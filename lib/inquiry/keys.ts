// The three Connect keys of an inquiry. Only their keyed hashes are stored.
// The confirmation key is *derived* (HMAC under a server key from the inquiry
// id and a per-realize nonce) rather than stored: /status-poll can hand it to
// the polling client again, yet the database alone cannot produce it.
import crypto from "node:crypto";
import type { Keyring } from "../crypto/keyring";
import { isKey } from "../crypto/random-key";
import { secretHash } from "../crypto/secret-hash";
import { invalid } from "../errors";

export const hashExposureKey = (keyring: Keyring, key: string) => secretHash(keyring, "inquiry.exposure", key);
export const hashHiddenKey = (keyring: Keyring, key: string) => secretHash(keyring, "inquiry.hidden", key);
export const hashConfirmationKey = (keyring: Keyring, key: string) => secretHash(keyring, "inquiry.confirmation", key);

export function deriveConfirmationKey(keyring: Keyring, inquiryId: string, nonce: string): string {
  const mac = crypto.createHmac("sha256", keyring.signingKey).update(`inquiry.confirmation:${inquiryId}:${nonce}`).digest("hex");
  return `cnf_${mac.slice(0, 32)}`;
}

/** Rejects a key of the wrong role or shape at the request boundary (400 naming the field). */
export function requireKey(kind: "exposure" | "hidden" | "confirmation", field: string, value: string): string {
  if (!isKey(kind, value)) {
    const prefix = { exposure: "exp_", hidden: "hid_", confirmation: "cnf_" }[kind];
    throw invalid(field, `${field} must be "${prefix}" followed by 32 lowercase hex characters.`);
  }
  return value;
}
