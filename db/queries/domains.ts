// Adopted domains and their login policies (docs 21, 22). A claim is one row
// per (organization, domain); the partial unique index domains_verified_uq
// lets only one of them be VERIFIED — verification races are decided there.
import { and, asc, count, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import { isUniqueViolation, type Executor } from "../client";
import { domains, federationConnectors, loginPolicies } from "../schema";

export type DomainRow = typeof domains.$inferSelect;
export type LoginPolicyKind = (typeof loginPolicies.$inferSelect)["policy"];

/** A claim as the portal lists it: its policy (null = none, i.e. ALLOW_ALL) and the pinned connector. */
export interface DomainClaim extends DomainRow {
  policy: LoginPolicyKind | null;
  connectorId: string | null;
  connectorAnchor: string | null;
  connectorDisplayName: string | null;
}

export interface RestrictivePolicy {
  domain: string;
  policy: "BLOCK_ALL" | "SSO_ONLY";
  connectorId: string | null;
  connectorAnchor: string | null;
  connectorDisplayName: string | null;
}

/**
 * Whether a BLOCK_ALL / SSO_ONLY policy governs the account (any of its
 * verified emails on a VERIFIED domain that has one), as a boolean column for
 * a statement that joins the account as `acc` — the session renewals ask it
 * in the same statement that reads the session.
 */
export const restrictivePolicyGovernsAccount: SQL = sql`exists(
  select 1 from email_identities pe
  join domains pd on pd.domain = split_part(pe.email, '@', 2) and pd.state = 'VERIFIED'
  join login_policies pl on pl.domain_id = pd.id and pl.policy <> 'ALLOW_ALL'
  where pe.account_id = acc.id)`;

/** BLOCK_ALL / SSO_ONLY policies on VERIFIED domains among the given ones (ALLOW_ALL and absent policies restrict nothing). */
export async function findRestrictivePolicies(db: Executor, emailDomains: string[]): Promise<RestrictivePolicy[]> {
  if (emailDomains.length === 0) return [];
  const rows = await claims(db).where(and(eq(domains.state, "VERIFIED"), inArray(domains.domain, emailDomains), ne(loginPolicies.policy, "ALLOW_ALL")));
  return rows.map(({ domain, policy, connectorId, connectorAnchor, connectorDisplayName }) => ({
    domain,
    policy: policy as RestrictivePolicy["policy"],
    connectorId,
    connectorAnchor,
    connectorDisplayName,
  }));
}

/** A new PENDING claim, or null when the organization already has one on this domain. */
export async function insertDomainClaim(db: Executor, values: typeof domains.$inferInsert): Promise<DomainRow | null> {
  const [row] = await db.insert(domains).values(values).onConflictDoNothing({ target: [domains.organizationId, domains.domain] }).returning();
  return row ?? null;
}

/** PENDING and VERIFIED claims together (what the quota counts). */
export async function countDomainClaims(db: Executor, organizationId: string): Promise<number> {
  const [row] = await db.select({ total: count() }).from(domains).where(eq(domains.organizationId, organizationId));
  return Number(row?.total ?? 0);
}

export async function findDomainClaim(db: Executor, organizationId: string, domain: string): Promise<DomainClaim | null> {
  const [row] = await claims(db).where(and(eq(domains.organizationId, organizationId), eq(domains.domain, domain)));
  return row ?? null;
}

export async function listDomainClaims(db: Executor, organizationIds: string[]): Promise<DomainClaim[]> {
  if (organizationIds.length === 0) return [];
  return claims(db).where(inArray(domains.organizationId, organizationIds)).orderBy(asc(domains.domain));
}

function claims(db: Executor) {
  return db
    .select({
      id: domains.id,
      organizationId: domains.organizationId,
      domain: domains.domain,
      state: domains.state,
      verificationToken: domains.verificationToken,
      createdAt: domains.createdAt,
      verifiedAt: domains.verifiedAt,
      policy: loginPolicies.policy,
      connectorId: loginPolicies.connectorId,
      connectorAnchor: federationConnectors.anchor,
      connectorDisplayName: federationConnectors.displayName,
    })
    .from(domains)
    .leftJoin(loginPolicies, eq(loginPolicies.domainId, domains.id))
    .leftJoin(federationConnectors, eq(federationConnectors.id, loginPolicies.connectorId))
    .$dynamic();
}

/** The organization holding the domain's VERIFIED claim, if any. */
export async function findVerifiedHolder(db: Executor, domain: string): Promise<string | null> {
  const [row] = await db.select({ organizationId: domains.organizationId }).from(domains).where(and(eq(domains.domain, domain), eq(domains.state, "VERIFIED")));
  return row?.organizationId ?? null;
}

/**
 * PENDING → VERIFIED in one conditional write. "taken" when another claim
 * holds the verified slot — the unique index says so even when two
 * verifications race past every earlier check. "gone" when the claim is no
 * longer PENDING (released, or verified by a concurrent click).
 */
export async function markDomainVerified(db: Executor, id: string, now: Date): Promise<"verified" | "taken" | "gone"> {
  try {
    const rows = await db
      .update(domains)
      .set({ state: "VERIFIED", verifiedAt: now })
      .where(and(eq(domains.id, id), eq(domains.state, "PENDING")))
      .returning({ id: domains.id });
    return rows.length > 0 ? "verified" : "gone";
  } catch (error) {
    if (isUniqueViolation(error, "domains_verified_uq")) return "taken";
    throw error;
  }
}

/** Releases a claim: its login policy first, then the claim (one transaction at the caller). */
export async function deleteDomainClaim(tx: Executor, id: string): Promise<void> {
  await tx.delete(loginPolicies).where(eq(loginPolicies.domainId, id));
  await tx.delete(domains).where(eq(domains.id, id));
}

export async function upsertLoginPolicy(db: Executor, values: { domainId: string; policy: LoginPolicyKind; connectorId: string | null; updatedAt: Date }): Promise<void> {
  await db
    .insert(loginPolicies)
    .values(values)
    .onConflictDoUpdate({ target: loginPolicies.domainId, set: { policy: values.policy, connectorId: values.connectorId, updatedAt: values.updatedAt } });
}

export async function deleteLoginPolicy(db: Executor, domainId: string): Promise<void> {
  await db.delete(loginPolicies).where(eq(loginPolicies.domainId, domainId));
}
