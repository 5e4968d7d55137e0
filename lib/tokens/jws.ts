// Compact JWS (RFC 7515) with RS256 over node:crypto KeyObjects — the one
// algorithm our Connect tokens use. The token hot paths (redeem, refresh,
// device-token, introspect) sign and verify here rather than through
// WebCrypto: node's callback `sign` runs the RSA work on the thread pool for
// ~40 µs of request-thread time against ~90 µs through `crypto.subtle`, and a
// verify (~30 µs) costs less done in place than handed to the pool at all.
import crypto, { type KeyObject } from "node:crypto";

const SEGMENT = /^[A-Za-z0-9_-]+$/;
const MAX_TOKEN_LENGTH = 16_384;

export interface DecodedJws {
  header: Record<string, unknown>;
  payload: Buffer;
}

const base64url = (text: string) => Buffer.from(text).toString("base64url");

/** Signs `payload` under `header` (which must say alg RS256) with an RSA private key. */
export function signRs256(header: { alg: "RS256" } & Record<string, unknown>, payload: string, key: KeyObject): Promise<string> {
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(payload)}`;
  return new Promise((resolve, reject) => {
    crypto.sign("sha256", Buffer.from(signingInput), key, (error, signature) => {
      if (error) reject(error);
      else resolve(`${signingInput}.${signature.toString("base64url")}`);
    });
  });
}

/**
 * The three segments of a compact JWS, strictly: base64url alphabet only,
 * a JSON object header, and a signature segment in its one canonical
 * encoding — so no two different strings verify as the same token.
 */
function split(token: unknown): { header: Record<string, unknown>; segments: [string, string, string] } | null {
  if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH) return null;
  const segments = token.split(".");
  if (segments.length !== 3 || !segments.every((segment) => SEGMENT.test(segment))) return null;
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(segments[0]!, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (header === null || typeof header !== "object" || Array.isArray(header)) return null;
  return { header: header as Record<string, unknown>, segments: segments as [string, string, string] };
}

/** The header of a compact JWS, unverified — only to find which key to verify with. Null when malformed. */
export function peekJwsHeader(token: unknown): Record<string, unknown> | null {
  return split(token)?.header ?? null;
}

/**
 * Verifies an RS256 compact JWS. Null unless the header says RS256, carries
 * no `crit` extension (none is understood here, RFC 7515 §4.1.11) and the
 * signature is the key's over exactly the received header and payload.
 */
export function verifyRs256(token: unknown, key: KeyObject): DecodedJws | null {
  const parts = split(token);
  if (!parts || parts.header.alg !== "RS256" || "crit" in parts.header) return null;
  const [header, payload, signature] = parts.segments;
  const signatureBytes = Buffer.from(signature, "base64url");
  if (signatureBytes.toString("base64url") !== signature) return null;
  if (!crypto.verify("sha256", Buffer.from(`${header}.${payload}`), key, signatureBytes)) return null;
  return { header: parts.header, payload: Buffer.from(payload, "base64url") };
}
