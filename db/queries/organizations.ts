import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { applications, memberships, organizations, sectors } from "../schema";

export type OrganizationRow = typeof organizations.$inferSelect;

/** Inserts unless the anchor is taken; null means taken. */
export async function insertOrganization(db: Executor, values: typeof organizations.$inferInsert): Promise<OrganizationRow | null> {
  const [row] = await db.insert(organizations).values(values).onConflictDoNothing({ target: organizations.anchor }).returning();
  return row ?? null;
}

export async function findOrganizationByAnchor(db: Executor, anchor: string): Promise<OrganizationRow | null> {
  const [row] = await db.select().from(organizations).where(eq(organizations.anchor, anchor));
  return row ?? null;
}

export async function insertMembership(db: Executor, values: typeof memberships.$inferInsert): Promise<void> {
  await db.insert(memberships).values(values).onConflictDoNothing();
}

export async function updateOrganization(db: Executor, id: string, values: Partial<typeof organizations.$inferInsert>): Promise<void> {
  await db.update(organizations).set(values).where(eq(organizations.id, id));
}

// ---------------------------------------------------------------- what an organization holds

export type SectorRow = typeof sectors.$inferSelect;
export type OrganizationApplicationRow = Pick<
  typeof applications.$inferSelect,
  "anchor" | "names" | "defaultLocale" | "enabled" | "sectorId" | "organizationId" | "createdAt" | "disabledAt"
>;

export async function listSectorsOfOrganizations(db: Executor, organizationIds: string[]): Promise<SectorRow[]> {
  if (organizationIds.length === 0) return [];
  return db.select().from(sectors).where(inArray(sectors.organizationId, organizationIds)).orderBy(asc(sectors.createdAt));
}

export async function listApplicationsOfOrganizations(db: Executor, organizationIds: string[]): Promise<OrganizationApplicationRow[]> {
  if (organizationIds.length === 0) return [];
  return db
    .select({
      anchor: applications.anchor,
      names: applications.names,
      defaultLocale: applications.defaultLocale,
      enabled: applications.enabled,
      sectorId: applications.sectorId,
      organizationId: applications.organizationId,
      createdAt: applications.createdAt,
      disabledAt: applications.disabledAt,
    })
    .from(applications)
    .where(inArray(applications.organizationId, organizationIds))
    .orderBy(asc(applications.anchor));
}

/** How much an organization holds against its quotas, and how much of it is still live. */
export async function organizationHoldings(db: Executor, organizationId: string) {
  const [apps] = await db
    .select({ total: count(), live: count(sql`case when ${applications.enabled} then 1 end`) })
    .from(applications)
    .where(eq(applications.organizationId, organizationId));
  const [secs] = await db
    .select({ total: count(), live: count(sql`case when ${sectors.disabledAt} is null then 1 end`) })
    .from(sectors)
    .where(eq(sectors.organizationId, organizationId));
  return {
    applications: Number(apps?.total ?? 0),
    liveApplications: Number(apps?.live ?? 0),
    sectors: Number(secs?.total ?? 0),
    liveSectors: Number(secs?.live ?? 0),
  };
}

export async function findSectorOfOrganization(db: Executor, organizationId: string, anchor: string): Promise<SectorRow | null> {
  const [row] = await db.select().from(sectors).where(and(eq(sectors.organizationId, organizationId), eq(sectors.anchor, anchor)));
  return row ?? null;
}

/** Inserts unless the anchor is taken; null means taken. */
export async function insertOrganizationSector(db: Executor, values: typeof sectors.$inferInsert): Promise<SectorRow | null> {
  const [row] = await db.insert(sectors).values(values).onConflictDoNothing({ target: sectors.anchor }).returning();
  return row ?? null;
}

export async function updateSector(db: Executor, id: string, values: Partial<typeof sectors.$inferInsert>): Promise<void> {
  await db.update(sectors).set(values).where(eq(sectors.id, id));
}

export async function countLiveApplicationsOfSector(db: Executor, sectorId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(applications)
    .where(and(eq(applications.sectorId, sectorId), eq(applications.enabled, true)));
  return Number(row?.n ?? 0);
}
