"use server";
// Sector mutations; authorization lives in lib/developer/sectors.
import { revalidatePath } from "next/cache";
import { portalAction, field, type ActionResult } from "@/lib/portal/portal-action";
import { createSector, reenableSector, retireSector } from "@/lib/developer/sectors";

export async function createSectorAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await portalAction("sector.create", async ({ deps, account }) => (await createSector(deps, account.id, field(form, "organization"), field(form, "name")), {}));
  if (result.ok) revalidatePath("/with/sectors");
  return result;
}

export async function retireSectorAction(organization: string, sector: string): Promise<ActionResult> {
  const result = await portalAction("sector.retire", async ({ deps, account }) => (await retireSector(deps, account.id, organization, sector), {}));
  if (result.ok) revalidatePath("/with/sectors");
  return result;
}

export async function reenableSectorAction(organization: string, sector: string): Promise<ActionResult> {
  const result = await portalAction("sector.reenable", async ({ deps, account }) => (await reenableSector(deps, account.id, organization, sector), {}));
  if (result.ok) revalidatePath("/with/sectors");
  return result;
}
