// Who belongs to which organization, with which role.
import { and, asc, count, eq, ne } from "drizzle-orm";
import type { Executor } from "../client";
import { accountAliases, accounts, applications, memberships, organizations } from "../schema";
import type { OrganizationRow } from "./organizations";

export type MemberRole = (typeof memberships.$inferSelect)["role"];

export async function findMembership(db: Executor, organizationId: string, accountId: string): Promise<MemberRole | null> {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.accountId, accountId)));
  return row?.role ?? null;
}

/** The organization by anchor together with the caller's role in it (null role = not a member). */
export async function findOrganizationForAccount(
  db: Executor,
  anchor: string,
  accountId: string,
): Promise<{ organization: OrganizationRow; role: MemberRole | null } | null> {
  const [row] = await db
    .select({ organization: organizations, role: memberships.role })
    .from(organizations)
    .leftJoin(memberships, and(eq(memberships.organizationId, organizations.id), eq(memberships.accountId, accountId)))
    .where(eq(organizations.anchor, anchor));
  return row ? { organization: row.organization, role: row.role ?? null } : null;
}

/** The application by anchor, its organization, and the caller's role there. Platform applications (no organization) are never found. */
export async function findApplicationForAccount(db: Executor, anchor: string, accountId: string) {
  const [row] = await db
    .select({ application: applications, organization: organizations, role: memberships.role })
    .from(applications)
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .leftJoin(memberships, and(eq(memberships.organizationId, organizations.id), eq(memberships.accountId, accountId)))
    .where(eq(applications.anchor, anchor));
  return row ? { application: row.application, organization: row.organization, role: row.role ?? null } : null;
}

// ---------------------------------------------------------------- the developer surface

/** Every organization the account belongs to, with its role, by name. */
export async function listOrganizationsOfAccount(db: Executor, accountId: string): Promise<{ organization: OrganizationRow; role: MemberRole }[]> {
  return db
    .select({ organization: organizations, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.accountId, accountId))
    .orderBy(asc(organizations.name), asc(organizations.anchor));
}

/** How many organizations the account owns (the per-account quota counts these, retired ones included). */
export async function countOwnedOrganizations(db: Executor, accountId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.accountId, accountId), eq(memberships.role, "OWNER")));
  return Number(row?.n ?? 0);
}

export interface MemberRow {
  accountId: string;
  role: MemberRole;
  firstName: string | null;
  lastName: string | null;
  joinedAt: Date;
}

/** The members of an organization, owners first. Only live accounts (an erased one is no member). */
export async function listMembers(db: Executor, organizationId: string): Promise<MemberRow[]> {
  const rows = await db
    .select({
      accountId: memberships.accountId,
      role: memberships.role,
      firstName: accounts.firstName,
      lastName: accounts.lastName,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .where(and(eq(memberships.organizationId, organizationId), ne(accounts.status, "DELETED")))
    .orderBy(asc(memberships.createdAt));
  const rank = { OWNER: 0, ADMIN: 1, VIEWER: 2 } as const;
  return rows.sort((a, b) => rank[a.role] - rank[b.role]);
}

export async function countOwners(db: Executor, organizationId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, "OWNER")));
  return Number(row?.n ?? 0);
}

/**
 * Takes the organization's row lock, so membership changes that count owners
 * run one at a time; answers whether it is retired as of now (null: no such row).
 */
export async function lockOrganization(tx: Executor, organizationId: string): Promise<{ disabledAt: Date | null } | null> {
  const [row] = await tx.select({ disabledAt: organizations.disabledAt }).from(organizations).where(eq(organizations.id, organizationId)).for("update");
  return row ?? null;
}

export async function updateMemberRole(db: Executor, organizationId: string, accountId: string, role: MemberRole): Promise<void> {
  await db.update(memberships).set({ role }).where(and(eq(memberships.organizationId, organizationId), eq(memberships.accountId, accountId)));
}

export async function deleteMembership(db: Executor, organizationId: string, accountId: string): Promise<void> {
  await db.delete(memberships).where(and(eq(memberships.organizationId, organizationId), eq(memberships.accountId, accountId)));
}

/** The live account holding an account alias (aliases are stored lowercase). */
export async function findAccountIdByAlias(db: Executor, alias: string): Promise<string | null> {
  const [row] = await db
    .select({ accountId: accountAliases.accountId })
    .from(accountAliases)
    .innerJoin(accounts, eq(accounts.id, accountAliases.accountId))
    .where(and(eq(accountAliases.alias, alias), eq(accounts.status, "ACTIVE")));
  return row?.accountId ?? null;
}
