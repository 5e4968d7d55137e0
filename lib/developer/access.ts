// Who may do what on the developer surface. Membership is per organization,
// one role each, ranked VIEWER < ADMIN < OWNER (docs: organizations and
// sectors). Every developer mutation asks here first, on the server; a
// non-member gets NotFound (the resource's existence is not revealed), a
// member below the needed role gets Forbidden, and a retired organization is
// frozen for everything but re-enabling.
import type { Executor } from "@/db/client";
import { countOwners, findApplicationForAccount, findOrganizationForAccount, lockOrganization, type MemberRole } from "@/db/queries/memberships";
import { isAnchor } from "../applications/anchor";
import { fail } from "../errors";

export type { MemberRole };

export const ROLE_RANK: Record<MemberRole, number> = { VIEWER: 1, ADMIN: 2, OWNER: 3 };

/** What each action needs — the docs' table of rights, in one place. */
export const RIGHTS = {
  view: "VIEWER",
  editApplications: "ADMIN", // create/edit applications and sectors, rules, keys, claim policy, access keys
  editOrganization: "ADMIN", // rename the organization
  manageMembers: "OWNER", // invite, change a role, remove
  retire: "OWNER", // and additionally the sole OWNER: see requireSoleOwner
  federation: "OWNER", // federation connectors (docs 23: owner-only)
  domains: "OWNER", // adopt, verify, release (docs 21: owner-only); a login policy needs the sole OWNER: see requireSoleOwner
} as const satisfies Record<string, MemberRole>;

export type Right = keyof typeof RIGHTS;

export function hasRight(role: MemberRole | null, right: Right): boolean {
  return role !== null && ROLE_RANK[role] >= ROLE_RANK[RIGHTS[right]];
}

function assertRight(role: MemberRole | null, right: Right): asserts role is MemberRole {
  if (role === null) fail("NotFound", { message: "No such organization." });
  if (!hasRight(role, right)) fail("Forbidden", { message: `This needs the ${RIGHTS[right]} role.`, body: { code: "roleTooLow" } });
}

/**
 * The organization and the caller's role, checked for `right`. A retired
 * organization is frozen: only viewing is allowed (`allowRetired` for the
 * re-enable action itself).
 */
export async function organizationFor(db: Executor, accountId: string, anchor: string, right: Right, options: { allowRetired?: boolean } = {}) {
  // As for applications below: an anchor that cannot be one names none, and is not looked up.
  const found = isAnchor(anchor) ? await findOrganizationForAccount(db, anchor, accountId) : null;
  if (!found || found.role === null) fail("NotFound", { message: "No such organization." });
  assertRight(found.role, right);
  if (found.organization.disabledAt && right !== "view" && !options.allowRetired) refuseRetiredOrganization();
  return { organization: found.organization, role: found.role };
}

/** The application (never a platform one), its organization and the caller's role, checked for `right`. */
export async function applicationFor(db: Executor, accountId: string, anchor: string, right: Right) {
  // The anchor comes from the URL: one that cannot be an application anchor names none, and is not looked up.
  const found = isAnchor(anchor) ? await findApplicationForAccount(db, anchor, accountId) : null;
  if (!found || found.role === null) fail("ApplicationNotFound", { message: "No such application." });
  assertRight(found.role, right);
  if (found.organization.disabledAt && right !== "view") refuseRetiredOrganization();
  return found as typeof found & { role: MemberRole };
}

export function refuseRetiredOrganization(): never {
  return fail("Forbidden", { message: "This organization is retired; re-enable it first.", body: { code: "organizationRetired" } });
}

/**
 * In a transaction: the organization's row lock, refusing if it has been
 * retired meanwhile. Whether an organization or sector is live, and what
 * live things it holds, are checked and changed under this lock — a retire
 * counting what is live inside, a creation or re-enable checking that its
 * container is live — so of two racing, the second sees the first. (The
 * checks before the transaction stay: they answer most refusals without one.)
 */
export async function lockLiveOrganization(tx: Executor, organizationId: string): Promise<void> {
  const row = await lockOrganization(tx, organizationId);
  if (!row || row.disabledAt) refuseRetiredOrganization();
}

/** Whether the account is the organization's only OWNER — what retiring and re-enabling need. */
export async function isSoleOwner(db: Executor, organizationId: string, role: MemberRole | null): Promise<boolean> {
  return role === "OWNER" && (await countOwners(db, organizationId)) === 1;
}

/** Retire operations: the sole OWNER only, so one co-owner cannot pull a shared resource from under the others. */
export async function requireSoleOwner(db: Executor, organizationId: string, role: MemberRole): Promise<void> {
  if (role !== "OWNER") fail("Forbidden", { message: "This needs the OWNER role.", body: { code: "roleTooLow" } });
  if (!(await isSoleOwner(db, organizationId, role))) {
    fail("Forbidden", { message: "Only the sole owner may do this.", body: { code: "soleOwnerOnly" } });
  }
}
