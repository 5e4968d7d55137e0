// The developer surface's rules, through its lib functions on a real database
// of this pass's kind: who may do what (VIEWER < ADMIN < OWNER), the last
// OWNER is never removed, demoted or lets go, retiring needs the sole OWNER
// and everything inside disabled, a retired organization is frozen, quotas
// hold, and an application created here authenticates with the key handed out.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { findApplicationByAnchor, findSectorById } from "@/db/queries/applications";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { countOwnedOrganizations, countOwners, deleteMembership, lockOrganization, updateMemberRole } from "@/db/queries/memberships";
import { findOrganizationByAnchor, insertOrganizationSector, updateOrganization, updateSector } from "@/db/queries/organizations";
import { accountAliasFor } from "@/lib/identity/account-alias";
import { registerAccountByEmail } from "@/lib/identity/accounts";
import { isSudomimusError } from "@/lib/errors";
import {
  createDeveloperApplication,
  reenableApplication,
  renameApplication,
  retireApplication,
  rotateClientAuthKey,
  rotateTokenSigningKey,
} from "@/lib/developer/applications";
import {
  changeMemberRole,
  createOrganization,
  inviteMember,
  leaveOrganization,
  membersOf,
  reenableOrganization,
  removeMember,
  renameOrganization,
  retireOrganization,
} from "@/lib/developer/organizations";
import { OWNED_ORGANIZATION_QUOTA } from "@/lib/developer/quotas";
import { createSector, reenableSector, retireSector } from "@/lib/developer/sectors";
import { signedInBrowser } from "../support/acting-browser";
import { libDeps } from "../support/lib-deps";
import { rejectsWith } from "../support/rejects";
import { testEnv } from "../support/env";

type Setup = Awaited<ReturnType<typeof libDeps>>;
let setup: Setup;
let counter = 0;

async function newAccount(): Promise<{ id: string; alias: string }> {
  const account = await registerAccountByEmail(setup.deps.db, { email: `dev-${++counter}-${Date.now()}@example.test`, now: setup.deps.clock.now() });
  return { id: account.id, alias: await accountAliasFor(setup.deps.db, account.id) };
}

/** Asserts the promise is refused with the given message key (the code the portal translates). */
async function refusedWith(promise: Promise<unknown>, code: string) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isSudomimusError(error), String(error));
    assert.equal(error.body?.code, code, `${error.reason}: ${error.message}`);
    return true;
  });
}

/** The opaque reference of `accountId` in the organization (as the member list hands it out). */
async function memberRef(organizationId: string, accountId: string) {
  const self = (await membersOf(setup.deps, accountId, organizationId)).find((member) => member.self);
  assert.ok(self, "the account is a member");
  return self.reference;
}

/**
 * Runs `operation` while another transaction holds the organization's row
 * lock: the operation makes its checks before the lock (seeing nothing of
 * the other transaction yet) and then waits for it; `meanwhile` writes what a
 * racing request would, and commits. Answers the operation's refusal code,
 * or "done".
 */
async function racedBy(organizationId: string, operation: () => Promise<unknown>, meanwhile: (tx: Executor) => Promise<unknown>): Promise<string> {
  let outcome: Promise<string> | undefined;
  await setup.deps.db.transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    outcome = operation().then(
      () => "done",
      (error: unknown) => (isSudomimusError(error) ? String(error.body?.code) : String(error)),
    );
    // Until the operation waits for the lock (its checks are behind it).
    for (let tries = 0; ; tries++) {
      const [row] = (await setup.deps.db.execute(sql`select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`)) as unknown as { waiting: number }[];
      if (row!.waiting > 0) break;
      assert.ok(tries < 200, "the operation never waited for the organization's lock");
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await meanwhile(tx);
  });
  return outcome!;
}

