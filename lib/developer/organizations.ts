// Organizations on the developer surface (docs: organizations and sectors):
// creating one makes you its first OWNER; OWNERs manage members, who are
// invited by account alias; the last OWNER can never be removed, demoted or
// leave, so an organization is never orphaned; retiring needs the sole OWNER
// and everything inside already disabled, and freezes the organization.
import { z } from "zod";
import {
  countOwnedOrganizations,
  countOwners,
  deleteMembership,
  findAccountIdByAlias,
  findMembership,
  listMembers,
  lockOrganization,
  updateMemberRole,
  type MemberRole,
  type MemberRow,
} from "@/db/queries/memberships";
import { insertMembership, insertOrganization, organizationHoldings, updateOrganization, type OrganizationRow } from "@/db/queries/organizations";
import { deriveOrganizationAnchor } from "../admin/organization-anchor";
import { constantTimeEqual, secretHash } from "../crypto/secret-hash";
import { fail } from "../errors";
import { newResourceAnchor } from "../identity/identifiers";
import type { Deps } from "../runtime";
import { lockLiveOrganization, organizationFor, requireSoleOwner } from "./access";
import { holdQuota, OWNED_ORGANIZATION_QUOTA } from "./quotas";

type DevDeps = Pick<Deps, "db" | "clock" | "keyring">;

export const organizationNameSchema = z.string().trim().min(1).max(80);
export const roleSchema = z.enum(["VIEWER", "ADMIN", "OWNER"]);

function refuse(code: string, message: string, reason: "Forbidden" | "Conflict" | "NotFound" = "Conflict"): never {
  fail(reason, { message, body: { code } });
}

function parseName(value: unknown): string {
  const parsed = organizationNameSchema.safeParse(value);
  if (!parsed.success) fail("Invalid name", { message: "The name must be 1 to 80 characters.", body: { code: "nameInvalid", field: "name" } });
  return parsed.data;
}

/** Creates an organization with the caller as its first OWNER; the anchor comes from the name, made unique on collision. */
export async function createOrganization(deps: DevDeps, accountId: string, rawName: unknown): Promise<OrganizationRow> {
  const name = parseName(rawName);
  const base = deriveOrganizationAnchor(name) ?? "org";
  return deps.db.transaction(async (tx) => {
    await holdOwnedOrganizationSlot(tx, accountId, "ownedOrganizationQuota");
    for (let attempt = 0; attempt < 6; attempt++) {
      // Names are not unique, anchors are: after the plain slug, add a random suffix.
      const anchor = attempt === 0 ? base : newResourceAnchor(base.slice(0, 50).replace(/-+$/, ""));
      const organization = await insertOrganization(tx, { anchor, name, createdAt: deps.clock.now() });
      if (!organization) continue;
      await insertMembership(tx, { organizationId: organization.id, accountId, role: "OWNER", createdAt: deps.clock.now() });
      return organization;
    }
    return fail("Conflict", { message: "No free organization anchor was found; try another name." });
  });
}

/**
 * The per-account limit on owned organizations binds every way of becoming an
 * OWNER on the portal — creating one, being invited as one, being promoted —
 * or anyone who knows an alias could pile organizations on that account,
 * which then could neither create its own nor be erased while those hold
 * live resources. Counted under the account's row lock, so creations,
 * invitations and promotions racing for the last slot take it only once.
 */
async function holdOwnedOrganizationSlot(tx: DevDeps["db"], accountId: string, code: "ownedOrganizationQuota" | "memberOwnedOrganizationQuota"): Promise<void> {
  await holdQuota(tx, { accountId }, async () => {
    if ((await countOwnedOrganizations(tx, accountId)) >= OWNED_ORGANIZATION_QUOTA) {
      refuse(code, `An account may own at most ${OWNED_ORGANIZATION_QUOTA} organizations.`);
    }
  });
}

export async function renameOrganization(deps: DevDeps, accountId: string, anchor: string, rawName: unknown): Promise<void> {
  const { organization } = await organizationFor(deps.db, accountId, anchor, "editOrganization");
  await updateOrganization(deps.db, organization.id, { name: parseName(rawName) });
}

/**
 * An opaque, per-organization handle for a member, so member forms never
 * carry an internal account id. Keyed with the server's hash key: it cannot
 * be reversed or linked across organizations.
 */
export function memberReference(deps: Pick<Deps, "keyring">, organizationId: string, accountId: string): string {
  return secretHash(deps.keyring, "developer-member-ref", `${organizationId}:${accountId}`).slice(0, 24);
}

export interface MemberView {
  reference: string;
  role: MemberRole;
  firstName: string | null;
  lastName: string | null;
  joinedAt: Date;
  self: boolean;
}

// Members see each other's name and role only. The email addresses are the
// account's private sign-in data (and a claim people choose whether to share),
// and the account alias is a handle its owner hands out themselves — the
// OWNER who invited someone already has it; the other members never did.
export async function membersOf(deps: DevDeps, accountId: string, organizationId: string): Promise<MemberView[]> {
  const rows = await listMembers(deps.db, organizationId);
  return rows.map((row) => ({
    reference: memberReference(deps, organizationId, row.accountId),
    role: row.role,
    firstName: row.firstName,
    lastName: row.lastName,
    joinedAt: row.joinedAt,
    self: row.accountId === accountId,
  }));
}

async function memberByReference(deps: DevDeps, organizationId: string, reference: string): Promise<MemberRow> {
  const rows = await listMembers(deps.db, organizationId);
  const found = rows.find((row) => constantTimeEqual(memberReference(deps, organizationId, row.accountId), reference));
  if (!found) refuse("memberNotFound", "No such member.", "NotFound");
  return found;
}

