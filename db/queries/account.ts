// Queries of the account surface of the With portal: what the signed-in
// person manages about themselves — credentials, emails, alias, sector
// subjects, claim grants — and the one erasure that removes it all.
import { and, asc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Executor } from "../client";
import {
  accessKeyCredentials,
  accountAliases,
  accounts,
  applications,
  authentications,
  browserSessions,
  claimGrants,
  claimPolicies,
  deviceSessions,
  emailIdentities,
  erasedSteamIdentities,
  errands,
  inquiries,
  memberships,
  oidcAuthorizationCodes,
  organizations,
  otpChallenges,
  passkeyChallenges,
  refreshTokenFamilies,
  sectors,
  sectorSubjects,
} from "../schema";
import { deleteOutboxMessagesTo } from "./mail-outbox";

// ------------------------------------------------------------ deletion guard

/**
 * Organizations that block erasure: the account is their only OWNER and they
 * still hold an enabled application or a sector that is not disabled.
 */
export async function listBlockingOrganizations(db: Executor, accountId: string): Promise<{ anchor: string; name: string }[]> {
  const owners = db
    .select({ count: sql<number>`count(*)` })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizations.id), eq(memberships.role, "OWNER")));
  const liveApplication = db
    .select({ one: sql`1` })
    .from(applications)
    .where(and(eq(applications.organizationId, organizations.id), eq(applications.enabled, true)));
  const liveSector = db
    .select({ one: sql`1` })
    .from(sectors)
    .where(and(eq(sectors.organizationId, organizations.id), isNull(sectors.disabledAt)));
  return db
    .select({ anchor: organizations.anchor, name: organizations.name })
    .from(organizations)
    .innerJoin(memberships, eq(memberships.organizationId, organizations.id))
    .where(
      and(
        eq(memberships.accountId, accountId),
        eq(memberships.role, "OWNER"),
        sql`(${owners}) = 1`,
        sql`(exists ${liveApplication} or exists ${liveSector})`,
      ),
    )
    .orderBy(asc(organizations.name), asc(organizations.anchor));
}

/** Row-locks the organizations the account owns, so no co-owner leaves while erasure decides (membership changes take the same lock). */
export async function lockOwnedOrganizations(tx: Executor, accountId: string): Promise<void> {
  await tx
    .select({ id: organizations.id })
    .from(organizations)
    .innerJoin(memberships, eq(memberships.organizationId, organizations.id))
    .where(and(eq(memberships.accountId, accountId), eq(memberships.role, "OWNER")))
    .orderBy(asc(organizations.id))
    .for("update", { of: organizations });
}

// ------------------------------------------------------------ erasure

/**
 * Erases everything personal of an account, keeping the tombstone row (and the
 * sector subjects, refresh-token families, access keys and unexpired codes
 * pointing at it) so whatever is still outstanding answers AccountDeleted
 * instead of AccountNotFound or a generic refusal (docs 29). The emails those
 * rows carried are cleared. Its Steam identities are remembered only as
 * `steamIdHash` of the SteamID64. Mail to its addresses still in the outbox
 * is deleted. Run inside a transaction.
 */
