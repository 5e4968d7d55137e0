// Finds the organization a provisioning command names, or creates it. Safe
// when two commands race on the same new anchor: the loser reads the winner's row.
import type { Executor } from "@/db/client";
import { findOrganizationByAnchor, insertOrganization, type OrganizationRow } from "@/db/queries/organizations";
import { fail } from "../errors";

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