export async function inviteMember(deps: DevDeps, accountId: string, anchor: string, rawAlias: unknown, rawRole: unknown): Promise<void> {
  const { organization } = await organizationFor(deps.db, accountId, anchor, "manageMembers");
  const alias = typeof rawAlias === "string" ? rawAlias.trim().toLowerCase() : "";
  const role = roleSchema.safeParse(rawRole);
  if (!role.success) fail("Invalid role", { message: "Unknown role.", body: { code: "roleInvalid", field: "role" } });
  if (alias === "") fail("Invalid alias", { message: "Enter an account alias.", body: { code: "aliasRequired", field: "alias" } });
  const invitee = await findAccountIdByAlias(deps.db, alias);
  // The same answer for "no such alias" and "erased account": an alias reveals nothing more.
  if (!invitee) fail("NotFound", { message: "No account has this alias.", body: { code: "aliasUnknown", field: "alias" } });
  if (await findMembership(deps.db, organization.id, invitee)) {
    fail("Conflict", { message: "This account is already a member.", body: { code: "alreadyMember", field: "alias" } });
  }
  await deps.db.transaction(async (tx) => {
    // The organization's lock before the invitee's, the order a promotion takes them in, so the two cannot deadlock.
    await lockOrganization(tx, organization.id);
    if (role.data === "OWNER") await holdOwnedOrganizationSlot(tx, invitee, "memberOwnedOrganizationQuota");
    await insertMembership(tx, { organizationId: organization.id, accountId: invitee, role: role.data, createdAt: deps.clock.now() });
  });
}

/** Changes a member's role; never demotes the last OWNER, nor promotes someone who already owns the most organizations an account may. */
export async function changeMemberRole(deps: DevDeps, accountId: string, anchor: string, reference: string, rawRole: unknown): Promise<void> {
  const { organization } = await organizationFor(deps.db, accountId, anchor, "manageMembers");
  const role = roleSchema.safeParse(rawRole);
  if (!role.success) fail("Invalid role", { message: "Unknown role.", body: { code: "roleInvalid" } });
  await deps.db.transaction(async (tx) => {
    await lockOrganization(tx, organization.id);
    const member = await memberByReference({ ...deps, db: tx }, organization.id, reference);
    if (member.role === "OWNER" && role.data !== "OWNER" && (await countOwners(tx, organization.id)) <= 1) {
      refuse("lastOwner", "The last owner cannot be demoted; make someone else an owner first.");
    }
    if (role.data === "OWNER" && member.role !== "OWNER") await holdOwnedOrganizationSlot(tx, member.accountId, "memberOwnedOrganizationQuota");
    await updateMemberRole(tx, organization.id, member.accountId, role.data);
  });
}

/** Removes a member (OWNER) — never the last OWNER. */
export async function removeMember(deps: DevDeps, accountId: string, anchor: string, reference: string): Promise<void> {
  const { organization } = await organizationFor(deps.db, accountId, anchor, "manageMembers");
  await deps.db.transaction(async (tx) => {
    await lockOrganization(tx, organization.id);
    const member = await memberByReference({ ...deps, db: tx }, organization.id, reference);
    await dropMember(tx, organization.id, member.accountId, member.role);
  });
}

/** Any member may leave — except the last OWNER. */
export async function leaveOrganization(deps: DevDeps, accountId: string, anchor: string): Promise<void> {
  const { organization } = await organizationFor(deps.db, accountId, anchor, "view");
  if (organization.disabledAt) refuse("organizationRetired", "This organization is retired; re-enable it first.", "Forbidden");
  await deps.db.transaction(async (tx) => {
    await lockOrganization(tx, organization.id);
    // The role as it stands under the lock: a promotion to OWNER meanwhile makes this the last owner's leave.
    const role = await findMembership(tx, organization.id, accountId);
    if (!role) fail("NotFound", { message: "No such organization." });
    await dropMember(tx, organization.id, accountId, role);
  });
}

async function dropMember(tx: DevDeps["db"], organizationId: string, memberId: string, role: MemberRole): Promise<void> {
  if (role === "OWNER" && (await countOwners(tx, organizationId)) <= 1) {
    refuse("lastOwner", "The last owner cannot leave or be removed; make someone else an owner first.");
  }
  await deleteMembership(tx, organizationId, memberId);
}

/** Retires (freezes) the organization: sole OWNER, and every application and sector in it already disabled. */
export async function retireOrganization(deps: DevDeps, accountId: string, anchor: string): Promise<void> {
  const { organization, role } = await organizationFor(deps.db, accountId, anchor, "retire");
  await requireSoleOwner(deps.db, organization.id, role);
  await deps.db.transaction(async (tx) => {
    // Counted under the lock a creation or re-enable in it takes (lockLiveOrganization).
    await lockLiveOrganization(tx, organization.id);
    const holdings = await organizationHoldings(tx, organization.id);
    if (holdings.liveApplications > 0 || holdings.liveSectors > 0) {
      refuse("organizationHasLiveResources", "Retire every application and sector of this organization first.");
    }
    await updateOrganization(tx, organization.id, { disabledAt: deps.clock.now() });
  });
}

export async function reenableOrganization(deps: DevDeps, accountId: string, anchor: string): Promise<void> {
  const { organization, role } = await organizationFor(deps.db, accountId, anchor, "retire", { allowRetired: true });
  await requireSoleOwner(deps.db, organization.id, role);
  await updateOrganization(deps.db, organization.id, { disabledAt: null });
}
