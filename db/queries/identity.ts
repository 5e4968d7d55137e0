import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { queryRows, toDate, type Executor } from "../client";
import { accountAliases, accounts, authentications, claimGrants, emailIdentities, sectorSubjects } from "../schema";

export type AccountRow = typeof accounts.$inferSelect;
export type EmailIdentityRow = typeof emailIdentities.$inferSelect;
export type AuthenticationRow = typeof authentications.$inferSelect;
export type ClaimGrantRow = typeof claimGrants.$inferSelect;

export async function insertAccount(db: Executor, values: typeof accounts.$inferInsert): Promise<AccountRow> {
  const [row] = await db.insert(accounts).values(values).returning();
  return row!;
}

export async function findAccountById(db: Executor, id: string): Promise<AccountRow | null> {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, id));
  return row ?? null;
}

export async function updateAccount(db: Executor, id: string, values: Partial<typeof accounts.$inferInsert>): Promise<void> {
  await db.update(accounts).set(values).where(eq(accounts.id, id));
}

export async function findEmailIdentity(db: Executor, email: string): Promise<EmailIdentityRow | null> {
  const [row] = await db.select().from(emailIdentities).where(eq(emailIdentities.email, email));
  return row ?? null;
}

export async function listEmailIdentities(db: Executor, accountId: string): Promise<EmailIdentityRow[]> {
  return db
    .select()
    .from(emailIdentities)
    .where(eq(emailIdentities.accountId, accountId))
    .orderBy(asc(emailIdentities.verifiedAt), asc(emailIdentities.id));
}

/** Inserts unless the address is already owned; null means owned (by this or another account). */
export async function insertEmailIdentity(db: Executor, values: typeof emailIdentities.$inferInsert): Promise<EmailIdentityRow | null> {
  const [row] = await db.insert(emailIdentities).values(values).onConflictDoNothing({ target: emailIdentities.email }).returning();
  return row ?? null;
}

export async function findAuthentication(
  db: Executor,
  kind: AuthenticationRow["kind"],
  subject: string,
  namespace = "",
): Promise<AuthenticationRow | null> {
  const [row] = await db
    .select()
    .from(authentications)
    .where(and(eq(authentications.kind, kind), eq(authentications.namespace, namespace), eq(authentications.subject, subject)));
  return row ?? null;
}

export async function listAuthentications(db: Executor, accountId: string, kind?: AuthenticationRow["kind"]): Promise<AuthenticationRow[]> {
  return db
    .select()
    .from(authentications)
    .where(kind ? and(eq(authentications.accountId, accountId), eq(authentications.kind, kind)) : eq(authentications.accountId, accountId))
    .orderBy(asc(authentications.createdAt), asc(authentications.id));
}

/** Inserts unless that identity already exists; null means it exists. */
export async function insertAuthentication(db: Executor, values: typeof authentications.$inferInsert): Promise<AuthenticationRow | null> {
  const [row] = await db
    .insert(authentications)
    .values(values)
    .onConflictDoNothing({ target: [authentications.kind, authentications.namespace, authentications.subject] })
    .returning();
  return row ?? null;
}

export async function findLiveSectorSubject(db: Executor, accountId: string, sectorId: string): Promise<string | null> {
  const [row] = await db
    .select({ subject: sectorSubjects.subject })
    .from(sectorSubjects)
    .where(and(eq(sectorSubjects.accountId, accountId), eq(sectorSubjects.sectorId, sectorId), isNull(sectorSubjects.retiredAt)));
  return row?.subject ?? null;
}

/** Inserts a live subject unless one exists already (a concurrent mint won). */
export async function insertSectorSubject(db: Executor, values: { accountId: string; sectorId: string; subject: string }): Promise<boolean> {
  const rows = await db.insert(sectorSubjects).values(values).onConflictDoNothing().returning({ id: sectorSubjects.id });
  return rows.length > 0;
}

/**
 * Resolves a live subject back to its account, within a sector. A retired
 * (rotated-away) subject resolves to nothing, exactly like an unknown one
 * (docs 14: "the previous subject stops resolving") — else an application
 * could tie the old and the new subject to one person.
 */
export async function findSectorSubject(db: Executor, subject: string, sectorId: string) {
  const [row] = await db
    .select()
    .from(sectorSubjects)
    .where(and(eq(sectorSubjects.subject, subject), eq(sectorSubjects.sectorId, sectorId), isNull(sectorSubjects.retiredAt)));
  return row ?? null;
}

/**
 * The account a live subject names within an application's sector — the
 * application row, the subject and the account in one statement, since a
 * built-in relying party (the With portal) resolves its session this way on
 * every page. Null when the subject is unknown there, retired, or its
 * account gone.
 */
export async function findAccountBySubject(db: Executor, subject: string, applicationAnchor: string): Promise<AccountRow | null> {
  const [row] = await queryRows<AccountRow>(
    db,
    sql`select acc.id, acc.first_name as "firstName", acc.last_name as "lastName", acc.locale, acc.status,
          acc.created_at as "createdAt", acc.disabled_at as "disabledAt", acc.deleted_at as "deletedAt"
        from applications app
        join sector_subjects s on s.sector_id = app.sector_id and s.subject = ${subject} and s.retired_at is null
        join accounts acc on acc.id = s.account_id
        where app.anchor = ${applicationAnchor}`,
  );
  if (!row) return null;
  const date = (value: unknown) => (value === null || value === undefined ? null : toDate(value));
  return { ...row, createdAt: toDate(row.createdAt), disabledAt: date(row.disabledAt), deletedAt: date(row.deletedAt) };
}

export async function findAccountAlias(db: Executor, accountId: string): Promise<string | null> {
  const [row] = await db.select({ alias: accountAliases.alias }).from(accountAliases).where(eq(accountAliases.accountId, accountId));
  return row?.alias ?? null;
}

export async function insertAccountAlias(db: Executor, accountId: string, alias: string): Promise<boolean> {
  const rows = await db.insert(accountAliases).values({ accountId, alias }).onConflictDoNothing().returning({ alias: accountAliases.alias });
  return rows.length > 0;
}

export async function listClaimGrants(db: Executor, accountId: string, applicationId: string): Promise<ClaimGrantRow[]> {
  return db.select().from(claimGrants).where(and(eq(claimGrants.accountId, accountId), eq(claimGrants.applicationId, applicationId)));
}

export async function upsertClaimGrant(
  db: Executor,
  values: { accountId: string; applicationId: string; claim: ClaimGrantRow["claim"]; decision: ClaimGrantRow["decision"]; decidedAt: Date },
): Promise<void> {
  await db
    .insert(claimGrants)
    .values(values)
    .onConflictDoUpdate({
      target: [claimGrants.accountId, claimGrants.applicationId, claimGrants.claim],
      set: { decision: values.decision, decidedAt: values.decidedAt },
    });
}

export async function updateAuthenticationUse(db: Executor, kind: AuthenticationRow["kind"], subject: string, now: Date, namespace = ""): Promise<void> {
  await db
    .update(authentications)
    .set({ lastUsedAt: now })
    .where(and(eq(authentications.kind, kind), eq(authentications.namespace, namespace), eq(authentications.subject, subject)));
}

export async function updatePasskeyUse(db: Executor, id: string, signCount: number, now: Date): Promise<void> {
  await db.update(authentications).set({ signCount, lastUsedAt: now }).where(eq(authentications.id, id));
}
