// Device authorization sessions (docs 19–20). Every state change is one
// conditional statement: the poll that records its own time and grows the
// interval, the browser's decision, the consumption that gates the token
// pair — so racing requests never both win.
import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { queryRows, timestamp, toDate, type Executor } from "../client";
import { deviceSessions, type inquiries } from "../schema";
import { deleteInBatches } from "./sweep";

export type DeviceSessionRow = typeof deviceSessions.$inferSelect;
export type DeviceSessionState = DeviceSessionRow["state"];

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/**
 * Creates the device session and its DEVICE inquiry in one statement. False
 * when the user code is already taken by a live session (the caller draws
 * another): then neither row exists.
 */
export async function insertDeviceSessionWithInquiry(
  db: Executor,
  session: Pick<typeof deviceSessions.$inferInsert, "applicationId" | "deviceCodeHash" | "userCode" | "intervalSeconds" | "expiresAt"> & {
    id: string;
    createdAt: Date;
  },
  inquiry: Pick<
    typeof inquiries.$inferInsert,
    "exposureKeyHash" | "hiddenKeyHash" | "livesRemaining" | "statusPollsRemaining" | "context"
  >,
): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`with session as (
          insert into device_sessions (id, application_id, device_code_hash, user_code, state, interval_seconds, expires_at, created_at)
          values (${session.id}::uuid, ${session.applicationId}::uuid, ${session.deviceCodeHash}, ${session.userCode}, 'PENDING',
            ${session.intervalSeconds}::int, ${timestamp(session.expiresAt)}, ${timestamp(session.createdAt)})
          on conflict (user_code) where state in ('PENDING', 'APPROVED') do nothing
          returning id, application_id, expires_at, created_at)
        insert into inquiries (application_id, purpose, exposure_key_hash, hidden_key_hash, lives_remaining, status_polls_remaining,
          context, expires_at, created_at)
        select application_id, 'DEVICE', ${inquiry.exposureKeyHash}, ${inquiry.hiddenKeyHash}, ${inquiry.livesRemaining}::int,
          ${inquiry.statusPollsRemaining}::int, ${json(inquiry.context)}::jsonb, expires_at, created_at
        from session
        returning id`,
  );
  return rows.length > 0;
}

/** A device session as /device-token sees it right after recording the poll. */
export interface PolledDeviceSession {
  id: string;
  applicationId: string;
  state: DeviceSessionState;
  /** The interval after this poll (grown when it came too early). */
  intervalSeconds: number;
  /** This poll came before the stored interval had elapsed since the previous one. */
  tooFast: boolean;
  expiresAt: Date;
  accountId: string | null;
  authenticationMethod: string | null;
  loginEmail: string | null;
  accessTokenTtlSeconds: number | null;
  refreshTokenTtlSeconds: number | null;
  authTime: Date | null;
  decidedAt: Date | null;
  applicationEnabled: boolean;
  /** The application still has an enabled DEVICE_CODE return rule. */
  deviceCodeAllowed: boolean;
}

/**
 * Records a poll in one statement: the previous poll's time is read under a
 * row lock, so of two racing polls the second sees the first. A pending,
 * unexpired session polled before `interval − leeway` has passed grows its
 * interval by `step` (RFC 8628 §3.5), stored for every later poll.
 */
export async function recordDevicePoll(
  db: Executor,
  deviceCodeHash: string,
  poll: { now: Date; step: number; leewayMs: number },
): Promise<PolledDeviceSession | null> {
  const now = timestamp(poll.now);
  const early = sql`(d.state = 'PENDING' and d.expires_at > ${now} and p.last_polled_at is not null
    and p.last_polled_at + (p.interval_seconds * interval '1 second') - (${poll.leewayMs}::int * interval '1 millisecond') > ${now})`;
  const [row] = await queryRows<PolledDeviceSession>(
    db,
    sql`with p as (
          select id, last_polled_at, interval_seconds from device_sessions where device_code_hash = ${deviceCodeHash} for update)
        update device_sessions d
        set last_polled_at = ${now},
            interval_seconds = case when ${early} then d.interval_seconds + ${poll.step}::int else d.interval_seconds end
        from p
        where d.id = p.id
        returning d.id as "id", d.application_id as "applicationId", d.state as "state", d.interval_seconds as "intervalSeconds",
          ${early} as "tooFast", d.expires_at as "expiresAt", d.account_id as "accountId",
          d.authentication_method as "authenticationMethod", d.login_email as "loginEmail",
          d.access_token_ttl_seconds as "accessTokenTtlSeconds", d.refresh_token_ttl_seconds as "refreshTokenTtlSeconds",
          d.auth_time as "authTime", d.decided_at as "decidedAt",
          (select a.enabled from applications a where a.id = d.application_id) as "applicationEnabled",
          exists (select 1 from return_rules r
                  where r.application_id = d.application_id and r.return_method = 'DEVICE_CODE' and r.enabled) as "deviceCodeAllowed"`,
  );
  if (!row) return null;
  const date = (value: unknown) => (value === null || value === undefined ? null : toDate(value));
  return { ...row, expiresAt: toDate(row.expiresAt), authTime: date(row.authTime), decidedAt: date(row.decidedAt) };
}

