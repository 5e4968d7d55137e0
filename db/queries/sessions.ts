import { and, eq, isNotNull, isNull, lt, sql, type SQL } from "drizzle-orm";
import { queryRows, timestamp, toDate, type Executor } from "../client";
import type { SessionSubjectRow } from "./session-subject";
import { sessionSubjectColumns } from "./session-subject";
import { restrictivePolicyGovernsAccount } from "./domains";
import { refreshTokenFamilies, refreshTokens } from "../schema";
import { deleteInBatches } from "./sweep";

export type FamilyRow = typeof refreshTokenFamilies.$inferSelect;
export type RefreshTokenRow = typeof refreshTokens.$inferSelect;

export async function insertFamily(db: Executor, values: typeof refreshTokenFamilies.$inferInsert): Promise<FamilyRow> {
  const [row] = await db.insert(refreshTokenFamilies).values(values).returning();
  return row!;
}

export async function insertRefreshToken(db: Executor, values: typeof refreshTokens.$inferInsert): Promise<void> {
  await db.insert(refreshTokens).values(values);
}

export async function findRefreshToken(db: Executor, idHash: string): Promise<{ token: RefreshTokenRow; family: FamilyRow } | null> {
  const [row] = await db
    .select({ token: refreshTokens, family: refreshTokenFamilies })
    .from(refreshTokens)
    .innerJoin(refreshTokenFamilies, eq(refreshTokenFamilies.id, refreshTokens.familyId))
    .where(eq(refreshTokens.idHash, idHash));
  return row ?? null;
}

/** The family's current (never rotated) token. */
export async function findLiveTokenOfFamily(db: Executor, familyId: string): Promise<RefreshTokenRow | null> {
  const [row] = await db
    .select()
    .from(refreshTokens)
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.rotatedAt)));
  return row ?? null;
}

/** Strict rotation's single conditional write: only one caller can rotate a token. */
export async function markRotated(db: Executor, idHash: string, replacedByIdHash: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(refreshTokens)
    .set({ rotatedAt: now, replacedByIdHash })
    .where(and(eq(refreshTokens.idHash, idHash), isNull(refreshTokens.rotatedAt), isNull(refreshTokens.suspendedAt)))
    .returning({ idHash: refreshTokens.idHash });
  return rows.length > 0;
}

/** Revokes a whole family; false when it was already revoked. */
export async function revokeFamily(db: Executor, familyId: string, reason: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(refreshTokenFamilies)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(refreshTokenFamilies.id, familyId), isNull(refreshTokenFamilies.revokedAt)))
    .returning({ id: refreshTokenFamilies.id });
  return rows.length > 0;
}

/** Revokes every live session under one application (of one account, when given); returns how many were live. */
export async function revokeLiveFamilies(db: Executor, scope: { applicationId: string; accountId?: string }, reason: string, now: Date): Promise<number> {
  const rows = await db
    .update(refreshTokenFamilies)
    .set({ revokedAt: now, revokedReason: reason })
    .where(
      and(
        scope.accountId === undefined ? undefined : eq(refreshTokenFamilies.accountId, scope.accountId),
        eq(refreshTokenFamilies.applicationId, scope.applicationId),
        isNull(refreshTokenFamilies.revokedAt),
        sql`exists (select 1 from ${refreshTokens} t where t.family_id = ${refreshTokenFamilies.id}
          and t.rotated_at is null and t.suspended_at is null and t.expires_at > ${timestamp(now)})`,
      ),
    )
    .returning({ id: refreshTokenFamilies.id });
  return rows.length;
}

/**
 * Forgets sessions and spent tokens that expired before `cutoff`. A family's
 * tokens form one chain whose expiries only grow (each replacement expires a
 * full TTL after its rotation), so the one unrotated token is the family's
 * last: once it expired before the cutoff, so did the whole family. Spent
 * (rotated) tokens of a family still in use go once they themselves expired
 * before the cutoff — otherwise a session refreshed every few hours would
 * keep every token it ever had. Both are range reads of the expiry index.
 */
export async function deleteExpiredSessions(db: Executor, cutoff: Date): Promise<{ families: number; spentTokens: number }> {
  const before = timestamp(cutoff);
  const spentTokens = await deleteInBatches(db, refreshTokens, and(lt(refreshTokens.expiresAt, cutoff), isNotNull(refreshTokens.rotatedAt))!);
  const families = await deleteInBatches(
    db,
    refreshTokenFamilies,
    sql`exists (select 1 from ${refreshTokens} t where t.family_id = ${refreshTokenFamilies.id} and t.rotated_at is null and t.expires_at < ${before})`,
  );
  return { families, spentTokens };
}

export interface NewSessionRows {
  family: {
    id: string;
    applicationId: string;
    accountId: string;
    origin: string;
    authenticationMethod: string | null;
    emailAddress: string | null;
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
    authTime: Date;
    oidcScope: string | null;
    accessKeyId: string | null;
  };
  token: { idHash: string; issuedAt: Date; expiresAt: Date };
}

