// What the developer list pages show: the caller's organizations with their
// role, ownership facts for the retire controls, and their sectors and
// applications — read once per page, grouped in memory.
import type { Executor } from "@/db/client";
import { countOwners, listOrganizationsOfAccount, type MemberRole } from "@/db/queries/memberships";
import { listApplicationsOfOrganizations, listSectorsOfOrganizations, type OrganizationApplicationRow, type OrganizationRow, type SectorRow } from "@/db/queries/organizations";

export interface OrganizationOverview {
  organization: OrganizationRow;
  role: MemberRole;
  soleOwner: boolean;
  sectors: SectorRow[];
  applications: OrganizationApplicationRow[];
}

export async function developerOverview(db: Executor, accountId: string): Promise<OrganizationOverview[]> {
  const memberships = await listOrganizationsOfAccount(db, accountId);
  const ids = memberships.map((m) => m.organization.id);
  const [sectors, applications, owners] = await Promise.all([
    listSectorsOfOrganizations(db, ids),
    listApplicationsOfOrganizations(db, ids),
    Promise.all(memberships.map((m) => (m.role === "OWNER" ? countOwners(db, m.organization.id) : Promise.resolve(0)))),
  ]);
  return memberships.map(({ organization, role }, index) => ({
    organization,
    role,
    soleOwner: role === "OWNER" && owners[index] === 1,
    sectors: sectors.filter((sector) => sector.organizationId === organization.id),
    applications: applications.filter((application) => application.organizationId === organization.id),
  }));
}

/** An application's name in the reader's locale, falling back to its default locale's. */
export function applicationName(application: Pick<OrganizationApplicationRow, "names" | "defaultLocale" | "anchor">, locale: string): string {
  return application.names[locale] ?? application.names[application.defaultLocale] ?? application.anchor;
}
