// Errands: browser side-trips that settle owed claim work for native clients.
import { and, eq, gt, inArray, lt } from "drizzle-orm";
import type { Executor } from "../client";
import { errands } from "../schema";
import { deleteInBatches } from "./sweep";

export type ErrandRow = typeof errands.$inferSelect;

/** The live (PENDING) errand of one kind for an (application, account), expired or not. */
export async function findPendingErrand(db: Executor, applicationId: string, accountId: string, requiresSignIn: boolean): Promise<ErrandRow | null> {
  const [row] = await db
    .select()
    .from(errands)
    .where(
      and(
        eq(errands.applicationId, applicationId),
        eq(errands.accountId, accountId),
        eq(errands.requiresSignIn, requiresSignIn),
        eq(errands.state, "PENDING"),
      ),
    );
  return row ?? null;
}

/** Inserts unless a live errand of the same kind exists for the pair (a racing call minted it); null then. */
export async function insertErrand(db: Executor, values: typeof errands.$inferInsert): Promise<ErrandRow | null> {
  const [row] = await db.insert(errands).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function findErrandByKeyHash(db: Executor, errandKeyHash: string): Promise<ErrandRow | null> {
  const [row] = await db.select().from(errands).where(eq(errands.errandKeyHash, errandKeyHash));
  return row ?? null;
}

export async function findErrandById(db: Executor, id: string): Promise<ErrandRow | null> {
  const [row] = await db.select().from(errands).where(eq(errands.id, id));
  return row ?? null;
}

/** Retires a PENDING errand (superseded by a fresh one); false when it was no longer pending. */
export async function retireErrand(db: Executor, id: string): Promise<boolean> {
  const rows = await db
    .update(errands)
    .set({ state: "CONSUMED" })
    .where(and(eq(errands.id, id), eq(errands.state, "PENDING")))
    .returning({ id: errands.id });
  return rows.length > 0;
}

/** PENDING -> COMPLETED, once, while the errand is alive. */
export async function markErrandCompleted(db: Executor, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(errands)
    .set({ state: "COMPLETED", completedAt: now })
    .where(and(eq(errands.id, id), eq(errands.state, "PENDING"), gt(errands.expiresAt, now)))
    .returning({ id: errands.id });
  return rows.length > 0;
}

/** Ends the errands of one kind for a pair (a successful issue made them moot); returns how many. */
export async function consumeErrandsOf(db: Executor, applicationId: string, accountId: string, requiresSignIn: boolean): Promise<number> {
  const rows = await db
    .update(errands)
    .set({ state: "CONSUMED" })
    .where(
      and(
        eq(errands.applicationId, applicationId),
        eq(errands.accountId, accountId),
        eq(errands.requiresSignIn, requiresSignIn),
        inArray(errands.state, ["PENDING", "COMPLETED"]),
      ),
    )
    .returning({ id: errands.id });
  return rows.length;
}

export async function deleteErrandsExpiredBefore(db: Executor, cutoff: Date): Promise<void> {
  await deleteInBatches(db, errands, lt(errands.expiresAt, cutoff));
}
