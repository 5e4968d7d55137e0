// AES-256-GCM for secrets the server must read back later (token-signing
// private keys, federation client secrets, built-in relying-party keys).
// The additional data binds a ciphertext to its place, so a sealed value
// copied into another row or column fails to open.
import crypto from "node:crypto";
import type { Keyring } from "./keyring";

const VERSION = "v1";

export function seal(keyring: Keyring, plaintext: string, additionalData: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", keyring.aeadKey, iv);
  cipher.setAAD(Buffer.from(additionalData));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), body.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

export function unseal(keyring: Keyring, sealed: string, additionalData: string): string {
  const [version, iv, body, tag] = sealed.split(".");
  if (version !== VERSION || !iv || body === undefined || !tag) throw new Error("Unrecognized sealed value");
  const decipher = crypto.createDecipheriv("aes-256-gcm", keyring.aeadKey, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(additionalData));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}
