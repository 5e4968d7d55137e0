// The OpenID Provider's own rows: platform signing keys, authorization codes
// and application client secrets.
import { and, desc, eq, lt, sql } from "drizzle-orm";
import { queryRows, timestamp, type Executor } from "../client";
import { applications, oidcAuthorizationCodes, oidcSigningKeys } from "../schema";
import { deleteInBatches } from "./sweep";

export type OidcSigningKeyRow = typeof oidcSigningKeys.$inferSelect;
export type OidcAuthorizationCodeRow = typeof oidcAuthorizationCodes.$inferSelect;

// ---------------------------------------------------------------- signing keys

export async function findActiveSigningKey(db: Executor): Promise<OidcSigningKeyRow | null> {
  const [row] = await db.select().from(oidcSigningKeys).where(eq(oidcSigningKeys.state, "ACTIVE"));
  return row ?? null;
}

/** The active key and the most recently retired one: what the JWKS publishes and what verifies. */
export async function listPublishedSigningKeys(db: Executor): Promise<OidcSigningKeyRow[]> {
  const [active, retired] = await Promise.all([
    findActiveSigningKey(db),
    db.select().from(oidcSigningKeys).where(eq(oidcSigningKeys.state, "RETIRED")).orderBy(desc(oidcSigningKeys.retiredAt)),
  ]);
  return [...(active ? [active] : []), ...retired];
}

/** Inserts the first active key unless another instance got there first (the partial unique index decides). */
export async function insertActiveSigningKeyIfNone(db: Executor, values: Omit<typeof oidcSigningKeys.$inferInsert, "state">): Promise<void> {
  await db
    .insert(oidcSigningKeys)
    .values({ ...values, state: "ACTIVE" })
    .onConflictDoNothing();
}

/**
 * Rotation, inside the caller's transaction: keys retired before
 * `retiredBefore` stop verifying (every token they signed has expired), the
 * active one retires (still published), the new one becomes active. Returns
 * the kid that was active, if any.
 */
export async function rotateSigningKeys(
  tx: Executor,
  next: Omit<typeof oidcSigningKeys.$inferInsert, "state">,
  now: Date,
  retiredBefore: Date,
): Promise<string | null> {
  await tx
    .update(oidcSigningKeys)
    .set({ state: "REVOKED" })
    .where(and(eq(oidcSigningKeys.state, "RETIRED"), lt(oidcSigningKeys.retiredAt, retiredBefore)));
  const retired = await tx
    .update(oidcSigningKeys)
    .set({ state: "RETIRED", retiredAt: now })
    .where(eq(oidcSigningKeys.state, "ACTIVE"))
    .returning({ kid: oidcSigningKeys.kid });
  await tx.insert(oidcSigningKeys).values({ ...next, state: "ACTIVE" });
  return retired[0]?.kid ?? null;
}

// ---------------------------------------------------------------- authorization codes

export interface NewAuthorizationCode {
  codeHash: string;
  applicationId: string;
  redirectUri: string;
  codeChallenge: string;
  scope: string;
  nonce: string | null;
  expiresAt: Date;
  now: Date;
}

/**
 * Turns a realized OIDC inquiry into its authorization code in ONE statement:
 * the inquiry is consumed (REALIZED -> REDEEMED) and the code takes the
 * sign-in it carries (account, method, email, folded TTLs, auth time). False
 * when the inquiry was not realized (a racing second finish).
 */
export async function insertCodeConsumingInquiry(db: Executor, inquiryId: string, code: NewAuthorizationCode): Promise<boolean> {
  const rows = await queryRows<{ inserted: number }>(
    db,
    sql`with consumed as (
          update inquiries set state = 'REDEEMED', redeemed_at = ${timestamp(code.now)}
          where id = ${inquiryId}::uuid and state = 'REALIZED' and account_id is not null
          returning account_id, authentication_method, login_email, access_token_ttl_seconds, refresh_token_ttl_seconds,
            coalesce(auth_time, realized_at) as auth_time)
        insert into oidc_authorization_codes (code_hash, application_id, account_id, redirect_uri, code_challenge, scope, nonce,
          auth_time, authentication_method, login_email, access_token_ttl_seconds, refresh_token_ttl_seconds, expires_at, created_at)
        select ${code.codeHash}, ${code.applicationId}::uuid, account_id, ${code.redirectUri}, ${code.codeChallenge}, ${code.scope},
          ${code.nonce}, auth_time, authentication_method, login_email, access_token_ttl_seconds, refresh_token_ttl_seconds,
          ${timestamp(code.expiresAt)}, ${timestamp(code.now)}
        from consumed
        returning 1 as inserted`,
  );
  return rows.length > 0;
}

export async function findAuthorizationCode(db: Executor, codeHash: string): Promise<OidcAuthorizationCodeRow | null> {
  const [row] = await db.select().from(oidcAuthorizationCodes).where(eq(oidcAuthorizationCodes.codeHash, codeHash));
  return row ?? null;
}

/**
 * The code's single use, as a statement to run inside the session insert:
 * it matches only an unspent, unexpired code and records the family it mints.
 */
export function consumeAuthorizationCode(codeHash: string, familyId: string, now: Date) {
  return sql`update oidc_authorization_codes set consumed_at = ${timestamp(now)}, issued_family_id = ${familyId}::uuid
             where code_hash = ${codeHash} and consumed_at is null and expires_at > ${timestamp(now)}
             returning 1 as consumed`;
}

export async function deleteAuthorizationCodesExpiredBefore(db: Executor, cutoff: Date): Promise<void> {
  await deleteInBatches(db, oidcAuthorizationCodes, lt(oidcAuthorizationCodes.expiresAt, cutoff));
}

// ---------------------------------------------------------------- client secrets

/** Stores a new client secret hash; null when no application has that anchor. */
export async function setOidcClientSecretHash(db: Executor, anchor: string, secretHash: string, now: Date): Promise<{ id: string } | null> {
  const [row] = await db
    .update(applications)
    .set({ oidcClientSecretHash: secretHash, oidcClientSecretRotatedAt: now })
    .where(eq(applications.anchor, anchor))
    .returning({ id: applications.id });
  return row ?? null;
}
