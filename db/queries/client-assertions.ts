import { lt } from "drizzle-orm";
import type { Executor } from "../client";
import { usedClientAssertions } from "../schema";
import { deleteInBatches } from "./sweep";

/** Records a jti; false when it was already recorded (a replay). One conditional insert, no read. */
export async function recordClientAssertion(db: Executor, applicationId: string, jti: string, expiresAt: Date): Promise<boolean> {
  const rows = await db
    .insert(usedClientAssertions)
    .values({ applicationId, jti, expiresAt })
    .onConflictDoNothing()
    .returning({ jti: usedClientAssertions.jti });
  return rows.length > 0;
}

export async function deleteExpiredClientAssertions(db: Executor, now: Date): Promise<void> {
  await deleteInBatches(db, usedClientAssertions, lt(usedClientAssertions.expiresAt, now));
}
