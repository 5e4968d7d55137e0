// What the portal's Connectors view shows (docs 23: "a top-level Connectors
// view that lists every connector across all your organizations"): each of
// the caller's organizations with the caller's role, whether that role may
// manage connectors, and its connectors — never their secrets.
import type { Executor } from "@/db/client";
import { listConnectors, type ConnectorSummary } from "@/db/queries/federation-connectors";
import { listOrganizationsOfAccount, type MemberRole } from "@/db/queries/memberships";
import type { OrganizationRow } from "@/db/queries/organizations";
import { hasRight } from "../developer/access";

export interface OrganizationConnectors {
  organization: OrganizationRow;
  role: MemberRole;
  /** The role may create, edit, disable and delete connectors, and the organization is not retired. */
  canManage: boolean;
  connectors: ConnectorSummary[];
}

export async function connectorOverview(db: Executor, accountId: string): Promise<OrganizationConnectors[]> {
  const memberships = await listOrganizationsOfAccount(db, accountId);
  const connectors = await Promise.all(memberships.map(({ organization }) => listConnectors(db, organization.id)));
  return memberships.map(({ organization, role }, index) => ({
    organization,
    role,
    canManage: hasRight(role, "federation") && organization.disabledAt === null,
    connectors: connectors[index]!,
  }));
}
