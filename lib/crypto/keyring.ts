// Every key the server derives from its one configured secret. Separate keys
// per purpose (HKDF info labels) so a leak of one derived key, or a bug in one
// use, cannot be replayed against another.
import crypto from "node:crypto";

export interface Keyring {
  /** AES-256-GCM key for secrets the server must read back later. */
  readonly aeadKey: Buffer;
  /** HMAC key ("pepper") for secrets the server only ever checks. */
  readonly hashKey: Buffer;
  /** HMAC key for values the server signs into cookies and forms. */
  readonly signingKey: Buffer;
}

function derive(secret: Buffer, label: string): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", secret, Buffer.alloc(0), `sudomimus/${label}/v1`, 32));
}

export function createKeyring(secret: Buffer): Keyring {
  return {
    aeadKey: derive(secret, "aead"),
    hashKey: derive(secret, "secret-hash"),
    signingKey: derive(secret, "signing"),
  };
}