export async function eraseAccountData(tx: Executor, accountId: string, now: Date, steamIdHash: (steamId64: string) => string): Promise<void> {
  // The addresses the account had or was adding, read before their rows go: the outbox's mail to them (sign-in codes) goes too.
  const addresses = [
    ...(await tx.select({ email: emailIdentities.email }).from(emailIdentities).where(eq(emailIdentities.accountId, accountId))),
    ...(await tx.select({ email: otpChallenges.email }).from(otpChallenges).where(eq(otpChallenges.accountId, accountId))),
  ].map((row) => row.email);
  await tx.update(accounts).set({ status: "DELETED", deletedAt: now, firstName: null, lastName: null, locale: null }).where(eq(accounts.id, accountId));
  const removed = await tx.delete(authentications).where(eq(authentications.accountId, accountId)).returning({ kind: authentications.kind, subject: authentications.subject });
  addresses.push(...removed.filter((identity) => identity.kind === "EMAIL").map((identity) => identity.subject));
  await deleteOutboxMessagesTo(tx, addresses);
  const steam = removed.filter((identity) => identity.kind === "STEAM_ID64");
  if (steam.length > 0) {
    await tx
      .insert(erasedSteamIdentities)
      .values(steam.map(({ subject }) => ({ steamIdHash: steamIdHash(subject), erasedAt: now })))
      .onConflictDoUpdate({ target: erasedSteamIdentities.steamIdHash, set: { erasedAt: now } });
  }
  // Frees every address: a new sign-up with it is a brand-new account.
  await tx.delete(emailIdentities).where(eq(emailIdentities.accountId, accountId));
  await tx.delete(accountAliases).where(eq(accountAliases.accountId, accountId));
  await tx.delete(claimGrants).where(eq(claimGrants.accountId, accountId));
  await tx.delete(memberships).where(eq(memberships.accountId, accountId));
  await tx.delete(browserSessions).where(eq(browserSessions.accountId, accountId));
  await tx.delete(errands).where(eq(errands.accountId, accountId));
  await tx.delete(otpChallenges).where(eq(otpChallenges.accountId, accountId));
  await tx.delete(passkeyChallenges).where(eq(passkeyChallenges.accountId, accountId));
  // Kept (they expire within minutes), so an exchange answers "Account is deleted".
  await tx.update(oidcAuthorizationCodes).set({ loginEmail: null }).where(eq(oidcAuthorizationCodes.accountId, accountId));
  await tx.update(inquiries).set({ loginEmail: null }).where(eq(inquiries.accountId, accountId));
  await tx.update(deviceSessions).set({ loginEmail: null }).where(eq(deviceSessions.accountId, accountId));
  await tx.update(refreshTokenFamilies).set({ emailAddress: null }).where(eq(refreshTokenFamilies.accountId, accountId));
  // Not revoked: a revoked key answers the opaque AccessKeyDirectDenied, a live one on a deleted account AccountDeleted.
  await tx.update(accessKeyCredentials).set({ label: null }).where(eq(accessKeyCredentials.accountId, accountId));
}

/** Whether this SteamID64 (as `steamIdHash`) belonged to an erased account. */
export async function isErasedSteamIdentity(db: Executor, steamIdHash: string): Promise<boolean> {
  const rows = await db.select({ at: erasedSteamIdentities.erasedAt }).from(erasedSteamIdentities).where(eq(erasedSteamIdentities.steamIdHash, steamIdHash));
  return rows.length > 0;
}

// ------------------------------------------------------------ credentials and emails

/** Renames one of the account's passkeys, named by its (public) credential id. */
export async function renamePasskeyOf(db: Executor, accountId: string, credentialId: string, label: string): Promise<boolean> {
  const rows = await db
    .update(authentications)
    .set({ label })
    .where(and(eq(authentications.subject, credentialId), eq(authentications.accountId, accountId), eq(authentications.kind, "PASSKEY")))
    .returning({ id: authentications.id });
  return rows.length > 0;
}

export async function deleteAuthenticationOf(db: Executor, accountId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(authentications)
    .where(and(eq(authentications.id, id), eq(authentications.accountId, accountId)))
    .returning({ id: authentications.id });
  return rows.length > 0;
}

export async function deleteEmailCredential(db: Executor, accountId: string, email: string): Promise<void> {
  await db
    .delete(authentications)
    .where(and(eq(authentications.accountId, accountId), eq(authentications.kind, "EMAIL"), eq(authentications.subject, email)));
}

/** Removes a non-primary email identity of the account; the primary is never removed here. */
export async function deleteSecondaryEmail(db: Executor, accountId: string, email: string): Promise<boolean> {
  const rows = await db
    .delete(emailIdentities)
    .where(and(eq(emailIdentities.email, email), eq(emailIdentities.accountId, accountId), eq(emailIdentities.isPrimary, false)))
    .returning({ email: emailIdentities.email });
  return rows.length > 0;
}

/** Makes one of the account's addresses its primary (two writes: the partial unique index allows one primary). */
export async function setPrimaryEmail(tx: Executor, accountId: string, email: string): Promise<boolean> {
  const [target] = await tx
    .select({ id: emailIdentities.id })
    .from(emailIdentities)
    .where(and(eq(emailIdentities.email, email), eq(emailIdentities.accountId, accountId)));
  if (!target) return false;
  await tx.update(emailIdentities).set({ isPrimary: false }).where(and(eq(emailIdentities.accountId, accountId), ne(emailIdentities.id, target.id)));
  await tx.update(emailIdentities).set({ isPrimary: true }).where(eq(emailIdentities.id, target.id));
  return true;
}

// ------------------------------------------------------------ alias and sector subjects

export async function replaceAccountAlias(db: Executor, accountId: string, alias: string): Promise<boolean> {
  const rows = await db
    .insert(accountAliases)
    .values({ accountId, alias })
    .onConflictDoUpdate({ target: accountAliases.accountId, set: { alias, createdAt: sql`now()` } })
    .returning({ alias: accountAliases.alias });
  return rows.length > 0;
}

