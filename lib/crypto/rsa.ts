// RSA-2048 keypairs: each application has a token-signing pair (Sudomimus
// signs, the app verifies) and a client-auth pair (the app signs, Sudomimus
// verifies); OIDC id_tokens use platform-wide pairs.
import crypto from "node:crypto";
import { promisify } from "node:util";

const generateKeyPair = promisify(crypto.generateKeyPair);

export interface PemKeyPair {
  /** PKCS#8 PEM. */
  privateKeyPem: string;
  /** SPKI PEM. */
  publicKeyPem: string;
}

export async function generateRsaKeyPair(): Promise<PemKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

/** Parses a public key PEM and checks it is RSA with at least 2048 bits. */
export function parseRsaPublicKey(pem: string): crypto.KeyObject {
  const key = crypto.createPublicKey(pem);
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (key.asymmetricKeyType !== "rsa" || bits < 2048) throw new Error("An RSA public key of at least 2048 bits is required");
  return key;
}

export function parseRsaPrivateKey(pem: string): crypto.KeyObject {
  const key = crypto.createPrivateKey(pem);
  if (key.asymmetricKeyType !== "rsa") throw new Error("An RSA private key is required");
  return key;
}

/** A short, stable fingerprint of a public key (used as a key id and cache key). */
export function publicKeyFingerprint(pem: string): string {
  const der = crypto.createPublicKey(pem).export({ type: "spki", format: "der" });
  return crypto.createHash("sha256").update(der).digest("base64url").slice(0, 22);
}
