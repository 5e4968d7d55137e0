"use server";
// Organization mutations. Every one resolves the caller on the server and
// leaves authorization (role, sole owner, frozen when retired) to
// lib/developer; the client only ever gets a message key back.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { portalAction, field, type ActionResult } from "@/lib/portal/portal-action";
import {
  changeMemberRole,
  createOrganization,
  inviteMember,
  leaveOrganization,
  reenableOrganization,
  removeMember,
  renameOrganization,
  retireOrganization,
} from "@/lib/developer/organizations";

const path = (anchor: string) => `/with/organizations/${encodeURIComponent(anchor)}`;

export async function createOrganizationAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await portalAction("organization.create", async ({ deps, account }) => ({ anchor: (await createOrganization(deps, account.id, field(form, "name"))).anchor }));
  if (result.ok) redirect(path(result.anchor));
  return result;
}

export async function renameOrganizationAction(anchor: string, _prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await portalAction("organization.rename", async ({ deps, account }) => (await renameOrganization(deps, account.id, anchor, field(form, "name")), {}));
  if (result.ok) revalidatePath(path(anchor));
  return result;
}

export async function inviteMemberAction(anchor: string, _prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await portalAction("organization.invite-member", async ({ deps, account }) => (await inviteMember(deps, account.id, anchor, field(form, "alias"), field(form, "role")), {}));
  if (result.ok) revalidatePath(path(anchor));
  return result;
}

export async function changeMemberRoleAction(anchor: string, member: string, _prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await portalAction("organization.change-member-role", async ({ deps, account }) => (await changeMemberRole(deps, account.id, anchor, member, field(form, "role")), {}));
  if (result.ok) revalidatePath(path(anchor));
  return result;
}

export async function removeMemberAction(anchor: string, member: string): Promise<ActionResult> {
  const result = await portalAction("organization.remove-member", async ({ deps, account }) => (await removeMember(deps, account.id, anchor, member), {}));
  if (result.ok) revalidatePath(path(anchor));
  return result;
}

export async function leaveOrganizationAction(anchor: string): Promise<ActionResult> {
  const result = await portalAction("organization.leave", async ({ deps, account }) => (await leaveOrganization(deps, account.id, anchor), {}));
  if (result.ok) redirect("/with/organizations?left=1");
  return result;
}

export async function retireOrganizationAction(anchor: string): Promise<ActionResult> {
  const result = await portalAction("organization.retire", async ({ deps, account }) => (await retireOrganization(deps, account.id, anchor), {}));
  if (result.ok) revalidatePath(path(anchor));
  return result;
}

export async function reenableOrganizationAction(anchor: string): Promise<ActionResult> {
  const result = await portalAction("organization.reenable", async ({ deps, account }) => (await reenableOrganization(deps, account.id, anchor), {}));
  if (result.ok) revalidatePath(path(anchor));
  return result;
}
