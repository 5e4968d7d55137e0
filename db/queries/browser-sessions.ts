import { and, eq, gt, isNull, lt } from "drizzle-orm";
import type { Executor } from "../client";
import { browserSessions, federationConnectors } from "../schema";
import { deleteInBatches } from "./sweep";

/** A session row with the anchor of the connector it came through (Layer 1 names connectors by anchor). */
export type BrowserSessionRow = typeof browserSessions.$inferSelect & { federationConnectorAnchor: string | null };

export async function insertBrowserSession(db: Executor, values: typeof browserSessions.$inferInsert): Promise<void> {
  await db.insert(browserSessions).values(values);
}

export async function findLiveBrowserSession(db: Executor, idHash: string, now: Date): Promise<BrowserSessionRow | null> {
  const [row] = await db
    .select({ session: browserSessions, federationConnectorAnchor: federationConnectors.anchor })
    .from(browserSessions)
    .leftJoin(federationConnectors, eq(federationConnectors.id, browserSessions.federationConnectorId))
    .where(and(eq(browserSessions.idHash, idHash), isNull(browserSessions.revokedAt), gt(browserSessions.expiresAt, now)));
  return row ? { ...row.session, federationConnectorAnchor: row.federationConnectorAnchor } : null;
}

export async function revokeBrowserSession(db: Executor, idHash: string, now: Date): Promise<void> {
  await db.update(browserSessions).set({ revokedAt: now }).where(eq(browserSessions.idHash, idHash));
}

export async function deleteEndedBrowserSessions(db: Executor, now: Date): Promise<void> {
  await deleteInBatches(db, browserSessions, lt(browserSessions.expiresAt, now));
}
