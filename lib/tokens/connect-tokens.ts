// Connect access and refresh tokens: RS256 JWTs signed with the application's
// token-signing key. As the docs specify, every standard claim (kty, iss, aud,
// sub, iat, exp, jti) travels in the JWT *header* and only the application
// claims travel in the body. The raw account id never appears in either.
import { CompactSign, compactVerify, decodeProtectedHeader, errors as joseErrors, type CompactJWSHeaderParameters } from "jose";
import type { KeyObject } from "node:crypto";

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

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export type SigningKey = CryptoKey | KeyObject;

export async function signToken(header: TokenHeader, body: AccessTokenBody | RefreshTokenBody, key: SigningKey): Promise<string> {
  return new CompactSign(encoder.encode(JSON.stringify(body))).setProtectedHeader(header as unknown as CompactJWSHeaderParameters).sign(key);
}

export class TokenFormatError extends Error {
  override name = "TokenFormatError";
}

/** Reads the header without verifying it — only to find which application's key to verify with. */
export function peekTokenHeader(token: string): Partial<TokenHeader> {
  if (typeof token !== "string" || token.length > 16_384 || token.split(".").length !== 3) throw new TokenFormatError("not a compact JWS");
  try {
    return decodeProtectedHeader(token) as Partial<TokenHeader>;
  } catch {
    throw new TokenFormatError("unreadable header");
  }
}

export interface VerifiedToken<Body> {
  header: TokenHeader;
  body: Body;
}

/**
 * Verifies signature, algorithm and kind. Expiry is left to the caller: some
 * endpoints must tell "expired" apart (refresh) or ignore it (introspect, logout).
 */
export async function verifyToken<Body>(token: string, kind: TokenKind, key: SigningKey): Promise<VerifiedToken<Body> | null> {
  try {
    const { payload, protectedHeader } = await compactVerify(token, key, { algorithms: ["RS256"] });
    const header = protectedHeader as unknown as TokenHeader;
    if (header.kty !== kind || typeof header.jti !== "string" || typeof header.exp !== "number" || typeof header.aud !== "string") return null;
    const body = JSON.parse(decoder.decode(payload)) as Body;
    return { header, body };
  } catch (error) {
    if (error instanceof joseErrors.JOSEError || error instanceof SyntaxError) return null;
    throw error;
  }
}
