// The optional TTL overrides every rule and every per-inquiry constraint may
// carry. Bounds are enforced when the value is written, so the fold at
// issuance time only ever sees sane numbers (it clamps anyway, defensively).
import { z } from "zod";
import { TOKEN_TTL_BOUNDS, type TokenKind } from "./vocabulary";

function ttlOverride(kind: TokenKind) {
  const { field, minSeconds, maxSeconds } = TOKEN_TTL_BOUNDS[kind];
  // One message for every failure mode, naming the bounds, so an integrator
  // sees the acceptable range whatever they sent.
  const message = `${field} must be an integer number of seconds between ${minSeconds} and ${maxSeconds}`;
  // null is accepted as "no override": the documented rule shape writes the
  // fields out as null, and constraints mirror the rule shape.
  return z.int({ error: message }).min(minSeconds, message).max(maxSeconds, message).nullable().optional();
}

export const accessTokenTtlOverrideSchema = ttlOverride("access");
export const refreshTokenTtlOverrideSchema = ttlOverride("refresh");

/** Spread into every rule / constraint object schema. */
export const ttlOverrideShape = {
  accessTokenTtlSeconds: accessTokenTtlOverrideSchema,
  refreshTokenTtlSeconds: refreshTokenTtlOverrideSchema,
};

export interface TtlOverrides {
  accessTokenTtlSeconds?: number | null;
  refreshTokenTtlSeconds?: number | null;
}
