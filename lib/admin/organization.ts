// The organization a command names by its display name (the anchor derived
// from it): found, or — for provisioning — created. Creation is safe when two
// commands race on the same new anchor: the loser reads the winner's row.
import type { Executor } from "@/db/client";
import { findOrganizationByAnchor, insertOrganization, type OrganizationRow } from "@/db/queries/organizations";
import { fail } from "../errors";
import { deriveOrganizationAnchor } from "./organization-anchor";

/** The existing organization a command names, or NotFound. */
export async function namedOrganization(db: Executor, name: string): Promise<OrganizationRow> {
  const anchor = deriveOrganizationAnchor(name);
  const organization = anchor ? await findOrganizationByAnchor(db, anchor) : null;
  if (!organization) fail("NotFound", { message: `No organization is named ${JSON.stringify(name)}.` });
  return organization;
}

export async function ensureOrganization(
  db: Executor,
  anchor: string,
  name: string,
): Promise<{ organization: OrganizationRow; created: boolean }> {
  const existing = await findOrganizationByAnchor(db, anchor);
  const inserted = existing ? null : await insertOrganization(db, { anchor, name });
  const organization = existing ?? inserted ?? (await findOrganizationByAnchor(db, anchor));
  if (!organization) fail("Conflict", { message: `The organization ${anchor} could not be created.` });
  if (organization.disabledAt) fail("Forbidden", { message: `The organization ${anchor} is disabled.` });
  return { organization, created: inserted !== null };
}
