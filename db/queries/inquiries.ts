import { and, eq, gt, lt, sql } from "drizzle-orm";
import { queryRows, timestamp, toDate, type Executor } from "../client";
import { sessionSubjectColumns, type SessionSubjectRow } from "./session-subject";
import { inquiries } from "../schema";
import { deleteInBatches } from "./sweep";

export type InquiryRow = typeof inquiries.$inferSelect;

export async function insertInquiry(db: Executor, values: typeof inquiries.$inferInsert): Promise<InquiryRow> {
  const [row] = await db.insert(inquiries).values(values).returning();
  return row!;
}

export async function findInquiryByExposureHash(db: Executor, exposureKeyHash: string): Promise<InquiryRow | null> {
  const [row] = await db.select().from(inquiries).where(eq(inquiries.exposureKeyHash, exposureKeyHash));
  return row ?? null;
}

export async function findInquiryById(db: Executor, id: string): Promise<InquiryRow | null> {
  const [row] = await db.select().from(inquiries).where(eq(inquiries.id, id));
  return row ?? null;
}

/** Spends one status poll; returns the row after the decrement (null if unknown). */
export async function spendStatusPoll(db: Executor, id: string): Promise<InquiryRow | null> {
  const [row] = await db
    .update(inquiries)
    .set({ statusPollsRemaining: sql`${inquiries.statusPollsRemaining} - 1` })
    .where(eq(inquiries.id, id))
    .returning();
  return row ?? null;
}

/** Spends one life of a pending inquiry; at zero it dies. Returns lives left, or null if it was not pending. */
export async function spendLife(db: Executor, id: string): Promise<number | null> {
  const [row] = await db
    .update(inquiries)
    .set({
      livesRemaining: sql`${inquiries.livesRemaining} - 1`,
      state: sql`case when ${inquiries.livesRemaining} <= 1 then 'DEAD'::inquiry_state else ${inquiries.state} end`,
    })
    .where(and(eq(inquiries.id, id), eq(inquiries.state, "PENDING"), gt(inquiries.livesRemaining, 0)))
    .returning({ livesRemaining: inquiries.livesRemaining });
  return row ? row.livesRemaining : null;
}

/**
 * PENDING -> REDEEMED with nothing issued, once: the inquiry was answered
 * another way (an OIDC relying party or a device told access_denied) and cannot be
 * signed in to any more. False when it was no longer pending.
 */
export async function closePendingInquiry(db: Executor, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(inquiries)
    .set({ state: "REDEEMED", redeemedAt: now })
    .where(and(eq(inquiries.id, id), eq(inquiries.state, "PENDING")))
    .returning({ id: inquiries.id });
  return rows.length > 0;
}

/** PENDING -> REALIZED, once: the conditional write decides between racing realizes. */
export async function markInquiryRealized(
  db: Executor,
  id: string,
  values: Pick<
    typeof inquiries.$inferInsert,
    | "accountId"
    | "authenticationMethod"
    | "loginEmail"
    | "accessTokenTtlSeconds"
    | "refreshTokenTtlSeconds"
    | "authTime"
    | "confirmationKeyHash"
    | "confirmationNonce"
    | "expiresAt"
    | "realizedAt"
    | "context"
  >,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(inquiries)
    .set({ ...values, state: "REALIZED" })
    .where(and(eq(inquiries.id, id), eq(inquiries.state, "PENDING"), gt(inquiries.expiresAt, now)))
    .returning({ id: inquiries.id });
  return rows.length > 0;
}

export async function deleteInquiriesExpiredBefore(db: Executor, cutoff: Date): Promise<void> {
  await deleteInBatches(db, inquiries, lt(inquiries.expiresAt, cutoff));
}

/** An inquiry as /redeem needs it, with its session subject, in one statement. */
export interface RedeemContextRow extends SessionSubjectRow {
  inquiryId: string;
  state: InquiryRow["state"];
  hiddenKeyHash: string;
  confirmationKeyHash: string | null;
  expiresAt: Date;
  authenticationMethod: string | null;
  loginEmail: string | null;
  accessTokenTtlSeconds: number | null;
  refreshTokenTtlSeconds: number | null;
  authTime: Date | null;
  realizedAt: Date | null;
}

export async function findRedeemContext(db: Executor, exposureKeyHash: string): Promise<RedeemContextRow | null> {
  const [row] = await queryRows<RedeemContextRow>(
    db,
    sql`select i.id as "inquiryId", i.state, i.hidden_key_hash as "hiddenKeyHash",
          i.confirmation_key_hash as "confirmationKeyHash", i.expires_at as "expiresAt",
          i.authentication_method as "authenticationMethod", i.login_email as "loginEmail",
          i.access_token_ttl_seconds as "accessTokenTtlSeconds", i.refresh_token_ttl_seconds as "refreshTokenTtlSeconds",
          i.auth_time as "authTime", i.realized_at as "realizedAt",
          ${sessionSubjectColumns}
        from inquiries i
        join applications app on app.id = i.application_id
        left join accounts acc on acc.id = i.account_id
        where i.exposure_key_hash = ${exposureKeyHash}`,
  );
  if (!row) return null;
  return {
    ...row,
    expiresAt: toDate(row.expiresAt),
    authTime: row.authTime ? toDate(row.authTime) : null,
    realizedAt: row.realizedAt ? toDate(row.realizedAt) : null,
  };
}

/** The REALIZED -> REDEEMED guard as a statement to run inside the session insert. */
export function consumeRealizedInquiry(inquiryId: string, now: Date) {
  return sql`update inquiries set state = 'REDEEMED', redeemed_at = ${timestamp(now)}
             where id = ${inquiryId}::uuid and state = 'REALIZED' returning 1 as consumed`;
}

/**
 * /establish's one write: record the client-auth jti and create the inquiry
 * in the same statement — a replayed jti creates nothing. False on replay.
 */
export async function insertInquiryRecordingJti(
  db: Executor,
  assertion: { applicationId: string; jti: string; rememberUntil: Date },
  values: typeof inquiries.$inferInsert,
): Promise<boolean> {
  const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
  const rows = await queryRows<{ id: string }>(
    db,
    sql`with assertion as (
          insert into used_client_assertions (application_id, jti, expires_at)
          values (${assertion.applicationId}::uuid, ${assertion.jti}, ${timestamp(assertion.rememberUntil)})
          on conflict do nothing returning 1 as fresh)
        insert into inquiries (application_id, purpose, exposure_key_hash, hidden_key_hash, authentication_constraints,
          realize_constraints, return_methods, lives_remaining, status_polls_remaining, expires_at, created_at)
        select ${values.applicationId}::uuid, ${values.purpose ?? "CONNECT"}::inquiry_purpose, ${values.exposureKeyHash}, ${values.hiddenKeyHash},
          ${json(values.authenticationConstraints)}::jsonb, ${json(values.realizeConstraints)}::jsonb, ${json(values.returnMethods)}::jsonb,
          ${values.livesRemaining}::int, ${values.statusPollsRemaining}::int, ${timestamp(values.expiresAt)},
          ${timestamp((values.createdAt ?? new Date()))}
        from assertion
        returning id`,
  );
  return rows.length > 0;
}