describe("developer surface rules (lib)", () => {
  before(async () => {
    setup = await libDeps();
  });
  after(async () => {
    await setup?.close();
  });

  it("roles: VIEWER sees, ADMIN edits, OWNER manages members; the last OWNER stays", async () => {
    const deps = setup.deps;
    const owner = await newAccount();
    const admin = await newAccount();
    const viewer = await newAccount();
    const organization = await createOrganization(deps, owner.id, "Acme, Inc.");
    assert.match(organization.anchor, /^acme-inc/);

    await inviteMember(deps, owner.id, organization.anchor, admin.alias.toUpperCase(), "ADMIN");
    await inviteMember(deps, owner.id, organization.anchor, ` ${viewer.alias} `, "VIEWER");
    await refusedWith(inviteMember(deps, owner.id, organization.anchor, viewer.alias, "VIEWER"), "alreadyMember");
    await refusedWith(inviteMember(deps, owner.id, organization.anchor, "quiet-meadow-0000-0000-0000-otter", "VIEWER"), "aliasUnknown");
    // An ADMIN may not manage members; a VIEWER may not rename.
    await refusedWith(inviteMember(deps, admin.id, organization.anchor, (await newAccount()).alias, "VIEWER"), "roleTooLow");
    await refusedWith(renameOrganization(deps, viewer.id, organization.anchor, "Renamed"), "roleTooLow");
    await renameOrganization(deps, admin.id, organization.anchor, "Acme Labs");

    // No member view carries an internal id, and references are opaque.
    const members = await membersOf(deps, owner.id, organization.id);
    assert.equal(members.length, 3);
    assert.ok(!JSON.stringify(members).includes(owner.id));

    // The last OWNER cannot leave, be demoted or be removed — not even by themselves.
    const ownerRef = await memberRef(organization.id, owner.id);
    await refusedWith(leaveOrganization(deps, owner.id, organization.anchor), "lastOwner");
    await refusedWith(changeMemberRole(deps, owner.id, organization.anchor, ownerRef, "ADMIN"), "lastOwner");
    await refusedWith(removeMember(deps, owner.id, organization.anchor, ownerRef), "lastOwner");

    // With a second OWNER, the first may step down; the new last OWNER is protected again.
    const adminRef = await memberRef(organization.id, admin.id);
    await changeMemberRole(deps, owner.id, organization.anchor, adminRef, "OWNER");
    await changeMemberRole(deps, owner.id, organization.anchor, ownerRef, "ADMIN");
    await refusedWith(changeMemberRole(deps, owner.id, organization.anchor, adminRef, "VIEWER"), "roleTooLow");
    await refusedWith(leaveOrganization(deps, admin.id, organization.anchor), "lastOwner");

    // A VIEWER may leave; afterwards the organization is not found for them.
    await leaveOrganization(deps, viewer.id, organization.anchor);
    await assert.rejects(renameOrganization(deps, viewer.id, organization.anchor, "x"), (error: unknown) => isSudomimusError(error, "NotFound"));
  });

  it("applications: ADMIN creates with validation and quota, only the sole OWNER retires", async () => {
    const deps = setup.deps;
    const owner = await newAccount();
    const admin = await newAccount();
    const organization = await createOrganization(deps, owner.id, "Quota Co");
    await inviteMember(deps, owner.id, organization.anchor, admin.alias, "ADMIN");
    const anchor = `app-${Date.now()}`;

    await refusedWith(createDeveloperApplication(deps, admin.id, { organizationAnchor: organization.anchor, anchor: "Bad Anchor", names: { "en-US": "x" } }), "anchorInvalid");
    await refusedWith(createDeveloperApplication(deps, admin.id, { organizationAnchor: organization.anchor, anchor, names: { "de-DE": "Nur Deutsch" } }), "nameRequired");
    const created = await createDeveloperApplication(deps, admin.id, { organizationAnchor: organization.anchor, anchor, names: { "en-US": "Shop", "de-DE": "Laden", "fr-FR": "" } });
    assert.match(created.clientAuthPrivateKey, /BEGIN PRIVATE KEY/);
    const stored = await findApplicationByAnchor(deps.db, anchor);
    assert.deepEqual(stored?.names, { "en-US": "Shop", "de-DE": "Laden" });
    assert.ok(!JSON.stringify(stored).includes(created.clientAuthPrivateKey.split("\n")[1]!), "the private key is not stored");
    await assert.rejects(
      createDeveloperApplication(deps, admin.id, { organizationAnchor: organization.anchor, anchor, names: { "en-US": "Again" } }),
      (error: unknown) => isSudomimusError(error, "ApplicationAnchorTaken"),
    );

    // Key rotation (ADMIN) replaces the public halves; the new private key is returned once.
    await rotateTokenSigningKey(deps, admin.id, anchor);
    // A new client-auth key is a credential shown once: it needs a recent sign-in on this browser, not only the portal cookie.
    const refused = await rejectsWith(rotateClientAuthKey(deps, { ...(await signedInBrowser(deps, admin.id)), sessionKey: null }, anchor), "SignInRequired", 401);
    assert.equal(refused.body?.key, "recentSignInRequired");
    assert.equal((await findApplicationByAnchor(deps.db, anchor))?.clientAuthPublicKey, stored?.clientAuthPublicKey, "the refused rotation changed nothing");
    const rotatedPrivate = await rotateClientAuthKey(deps, await signedInBrowser(deps, admin.id), anchor);
    const rotated = await findApplicationByAnchor(deps.db, anchor);
    assert.notEqual(rotated?.tokenSigningPublicKey, stored?.tokenSigningPublicKey);
    assert.notEqual(rotated?.clientAuthPublicKey, stored?.clientAuthPublicKey);
    assert.match(rotatedPrivate, /BEGIN PRIVATE KEY/);

    // Retiring: not an ADMIN, not one of two OWNERs — only the sole OWNER.
    await refusedWith(retireApplication(deps, admin.id, anchor), "roleTooLow");
    await retireApplication(deps, owner.id, anchor);
    assert.equal((await findApplicationByAnchor(deps.db, anchor))?.enabled, false);
    await changeMemberRole(deps, owner.id, organization.anchor, await memberRef(organization.id, admin.id), "OWNER");
    await refusedWith(reenableApplication(deps, owner.id, anchor), "soleOwnerOnly");

    // A second application in the same sector, then the sector quota.
    const sector = await createSector(deps, admin.id, organization.anchor, "Shared family");
    await renameApplication(deps, admin.id, anchor, { "en-US": "Shop 2" });
    // An operator lowers the quotas: 2 applications and 2 sectors, both now used up.
    await updateOrganization(deps.db, organization.id, { applicationQuota: 2, sectorQuota: 2 });
    await createDeveloperApplication(deps, admin.id, { organizationAnchor: organization.anchor, anchor: `${anchor}-b`, names: { "en-US": "B" }, sectorAnchor: sector.anchor });
    await refusedWith(createDeveloperApplication(deps, admin.id, { organizationAnchor: organization.anchor, anchor: `${anchor}-c`, names: { "en-US": "C" } }), "applicationQuota");
    await refusedWith(createSector(deps, admin.id, organization.anchor, "One too many"), "sectorQuota");
  });

  it("retiring: sectors need their applications disabled, organizations everything; retired is frozen", async () => {
    const deps = setup.deps;
    const owner = await newAccount();
    const viewer = await newAccount();
    const organization = await createOrganization(deps, owner.id, "Retire Me");
    await inviteMember(deps, owner.id, organization.anchor, viewer.alias, "VIEWER");
    const anchor = `ret-${Date.now()}`;
    await createDeveloperApplication(deps, owner.id, { organizationAnchor: organization.anchor, anchor, names: { "en-US": "R" } });
    const sector = (await findSectorById(deps.db, (await findApplicationByAnchor(deps.db, anchor))!.sectorId))!;

    await refusedWith(retireOrganization(deps, owner.id, organization.anchor), "organizationHasLiveResources");
    await refusedWith(retireSector(deps, owner.id, organization.anchor, sector.anchor), "sectorHasLiveApplications");
    await refusedWith(retireSector(deps, viewer.id, organization.anchor, sector.anchor), "roleTooLow");
    await retireApplication(deps, owner.id, anchor);
    await retireSector(deps, owner.id, organization.anchor, sector.anchor);
    // An application cannot come back into a retired sector.
    await refusedWith(reenableApplication(deps, owner.id, anchor), "sectorRetired");
    await refusedWith(retireOrganization(deps, viewer.id, organization.anchor), "roleTooLow");
    await retireOrganization(deps, owner.id, organization.anchor);

    // Frozen: no rename, no members, no creation, no leaving.
    await refusedWith(renameOrganization(deps, owner.id, organization.anchor, "New"), "organizationRetired");
    await refusedWith(inviteMember(deps, owner.id, organization.anchor, (await newAccount()).alias, "VIEWER"), "organizationRetired");
    await refusedWith(createSector(deps, owner.id, organization.anchor, "S"), "organizationRetired");
    await refusedWith(createDeveloperApplication(deps, owner.id, { organizationAnchor: organization.anchor, anchor: `${anchor}-x`, names: { "en-US": "X" } }), "organizationRetired");
    await refusedWith(leaveOrganization(deps, viewer.id, organization.anchor), "organizationRetired");
    await refusedWith(reenableSector(deps, owner.id, organization.anchor, sector.anchor), "organizationRetired");
    await refusedWith(reenableOrganization(deps, viewer.id, organization.anchor), "roleTooLow");

    await reenableOrganization(deps, owner.id, organization.anchor);
    await reenableSector(deps, owner.id, organization.anchor, sector.anchor);
    await reenableApplication(deps, owner.id, anchor);
    assert.equal((await findApplicationByAnchor(deps.db, anchor))?.enabled, true);
  });

  // PGlite runs one transaction at a time on its one connection: nothing there can interleave.
  it("a retire and a creation or re-enable racing in one organization cannot both win", { skip: testEnv.dbKind === "pglite" }, async () => {
    const deps = setup.deps;
    const owner = await newAccount();
    const organization = await createOrganization(deps, owner.id, "Racing Retire");
    const liveSector = (tx: Executor) => insertOrganizationSector(tx, { anchor: `raced-${Date.now()}`, organizationId: organization.id, name: "Raced", createdAt: deps.clock.now() });

    // Retiring counted nothing live before the lock; a sector created meanwhile is seen under it.
    assert.equal(await racedBy(organization.id, () => retireOrganization(deps, owner.id, organization.anchor), liveSector), "organizationHasLiveResources");
    assert.equal((await findOrganizationByAnchor(deps.db, organization.anchor))?.disabledAt, null, "still live");
    const sector = (await createSector(deps, owner.id, organization.anchor, "Held"))!;
    const anchor = `race-${Date.now()}`;
    await createDeveloperApplication(deps, owner.id, { organizationAnchor: organization.anchor, anchor, names: { "en-US": "Race" }, sectorAnchor: sector.anchor });
    await retireApplication(deps, owner.id, anchor);

    // Re-enabling found the sector live before the lock; it was retired meanwhile.
    assert.equal(await racedBy(organization.id, () => reenableApplication(deps, owner.id, anchor), (tx) => updateSector(tx, sector.id, { disabledAt: deps.clock.now() })), "sectorRetired");
    assert.equal((await findApplicationByAnchor(deps.db, anchor))?.enabled, false);
    // Creating into a sector retired meanwhile.
    await updateSector(deps.db, sector.id, { disabledAt: null });
    assert.equal(
      await racedBy(organization.id, () => createDeveloperApplication(deps, owner.id, { organizationAnchor: organization.anchor, anchor: `${anchor}-b`, names: { "en-US": "B" }, sectorAnchor: sector.anchor }), (tx) => updateSector(tx, sector.id, { disabledAt: deps.clock.now() })),
      "sectorRetired",
    );
    assert.equal(await findApplicationByAnchor(deps.db, `${anchor}-b`), null);

    // Creating in an organization retired meanwhile: nothing is created in a frozen organization.
    await updateSector(deps.db, sector.id, { disabledAt: deps.clock.now() });
    const retire = (tx: Executor) => updateOrganization(tx, organization.id, { disabledAt: deps.clock.now() });
    assert.equal(await racedBy(organization.id, () => createSector(deps, owner.id, organization.anchor, "Late"), retire), "organizationRetired");
    await updateOrganization(deps.db, organization.id, { disabledAt: null });
    assert.equal(await racedBy(organization.id, () => createDeveloperApplication(deps, owner.id, { organizationAnchor: organization.anchor, anchor: `${anchor}-c`, names: { "en-US": "C" } }), retire), "organizationRetired");
    assert.equal(await findApplicationByAnchor(deps.db, `${anchor}-c`), null);
  });

  it("an account owns at most OWNED_ORGANIZATION_QUOTA organizations", async () => {
    const owner = await newAccount();
    for (let i = 0; i < OWNED_ORGANIZATION_QUOTA; i++) await createOrganization(setup.deps, owner.id, "Same name");
    await refusedWith(createOrganization(setup.deps, owner.id, "One more"), "ownedOrganizationQuota");
  });

  it("being invited or promoted as OWNER counts against the same limit; a refusal writes nothing", async () => {
    const deps = setup.deps;
    const target = await newAccount();
    // Anyone who knows the alias can make it an OWNER, but only up to the limit: it owns none of these by its own choice.
    const inviters = await Promise.all(Array.from({ length: OWNED_ORGANIZATION_QUOTA + 1 }, () => newAccount()));
    const organizations = await Promise.all(inviters.map((inviter, i) => createOrganization(deps, inviter.id, `Piling on ${i}`)));
    for (let i = 0; i < OWNED_ORGANIZATION_QUOTA; i++) await inviteMember(deps, inviters[i]!.id, organizations[i]!.anchor, target.alias, "OWNER");
    assert.equal(await countOwnedOrganizations(deps.db, target.id), OWNED_ORGANIZATION_QUOTA);

    const last = organizations[OWNED_ORGANIZATION_QUOTA]!;
    const lastOwner = inviters[OWNED_ORGANIZATION_QUOTA]!;
    await refusedWith(inviteMember(deps, lastOwner.id, last.anchor, target.alias, "OWNER"), "memberOwnedOrganizationQuota");
    assert.deepEqual((await membersOf(deps, lastOwner.id, last.id)).map((member) => member.role), ["OWNER"], "the refused invitation added no one");

    // Any other role is fine; promoting that member to OWNER is refused and leaves the role as it was.
    await inviteMember(deps, lastOwner.id, last.anchor, target.alias, "ADMIN");
    const targetRef = await memberRef(last.id, target.id);
    await refusedWith(changeMemberRole(deps, lastOwner.id, last.anchor, targetRef, "OWNER"), "memberOwnedOrganizationQuota");
    assert.equal((await membersOf(deps, target.id, last.id)).find((member) => member.self)?.role, "ADMIN");
    assert.equal(await countOwnedOrganizations(deps.db, target.id), OWNED_ORGANIZATION_QUOTA);
    await refusedWith(createOrganization(deps, target.id, "My own"), "ownedOrganizationQuota");

    // Leaving one frees its place: the same promotion then goes through.
    await leaveOrganization(deps, target.id, organizations[0]!.anchor);
    await changeMemberRole(deps, lastOwner.id, last.anchor, targetRef, "OWNER");
    assert.equal(await countOwnedOrganizations(deps.db, target.id), OWNED_ORGANIZATION_QUOTA);
  });

  it("invitations and promotions to OWNER racing for an account's last free place: exactly one takes it", async () => {
    const deps = setup.deps;
    const target = await newAccount();
    for (let i = 0; i < OWNED_ORGANIZATION_QUOTA - 1; i++) await createOrganization(deps, target.id, `Own ${i}`);
    const owners = await Promise.all(Array.from({ length: 4 }, () => newAccount()));
    const organizations = await Promise.all(owners.map((owner, i) => createOrganization(deps, owner.id, `Race ${i}`)));
    // Two of the four already have the target as a VIEWER, to be promoted; the other two invite it.
    for (const i of [2, 3]) await inviteMember(deps, owners[i]!.id, organizations[i]!.anchor, target.alias, "VIEWER");
    const references = await Promise.all([2, 3].map((i) => memberRef(organizations[i]!.id, target.id)));
    const results = await Promise.allSettled([
      inviteMember(deps, owners[0]!.id, organizations[0]!.anchor, target.alias, "OWNER"),
      inviteMember(deps, owners[1]!.id, organizations[1]!.anchor, target.alias, "OWNER"),
      changeMemberRole(deps, owners[2]!.id, organizations[2]!.anchor, references[0]!, "OWNER"),
      changeMemberRole(deps, owners[3]!.id, organizations[3]!.anchor, references[1]!, "OWNER"),
    ]);
    const refusals = results.flatMap((result) => (result.status === "rejected" ? [isSudomimusError(result.reason) ? String(result.reason.body?.code) : String(result.reason)] : []));
    assert.deepEqual(refusals, Array(3).fill("memberOwnedOrganizationQuota"));
    assert.equal(await countOwnedOrganizations(deps.db, target.id), OWNED_ORGANIZATION_QUOTA);
  });

  it("quotas hold when creations race: each is counted under a lock, so exactly the free slots are taken", async () => {
    const deps = setup.deps;
    const owner = await newAccount();
    const fulfilled = (results: PromiseSettledResult<unknown>[]) => results.filter((result) => result.status === "fulfilled").length;
    const refusals = (results: PromiseSettledResult<unknown>[]) =>
      results.flatMap((result) => (result.status === "rejected" ? [isSudomimusError(result.reason) ? String(result.reason.body?.code) : String(result.reason)] : []));

    const organizations = await Promise.allSettled(Array.from({ length: OWNED_ORGANIZATION_QUOTA + 3 }, (_, i) => createOrganization(deps, owner.id, `Rush ${i}`)));
    assert.equal(fulfilled(organizations), OWNED_ORGANIZATION_QUOTA);
    assert.deepEqual(refusals(organizations), Array(3).fill("ownedOrganizationQuota"));

    const organization = (organizations.find((result) => result.status === "fulfilled") as PromiseFulfilledResult<Awaited<ReturnType<typeof createOrganization>>>).value;
    await updateOrganization(deps.db, organization.id, { applicationQuota: 2, sectorQuota: 3 });
    const sectors = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => createSector(deps, owner.id, organization.anchor, `Sector ${i}`)));
    assert.equal(fulfilled(sectors), 3);
    assert.deepEqual(refusals(sectors), ["sectorQuota", "sectorQuota"]);

    const shared = (sectors.find((result) => result.status === "fulfilled") as PromiseFulfilledResult<Awaited<ReturnType<typeof createSector>>>).value;
    const stamp = Date.now();
    const applications = await Promise.allSettled(
      Array.from({ length: 4 }, (_, i) =>
        createDeveloperApplication(deps, owner.id, { organizationAnchor: organization.anchor, anchor: `rush-${stamp}-${i}`, names: { "en-US": `Rush ${i}` }, sectorAnchor: shared.anchor }),
      ),
    );
    assert.equal(fulfilled(applications), 2);
    assert.deepEqual(refusals(applications), ["applicationQuota", "applicationQuota"]);
  });

  it("leaving judges the role under the lock: a member promoted to last OWNER meanwhile stays", { skip: testEnv.dbKind === "pglite" }, async () => {
    const deps = setup.deps;
    const owner = await newAccount();
    const admin = await newAccount();
    const organization = await createOrganization(deps, owner.id, "Handover");
    await inviteMember(deps, owner.id, organization.anchor, admin.alias, "ADMIN");
    // Read as ADMIN before the lock; meanwhile promoted to OWNER and the first owner left.
    const handover = async (tx: Executor) => {
      await updateMemberRole(tx, organization.id, admin.id, "OWNER");
      await deleteMembership(tx, organization.id, owner.id);
    };
    assert.equal(await racedBy(organization.id, () => leaveOrganization(deps, admin.id, organization.anchor), handover), "lastOwner");
    assert.equal(await countOwners(deps.db, organization.id), 1, "the organization keeps its owner");
  });
});