/**
 * Creates a family and its first refresh token in ONE statement, gated on a
 * single-use consumption (an inquiry, a device session, an OIDC code) when
 * given: if the consumption matches no row, nothing is inserted. Atomic on
 * both databases without an explicit transaction. True when created.
 */
export async function insertSessionConsuming(db: Executor, consume: SQL | null, rows: NewSessionRows): Promise<boolean> {
  const { family: f, token: t } = rows;
  const gate = consume ?? sql`select 1 as consumed`;
  const created = await queryRows<{ familyId: string }>(
    db,
    sql`with consumed as (${gate}),
        family as (
          insert into refresh_token_families (id, application_id, account_id, origin, authentication_method, email_address,
            access_token_ttl_seconds, refresh_token_ttl_seconds, auth_time, oidc_scope, access_key_id, created_at)
          select ${f.id}::uuid, ${f.applicationId}::uuid, ${f.accountId}::uuid, ${f.origin}, ${f.authenticationMethod}, ${f.emailAddress},
            ${f.accessTokenTtlSeconds}::int, ${f.refreshTokenTtlSeconds}::int, ${timestamp(f.authTime)}, ${f.oidcScope},
            ${f.accessKeyId}::uuid, ${timestamp(t.issuedAt)}
          from consumed limit 1
          returning id)
        insert into refresh_tokens (id_hash, family_id, issued_at, expires_at)
        select ${t.idHash}, id, ${timestamp(t.issuedAt)}, ${timestamp(t.expiresAt)} from family
        returning family_id as "familyId"`,
  );
  return created.length > 0;
}

/** A refresh token with its family and session subject, in one statement. */
export interface RefreshContextRow extends SessionSubjectRow {
  idHash: string;
  familyId: string;
  issuedAt: Date;
  expiresAt: Date;
  rotatedAt: Date | null;
  replacedByIdHash: string | null;
  suspendedAt: Date | null;
  familyRevokedAt: Date | null;
  familyApplicationId: string;
  emailAddress: string | null;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** How the session began (CONNECT, DEVICE, OIDC…), its OIDC scope and its first sign-in. */
  origin: string;
  oidcScope: string | null;
  authTime: Date;
  /** A BLOCK_ALL / SSO_ONLY domain login policy governs the account now (docs 22, 25). */
  loginPolicyGoverns: boolean;
}

export async function findRefreshContext(db: Executor, idHash: string): Promise<RefreshContextRow | null> {
  const [row] = await queryRows<RefreshContextRow>(
    db,
    sql`select t.id_hash as "idHash", t.family_id as "familyId", t.issued_at as "issuedAt", t.expires_at as "expiresAt",
          t.rotated_at as "rotatedAt", t.replaced_by_id_hash as "replacedByIdHash", t.suspended_at as "suspendedAt",
          f.revoked_at as "familyRevokedAt", f.application_id as "familyApplicationId", f.email_address as "emailAddress",
          f.access_token_ttl_seconds as "accessTokenTtlSeconds", f.refresh_token_ttl_seconds as "refreshTokenTtlSeconds",
          f.origin, f.oidc_scope as "oidcScope", f.auth_time as "authTime",
          ${restrictivePolicyGovernsAccount} as "loginPolicyGoverns",
          ${sessionSubjectColumns}
        from refresh_tokens t
        join refresh_token_families f on f.id = t.family_id
        join applications app on app.id = f.application_id
        left join accounts acc on acc.id = f.account_id
        where t.id_hash = ${idHash}`,
  );
  if (!row) return null;
  const date = (value: unknown) => (value === null || value === undefined ? null : toDate(value));
  return {
    ...row,
    issuedAt: toDate(row.issuedAt),
    expiresAt: toDate(row.expiresAt),
    rotatedAt: date(row.rotatedAt),
    suspendedAt: date(row.suspendedAt),
    familyRevokedAt: date(row.familyRevokedAt),
    authTime: toDate(row.authTime),
  };
}

/** Strict rotation in ONE statement: consume the presented token and insert its replacement, or nothing. */
export async function rotateRefreshToken(
  db: Executor,
  rotation: { idHash: string; replacementIdHash: string; now: Date; replacementExpiresAt: Date },
): Promise<boolean> {
    const rows = await queryRows<{ familyId: string }>(
    db,
    sql`with rotated as (
          update refresh_tokens set rotated_at = ${timestamp(rotation.now)}, replaced_by_id_hash = ${rotation.replacementIdHash}
          where id_hash = ${rotation.idHash} and rotated_at is null and suspended_at is null
          returning family_id)
        insert into refresh_tokens (id_hash, family_id, parent_id_hash, issued_at, expires_at)
        select ${rotation.replacementIdHash}, family_id, ${rotation.idHash}, ${timestamp(rotation.now)}, ${timestamp(rotation.replacementExpiresAt)}
        from rotated
        returning family_id as "familyId"`,
  );
  return rows.length > 0;
}