/** APPROVED -> CONSUMED, once, as the gate of the token pair's insert (lib/sessions/issue-session.ts). */
export function consumeApprovedDeviceSession(id: string, now: Date) {
  return sql`update device_sessions set state = 'CONSUMED', decided_at = coalesce(decided_at, ${timestamp(now)})
             where id = ${id}::uuid and state = 'APPROVED' and expires_at > ${timestamp(now)} returning 1 as consumed`;
}

/** Ends a session that can no longer be issued (`from` guards against racing changes). True when it moved. */
export async function endDeviceSession(
  db: Executor,
  id: string,
  change: { from: DeviceSessionState[]; to: "DENIED" | "FAILED"; now: Date },
): Promise<boolean> {
  const rows = await db
    .update(deviceSessions)
    .set({ state: change.to, decidedAt: sql`coalesce(${deviceSessions.decidedAt}, ${timestamp(change.now)})` })
    .where(and(eq(deviceSessions.id, id), inArray(deviceSessions.state, change.from)))
    .returning({ id: deviceSessions.id });
  return rows.length > 0;
}

export async function findDeviceSessionById(db: Executor, id: string): Promise<DeviceSessionRow | null> {
  const [row] = await db.select().from(deviceSessions).where(eq(deviceSessions.id, id));
  return row ?? null;
}

/** The live (PENDING or APPROVED) session holding a user code; at most one by the partial unique index. */
export async function findLiveDeviceSessionByUserCode(db: Executor, userCode: string): Promise<DeviceSessionRow | null> {
  const [row] = await db
    .select()
    .from(deviceSessions)
    .where(and(eq(deviceSessions.userCode, userCode), inArray(deviceSessions.state, ["PENDING", "APPROVED"])))
    .orderBy(desc(deviceSessions.createdAt))
    .limit(1);
  return row ?? null;
}

/**
 * The browser's decision, once: PENDING (and unexpired) -> APPROVED or
 * DENIED, taking the sign-in's facts from the realized inquiry, which is
 * consumed (REALIZED -> REDEEMED) in the same statement. False when either
 * had already moved on.
 */
export async function decideDeviceSession(
  db: Executor,
  decision: { deviceSessionId: string; inquiryId: string; approve: boolean; now: Date },
): Promise<boolean> {
  const now = timestamp(decision.now);
  const state = decision.approve ? "APPROVED" : "DENIED";
  // A denial keeps nothing about who denied it.
  const take = (column: string) => (decision.approve ? sql.raw(`i.${column}`) : sql`null`);
  const rows = await queryRows<{ decided: number }>(
    db,
    sql`with decided as (
          update device_sessions d
          set state = ${state}::device_session_state, decided_at = ${now},
              account_id = ${take("account_id")}, authentication_method = ${take("authentication_method")},
              login_email = ${take("login_email")}, access_token_ttl_seconds = ${take("access_token_ttl_seconds")},
              refresh_token_ttl_seconds = ${take("refresh_token_ttl_seconds")}, auth_time = ${take("auth_time")}
          from inquiries i
          where d.id = ${decision.deviceSessionId}::uuid and d.state = 'PENDING' and d.expires_at > ${now}
            and i.id = ${decision.inquiryId}::uuid and i.state = 'REALIZED'
          returning d.id)
        update inquiries set state = 'REDEEMED', redeemed_at = ${now}
        where id = ${decision.inquiryId}::uuid and state = 'REALIZED' and exists (select 1 from decided)
        returning 1 as decided`,
  );
  return rows.length > 0;
}

export async function deleteDeviceSessionsExpiredBefore(db: Executor, cutoff: Date): Promise<void> {
  await deleteInBatches(db, deviceSessions, lt(deviceSessions.expiresAt, cutoff));
}
