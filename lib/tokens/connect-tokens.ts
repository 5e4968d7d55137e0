// Connect access and refresh tokens: RS256 JWTs signed with the application's
// token-signing key. As the docs specify, every standard claim (kty, iss, aud,
// sub, iat, exp, jti) travels in the JWT *header* and only the application
// claims travel in the body. The raw account id never appears in either.
import type { KeyObject } from "node:crypto";
import { peekJwsHeader, signRs256, verifyRs256 } from "./jws";

export type TokenKind = "Access" | "Refresh";

export interface TokenHeader {
  alg: "RS256";
  typ: "JWT";
  kty: TokenKind;
  iss: string;
  /** The application anchor. */
  aud: string;
  /** Access tokens: the id of the refresh token they were minted from. */
  sub?: string;
  iat: number;
  exp: number;
  jti: string;
  /** Refresh tokens: Sudomimus's MAC of `jti` (lib/sessions/refresh-ids.ts) — the id itself is on every access token. */
  proof?: string;
  /** OIDC access tokens only: the granted scope (RFC 9068's `scope`), space-separated. */
  scope?: string;
}

export interface AccessTokenBody {
  subject: string;
  firstName?: string;
  lastName?: string;
  emailAddress?: string;
}

export interface RefreshTokenBody {
  subject: string;
}

export function signToken(header: TokenHeader, body: AccessTokenBody | RefreshTokenBody, key: KeyObject): Promise<string> {
  return signRs256(header as unknown as { alg: "RS256" } & Record<string, unknown>, JSON.stringify(body), key);
}

/** Reads the header without verifying it — only to find which application's key to verify with. Null when malformed. */
export function peekTokenHeader(token: unknown): Partial<TokenHeader> | null {
  return peekJwsHeader(token) as Partial<TokenHeader> | null;
}

export interface VerifiedToken<Body> {
  header: TokenHeader;
  body: Body;
}

/**
 * Verifies signature, algorithm and kind. Expiry is left to the caller: some
 * endpoints must tell "expired" apart (refresh) or ignore it (introspect, logout).
 */
export function verifyToken<Body>(token: unknown, kind: TokenKind, key: KeyObject): VerifiedToken<Body> | null {
  const verified = verifyRs256(token, key);
  if (!verified) return null;
  const header = verified.header as unknown as TokenHeader;
  if (header.kty !== kind || typeof header.jti !== "string" || typeof header.exp !== "number" || typeof header.aud !== "string") return null;
  try {
    const body: unknown = JSON.parse(verified.payload.toString("utf8"));
    return body !== null && typeof body === "object" ? { header, body: body as Body } : null;
  } catch {
    return null;
  }
}
