import { and, eq, gt, isNull, lt } from "drizzle-orm";
import type { Executor } from "../client";
import { browserSessions } from "../schema";

export type BrowserSessionRow = typeof browserSessions.$inferSelect;

export async function insertBrowserSession(db: Executor, values: typeof browserSessions.$inferInsert): Promise<void> {
  await db.insert(browserSessions).values(values);
}

export async function findLiveBrowserSession(db: Executor, idHash: string, now: Date): Promise<BrowserSessionRow | null> {
  const [row] = await db
    .select()
    .from(browserSessions)
    .where(and(eq(browserSessions.idHash, idHash), isNull(browserSessions.revokedAt), gt(browserSessions.expiresAt, now)));
  return row ?? null;
}

export async function revokeBrowserSession(db: Executor, idHash: string, now: Date): Promise<void> {
  await db.update(browserSessions).set({ revokedAt: now }).where(eq(browserSessions.idHash, idHash));
}

export async function deleteEndedBrowserSessions(db: Executor, now: Date): Promise<void> {
  await db.delete(browserSessions).where(lt(browserSessions.expiresAt, now));
}
