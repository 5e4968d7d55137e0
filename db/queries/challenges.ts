import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { otpChallenges, passkeyChallenges } from "../schema";
import { deleteInBatches } from "./sweep";

export type OtpChallengeRow = typeof otpChallenges.$inferSelect;
export type PasskeyChallengeRow = typeof passkeyChallenges.$inferSelect;

export async function insertOtpChallenge(db: Executor, values: typeof otpChallenges.$inferInsert): Promise<OtpChallengeRow> {
  const [row] = await db.insert(otpChallenges).values(values).returning();
  return row!;
}

/** A live (unconsumed, unexpired) challenge of this browser. */
export async function findLiveOtpChallenge(db: Executor, id: string, browserBinding: string, now: Date): Promise<OtpChallengeRow | null> {
  const [row] = await db
    .select()
    .from(otpChallenges)
    .where(
      and(eq(otpChallenges.id, id), eq(otpChallenges.browserBinding, browserBinding), isNull(otpChallenges.consumedAt), gt(otpChallenges.expiresAt, now)),
    );
  return row ?? null;
}

/** Supersedes this browser's earlier live codes for the same purpose and email (a resend invalidates the old code). */
export async function consumeOtherOtpChallenges(db: Executor, browserBinding: string, email: string, now: Date): Promise<void> {
  await db
    .update(otpChallenges)
    .set({ consumedAt: now })
    .where(and(eq(otpChallenges.browserBinding, browserBinding), eq(otpChallenges.email, email), isNull(otpChallenges.consumedAt)));
}

/** Single use: exactly one caller consumes a challenge. */
export async function consumeOtpChallenge(db: Executor, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(otpChallenges)
    .set({ consumedAt: now })
    .where(and(eq(otpChallenges.id, id), isNull(otpChallenges.consumedAt), gt(otpChallenges.expiresAt, now)))
    .returning({ id: otpChallenges.id });
  return rows.length > 0;
}

/**
 * Takes one guess of a live challenge's budget in one conditional write, so
 * concurrent guesses are counted one at a time; null when none is left (or
 * the challenge is spent or expired). Returns the guesses taken so far.
 */
export async function takeOtpGuess(db: Executor, id: string, allowed: number, now: Date): Promise<number | null> {
  const [row] = await db
    .update(otpChallenges)
    .set({ attempts: sql`${otpChallenges.attempts} + 1` })
    .where(and(eq(otpChallenges.id, id), isNull(otpChallenges.consumedAt), gt(otpChallenges.expiresAt, now), lt(otpChallenges.attempts, allowed)))
    .returning({ attempts: otpChallenges.attempts });
  return row ? row.attempts : null;
}

export async function insertPasskeyChallenge(db: Executor, values: typeof passkeyChallenges.$inferInsert): Promise<PasskeyChallengeRow> {
  const [row] = await db.insert(passkeyChallenges).values(values).returning();
  return row!;
}

/** Takes a live challenge of this browser, once. */
export async function takePasskeyChallenge(db: Executor, id: string, browserBinding: string, now: Date): Promise<PasskeyChallengeRow | null> {
  const [row] = await db
    .update(passkeyChallenges)
    .set({ consumedAt: now })
    .where(
      and(
        eq(passkeyChallenges.id, id),
        eq(passkeyChallenges.browserBinding, browserBinding),
        isNull(passkeyChallenges.consumedAt),
        gt(passkeyChallenges.expiresAt, now),
      ),
    )
    .returning();
  return row ?? null;
}

export async function deleteExpiredChallenges(db: Executor, cutoff: Date): Promise<void> {
  await deleteInBatches(db, otpChallenges, lt(otpChallenges.expiresAt, cutoff));
  await deleteInBatches(db, passkeyChallenges, lt(passkeyChallenges.expiresAt, cutoff));
}
