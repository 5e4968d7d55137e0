// Upstream sign-in round trips (Steam OpenID now; social and federation
// later): the state that comes back in the return URL, single use, bound to
// the browser that started it.
import { and, eq, gt, isNull, lt } from "drizzle-orm";
import type { Executor } from "../client";
import { upstreamAuthStates } from "../schema";
import { deleteInBatches } from "./sweep";

export type UpstreamAuthStateRow = typeof upstreamAuthStates.$inferSelect;

export async function insertUpstreamAuthState(db: Executor, values: typeof upstreamAuthStates.$inferInsert): Promise<void> {
  await db.insert(upstreamAuthStates).values(values);
}

/** Takes a live state of this browser, once. */
export async function takeUpstreamAuthState(db: Executor, stateHash: string, browserBinding: string, now: Date): Promise<UpstreamAuthStateRow | null> {
  const [row] = await db
    .update(upstreamAuthStates)
    .set({ consumedAt: now })
    .where(
      and(
        eq(upstreamAuthStates.stateHash, stateHash),
        eq(upstreamAuthStates.browserBinding, browserBinding),
        isNull(upstreamAuthStates.consumedAt),
        gt(upstreamAuthStates.expiresAt, now),
      ),
    )
    .returning();
  return row ?? null;
}

export async function deleteExpiredUpstreamAuthStates(db: Executor, cutoff: Date): Promise<void> {
  await deleteInBatches(db, upstreamAuthStates, lt(upstreamAuthStates.expiresAt, cutoff));
}
