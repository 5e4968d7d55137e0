// The token-lifetime fold. Every matching rule and constraint, across all
// three layers and both sources, may carry overrides; the strictest (the
// minimum) wins, so no single party can lengthen a session another party
// wanted short.
import type { TtlOverrides } from "./ttl-fields";
import { TOKEN_TTL_BOUNDS, type TokenKind } from "./vocabulary";

export interface TokenTtls {
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function foldOne(sources: readonly TtlOverrides[], kind: TokenKind): number {
  const { field, defaultSeconds, minSeconds, maxSeconds } = TOKEN_TTL_BOUNDS[kind];
  let strictest: number | null = null;
  for (const source of sources) {
    const value = source[field];
    // null / undefined = "no opinion". Non-finite values cannot come from a
    // validated rule; ignoring them beats minting a token that never expires.
    if (typeof value !== "number" || !Number.isFinite(value)) continue;
    const seconds = Math.floor(value);
    strictest = strictest === null ? seconds : Math.min(strictest, seconds);
  }
  // Stored values were bounds-checked on write; clamp anyway so a bad row
  // can never produce an out-of-policy token.
  return clamp(strictest ?? defaultSeconds, minSeconds, maxSeconds);
}

/**
 * Folds TTL overrides: minimum per kind over every non-null value, platform
 * default when there is none, clamped into bounds, and finally the refresh
 * TTL raised to at least the access TTL (a refresh token that dies before
 * its access token is useless).
 */
export function foldTokenTtls(sources: readonly TtlOverrides[]): TokenTtls {
  const accessTokenTtlSeconds = foldOne(sources, "access");
  const refreshTokenTtlSeconds = Math.max(foldOne(sources, "refresh"), accessTokenTtlSeconds);
  return { accessTokenTtlSeconds, refreshTokenTtlSeconds };
}
