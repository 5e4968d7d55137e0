import { and, eq, gt, lt, sql } from "drizzle-orm";
import { timestamp, type Executor } from "../client";
import { rateLimitBuckets } from "../schema";
import { deleteInBatches } from "./sweep";

/**
 * Counts one hit in a fixed window, atomically (one upsert): a new window
 * starts when the previous one has ended. Returns the count in the current
 * window and when it ends.
 */
export async function hitRateLimit(db: Executor, key: string, windowSeconds: number, now: Date): Promise<{ count: number; windowEndsAt: Date }> {
  const windowEnd = new Date(now.getTime() + windowSeconds * 1000);
  const [row] = await db
    .insert(rateLimitBuckets)
    .values({ key, count: 1, windowEndsAt: windowEnd })
    .onConflictDoUpdate({
      target: rateLimitBuckets.key,
      set: {
        count: sql`case when ${rateLimitBuckets.windowEndsAt} <= ${timestamp(now)} then 1 else ${rateLimitBuckets.count} + 1 end`,
        windowEndsAt: sql`case when ${rateLimitBuckets.windowEndsAt} <= ${timestamp(now)} then ${timestamp(windowEnd)} else ${rateLimitBuckets.windowEndsAt} end`,
      },
    })
    .returning({ count: rateLimitBuckets.count, windowEndsAt: rateLimitBuckets.windowEndsAt });
  return row!;
}

/** The current window's count and end without counting a hit (null when no window is running). */
export async function currentRateLimitWindow(db: Executor, key: string, now: Date): Promise<{ count: number; windowEndsAt: Date } | null> {
  const [row] = await db
    .select({ count: rateLimitBuckets.count, windowEndsAt: rateLimitBuckets.windowEndsAt })
    .from(rateLimitBuckets)
    .where(and(eq(rateLimitBuckets.key, key), gt(rateLimitBuckets.windowEndsAt, now)));
  return row ?? null;
}

export async function deleteEndedRateLimits(db: Executor, now: Date): Promise<void> {
  await deleteInBatches(db, rateLimitBuckets, lt(rateLimitBuckets.windowEndsAt, now));
}
