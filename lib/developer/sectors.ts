// Sectors: the identity-isolation boundary (docs: organizations and sectors).
// ADMINs create them within the organization's quota; retiring one needs the
// sole OWNER and every application in it already disabled.
import { z } from "zod";
import {
  countLiveApplicationsOfSector,
  findSectorOfOrganization,
  insertOrganizationSector,
  organizationHoldings,
  updateSector,
  type SectorRow,
} from "@/db/queries/organizations";
import { fail } from "../errors";
import { newResourceAnchor } from "../identity/identifiers";
import type { Deps } from "../runtime";
import { lockLiveOrganization, organizationFor, requireSoleOwner } from "./access";
import { holdQuota } from "./quotas";
import { deriveOrganizationAnchor } from "../admin/organization-anchor";

type DevDeps = Pick<Deps, "db" | "clock">;

const sectorNameSchema = z.string().trim().min(1).max(80);

export async function createSector(deps: DevDeps, accountId: string, organizationAnchor: string, rawName: unknown): Promise<SectorRow> {
  const { organization } = await organizationFor(deps.db, accountId, organizationAnchor, "editApplications");
  const name = sectorNameSchema.safeParse(rawName);
  if (!name.success) fail("Invalid name", { message: "The name must be 1 to 80 characters.", body: { code: "nameInvalid", field: "name" } });
  // Sector anchors are system-named (never typed), readable and unique.
  const prefix = (deriveOrganizationAnchor(name.data) ?? "sector").slice(0, 40).replace(/-+$/, "");
  return deps.db.transaction(async (tx) => {
    await holdQuota(tx, { organizationId: organization.id }, async () => {
      if ((await organizationHoldings(tx, organization.id)).sectors >= organization.sectorQuota) refuseSectorQuota(organization.sectorQuota);
    });
    for (let attempt = 0; attempt < 5; attempt++) {
      const sector = await insertOrganizationSector(tx, {
        anchor: newResourceAnchor(prefix),
        organizationId: organization.id,
        name: name.data,
        createdAt: deps.clock.now(),
      });
      if (sector) return sector;
    }
    return fail("Conflict", { message: "No free sector anchor was found; try again." });
  });
}

export function refuseSectorQuota(quota: number, field?: "sector"): never {
  return fail("Conflict", { message: `This organization may hold ${quota} sectors.`, body: { code: "sectorQuota", ...(field ? { field } : {}) } });
}

async function sectorFor(deps: DevDeps, accountId: string, organizationAnchor: string, sectorAnchor: string, options: { allowRetiredSector: boolean }) {
  const access = await organizationFor(deps.db, accountId, organizationAnchor, "retire");
  const sector = await findSectorOfOrganization(deps.db, access.organization.id, sectorAnchor);
  if (!sector) fail("NotFound", { message: "No such sector.", body: { code: "notFound" } });
  if (!options.allowRetiredSector && sector.disabledAt) fail("Conflict", { message: "This sector is already retired.", body: { code: "alreadyRetired" } });
  await requireSoleOwner(deps.db, access.organization.id, access.role);
  return { sector, organizationId: access.organization.id };
}

export async function retireSector(deps: DevDeps, accountId: string, organizationAnchor: string, sectorAnchor: string): Promise<void> {
  const { sector, organizationId } = await sectorFor(deps, accountId, organizationAnchor, sectorAnchor, { allowRetiredSector: false });
  await deps.db.transaction(async (tx) => {
    // Counted under the lock a creation or re-enable in the sector takes.
    await lockLiveOrganization(tx, organizationId);
    if ((await countLiveApplicationsOfSector(tx, sector.id)) > 0) {
      fail("Conflict", { message: "Retire every application in this sector first.", body: { code: "sectorHasLiveApplications" } });
    }
    await updateSector(tx, sector.id, { disabledAt: deps.clock.now() });
  });
}

export async function reenableSector(deps: DevDeps, accountId: string, organizationAnchor: string, sectorAnchor: string): Promise<void> {
  const { sector, organizationId } = await sectorFor(deps, accountId, organizationAnchor, sectorAnchor, { allowRetiredSector: true });
  await deps.db.transaction(async (tx) => {
    await lockLiveOrganization(tx, organizationId);
    await updateSector(tx, sector.id, { disabledAt: null });
  });
}
