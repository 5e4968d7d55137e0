// Database-backed fixed-window rate limits, shared by every instance.
import { currentRateLimitWindow, hitRateLimit } from "@/db/queries/rate-limits";
import { fail } from "./errors";
import type { Deps } from "./runtime";

export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

export async function enforceRateLimit(deps: Pick<Deps, "db" | "clock">, key: string, rule: RateLimit): Promise<void> {
  const now = deps.clock.now();
  const { count, windowEndsAt } = await hitRateLimit(deps.db, key, rule.windowSeconds, now);
  if (count > rule.limit) rateLimited(now, windowEndsAt);
}

/**
 * Refuses once the window's count has reached the limit, without counting
 * this request — for limits on failures only (count them with
 * enforceRateLimit when they happen), so a limited caller cannot keep trying.
 */
export async function assertUnderRateLimit(deps: Pick<Deps, "db" | "clock">, key: string, rule: RateLimit): Promise<void> {
  const now = deps.clock.now();
  const window = await currentRateLimitWindow(deps.db, key, now);
  if (window && window.count >= rule.limit) rateLimited(now, window.windowEndsAt);
}

function rateLimited(now: Date, windowEndsAt: Date): never {
  const retryAfterSeconds = Math.max(1, Math.ceil((windowEndsAt.getTime() - now.getTime()) / 1000));
  fail("RateLimited", {
    message: `Too many requests; try again in ${retryAfterSeconds} seconds.`,
    headers: { "retry-after": String(retryAfterSeconds) },
    body: { retryAfterSeconds },
  });
}