export interface LiveSubjectRow {
  sectorId: string;
  sectorAnchor: string;
  sectorName: string;
  subject: string;
  createdAt: Date;
}

export async function listLiveSectorSubjects(db: Executor, accountId: string): Promise<LiveSubjectRow[]> {
  return db
    .select({
      sectorId: sectors.id,
      sectorAnchor: sectors.anchor,
      sectorName: sectors.name,
      subject: sectorSubjects.subject,
      createdAt: sectorSubjects.createdAt,
    })
    .from(sectorSubjects)
    .innerJoin(sectors, eq(sectors.id, sectorSubjects.sectorId))
    .where(and(eq(sectorSubjects.accountId, accountId), isNull(sectorSubjects.retiredAt)))
    .orderBy(asc(sectors.name), asc(sectors.anchor));
}

export async function listApplicationsOfSectors(db: Executor, sectorIds: string[]) {
  if (sectorIds.length === 0) return [];
  return db
    .select({ sectorId: applications.sectorId, anchor: applications.anchor, names: applications.names, defaultLocale: applications.defaultLocale })
    .from(applications)
    .where(inArray(applications.sectorId, sectorIds))
    .orderBy(asc(applications.anchor));
}

export async function findSectorByAnchor(db: Executor, anchor: string) {
  const [row] = await db.select({ id: sectors.id, anchor: sectors.anchor }).from(sectors).where(eq(sectors.anchor, anchor));
  return row ?? null;
}

/** Retires the live subject of (account, sector); true when there was one. */
export async function retireSectorSubject(db: Executor, accountId: string, sectorId: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(sectorSubjects)
    .set({ retiredAt: now })
    .where(and(eq(sectorSubjects.accountId, accountId), eq(sectorSubjects.sectorId, sectorId), isNull(sectorSubjects.retiredAt)))
    .returning({ id: sectorSubjects.id });
  return rows.length > 0;
}

/** Revokes the account's sessions in every application of a sector (its subject there was just retired). */
export async function revokeSectorSessions(db: Executor, accountId: string, sectorId: string, now: Date): Promise<number> {
  const rows = await db
    .update(refreshTokenFamilies)
    .set({ revokedAt: now, revokedReason: "sector-subject-rotated" })
    .where(
      and(
        eq(refreshTokenFamilies.accountId, accountId),
        isNull(refreshTokenFamilies.revokedAt),
        inArray(refreshTokenFamilies.applicationId, db.select({ id: applications.id }).from(applications).where(eq(applications.sectorId, sectorId))),
      ),
    )
    .returning({ id: refreshTokenFamilies.id });
  return rows.length;
}

// ------------------------------------------------------------ data sharing

export async function listGrantsWithApplications(db: Executor, accountId: string) {
  return db
    .select({
      applicationId: applications.id,
      anchor: applications.anchor,
      names: applications.names,
      defaultLocale: applications.defaultLocale,
      claim: claimGrants.claim,
      decision: claimGrants.decision,
      decidedAt: claimGrants.decidedAt,
    })
    .from(claimGrants)
    .innerJoin(applications, eq(applications.id, claimGrants.applicationId))
    .where(eq(claimGrants.accountId, accountId))
    .orderBy(asc(applications.anchor));
}

export async function listClaimPoliciesOf(db: Executor, applicationIds: string[]) {
  if (applicationIds.length === 0) return [];
  return db.select().from(claimPolicies).where(inArray(claimPolicies.applicationId, applicationIds));
}

export async function findApplicationIdByAnchor(db: Executor, anchor: string): Promise<string | null> {
  const [row] = await db.select({ id: applications.id }).from(applications).where(eq(applications.anchor, anchor));
  return row?.id ?? null;
}

/** GRANTED → DENIED for every claim of one application; read live at the next token issue. */
export async function denyGrantedClaims(db: Executor, accountId: string, applicationId: string, now: Date): Promise<number> {
  const rows = await db
    .update(claimGrants)
    .set({ decision: "DENIED", decidedAt: now })
    .where(and(eq(claimGrants.accountId, accountId), eq(claimGrants.applicationId, applicationId), eq(claimGrants.decision, "GRANTED")))
    .returning({ claim: claimGrants.claim });
  return rows.length;
}

/** Takes the account's row lock, so per-account limits are counted one creation at a time. */
export async function lockAccount(tx: Executor, accountId: string): Promise<void> {
  await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId)).for("update");
}
