// Native direct-issue state: pre-issued AccessKey credentials and the Steam
// ticket replay window.
import { and, asc, eq, isNull, lt, sql, type SQL } from "drizzle-orm";
import { timestamp, type Executor } from "../client";
import { accessKeyCredentials, refreshTokenFamilies, steamTicketReplays } from "../schema";
import { deleteInBatches } from "./sweep";

export type AccessKeyRow = typeof accessKeyCredentials.$inferSelect;

export async function insertAccessKey(db: Executor, values: typeof accessKeyCredentials.$inferInsert): Promise<AccessKeyRow> {
  const [row] = await db.insert(accessKeyCredentials).values(values).returning();
  return row!;
}

export async function findAccessKey(db: Executor, id: string): Promise<AccessKeyRow | null> {
  const [row] = await db.select().from(accessKeyCredentials).where(eq(accessKeyCredentials.id, id));
  return row ?? null;
}

export async function listAccessKeyRows(db: Executor, filter: { applicationId: string; accountId?: string }): Promise<AccessKeyRow[]> {
  const where = filter.accountId
    ? and(eq(accessKeyCredentials.applicationId, filter.applicationId), eq(accessKeyCredentials.accountId, filter.accountId))
    : eq(accessKeyCredentials.applicationId, filter.applicationId);
  return db.select().from(accessKeyCredentials).where(where).orderBy(asc(accessKeyCredentials.createdAt), asc(accessKeyCredentials.id));
}

/** The soft delete: exactly one caller revokes a live key. */
export async function markAccessKeyRevoked(db: Executor, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(accessKeyCredentials)
    .set({ revokedAt: now })
    .where(and(eq(accessKeyCredentials.id, id), isNull(accessKeyCredentials.revokedAt)))
    .returning({ id: accessKeyCredentials.id });
  return rows.length > 0;
}

/** Revokes every live session a key minted; returns how many. */
export async function revokeFamiliesOfAccessKey(db: Executor, accessKeyId: string, reason: string, now: Date): Promise<number> {
  const rows = await db
    .update(refreshTokenFamilies)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(refreshTokenFamilies.accessKeyId, accessKeyId), isNull(refreshTokenFamilies.revokedAt)))
    .returning({ id: refreshTokenFamilies.id });
  return rows.length;
}

export async function touchAccessKey(db: Executor, id: string, now: Date): Promise<void> {
  await db.update(accessKeyCredentials).set({ lastUsedAt: now }).where(eq(accessKeyCredentials.id, id));
}

/**
 * The session gate of an AccessKey issue (see issueSession's `consume`): one
 * row while the key is unrevoked. FOR SHARE makes a concurrent revocation
 * wait for this issue to commit (so it revokes the new session too), or this
 * issue wait for the revocation (and then mint nothing).
 */
export function accessKeyStillLive(id: string): SQL {
  return sql`select 1 as consumed from access_key_credentials where id = ${id}::uuid and revoked_at is null for share`;
}

/**
 * Records a ticket hash for the replay window in one conditional write: a
 * new hash, or one whose window has ended (not swept yet), is taken; a live
 * one is a replay. True when this caller took it.
 */
export async function recordSteamTicket(db: Executor, ticketHash: string, now: Date, expiresAt: Date): Promise<boolean> {
  const rows = await db
    .insert(steamTicketReplays)
    .values({ ticketHash, expiresAt })
    .onConflictDoUpdate({
      target: steamTicketReplays.ticketHash,
      set: { expiresAt: sql`excluded.expires_at` },
      setWhere: sql`${steamTicketReplays.expiresAt} <= ${timestamp(now)}`,
    })
    .returning({ ticketHash: steamTicketReplays.ticketHash });
  return rows.length > 0;
}

/** Forgets a recorded ticket (Steam could not be asked about it, so it was never really presented). */
export async function releaseSteamTicket(db: Executor, ticketHash: string): Promise<void> {
  await db.delete(steamTicketReplays).where(eq(steamTicketReplays.ticketHash, ticketHash));
}

export async function deleteEndedSteamTickets(db: Executor, now: Date): Promise<void> {
  await deleteInBatches(db, steamTicketReplays, lt(steamTicketReplays.expiresAt, now));
}
