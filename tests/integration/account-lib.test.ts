// The account surface's rules through its lib functions, on a real database
// of this pass's kind: who may erase their account (sole OWNER of a live
// organization: no; co-owned or all-retired: yes), what erasure leaves behind
// (a tombstone that answers AccountDeleted at refresh, a freed email that
// registers a brand-new subject), that revoking sharing is read at the next
// refresh, that a rotated-away subject links to nothing (revoke-all, SYNTHETIC
// placeholders), that nothing removes the last way to sign in, and that
// names follow one rule wherever they are typed (Profile page, consent step).
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { SignJWT, importPKCS8 } from "jose";
import { and, eq } from "drizzle-orm";
import { accountAliases, accounts, applications, authentications, claimGrants, emailIdentities, inquiries, memberships, refreshTokenFamilies, sectors, sectorSubjects } from "@/db/schema";
import { insertAuthentication, listEmailIdentities, upsertClaimGrant } from "@/db/queries/identity";
import { listOutboxMessages } from "@/db/queries/mail-outbox";
import { insertMembership, insertOrganization } from "@/db/queries/organizations";
import { writeClaimPolicies } from "@/lib/applications/claim-policy";
import { createApplication, type CreatedApplication } from "@/lib/applications/create-application";
import { deleteAccount, deleteOwnAccount, listBlockingOrganizations } from "@/lib/account/delete-account";
import { listDataSharing, revokeSharing } from "@/lib/account/data-sharing";
import { listSectorSubjects, rotateAccountAlias, rotateSectorSubject, accountAliasFor } from "@/lib/account/privacy";
import { updateProfileName } from "@/lib/account/profile";
import { addPasskeyOptions, loadSignInMethods, makePrimaryEmail, removeEmail, removePasskey, renamePasskey, startAddEmail, verifyAddEmail } from "@/lib/account/sign-in-methods";
import { parseWith } from "@/lib/http/body";
import { registerAccountByEmail } from "@/lib/identity/accounts";
import { establish } from "@/lib/inquiry/establish";
import { findInquiryByExposureKey } from "@/lib/inquiry/load-inquiry";
import { realize } from "@/lib/inquiry/realize";
import { redeem } from "@/lib/inquiry/redeem";
import { introspect } from "@/lib/sessions/introspect";
import { refresh } from "@/lib/sessions/refresh";
import { revokeAll } from "@/lib/sessions/revoke-all";
import type { Browser } from "@/lib/via/browser";
import { consentBodySchema, submitConsent } from "@/lib/via/consent";
import { RECENT_SIGN_IN_SECONDS, startBrowserSession } from "@/lib/via/browser-session";
import { signedInBrowser as signedInBrowserAs } from "../support/acting-browser";
import { passkeyRegistrationOptions, passkeyRegistrationVerify } from "@/lib/via/passkeys";
import { libDeps } from "../support/lib-deps";
import { signInCodeIn } from "../support/mailbox";
import { rejectsWith } from "../support/rejects";
import { tokenBody } from "../support/tokens";

type Setup = Awaited<ReturnType<typeof libDeps>>;
let setup: Setup;
const rand = () => crypto.randomBytes(4).toString("hex");

async function newAccount(email = `user-${rand()}@example.com`) {
  const account = await setup.deps.db.transaction((tx) => registerAccountByEmail(tx, { email, now: setup.deps.clock.now() }));
  return { id: account.id, email };
}

async function newOrganization(name: string, owners: string[], others: { accountId: string; role: "ADMIN" | "VIEWER" }[] = []) {
  const organization = (await insertOrganization(setup.deps.db, { anchor: `org-${rand()}`, name }))!;
  for (const accountId of owners) await insertMembership(setup.deps.db, { organizationId: organization.id, accountId, role: "OWNER" });
  for (const member of others) await insertMembership(setup.deps.db, { organizationId: organization.id, accountId: member.accountId, role: member.role });
  return organization;
}

async function newApplication(organizationId: string | null, claimPolicies: Record<string, "OFF" | "OPTIONAL" | "REQUIRED" | "SYNTHETIC"> = {}) {
  return createApplication(setup.deps, {
    anchor: `acct-${rand()}`,
    organizationId,
    names: { "en-US": `App ${rand()}` },
    rules: {
      authentication: [{ method: "EMAIL_VERIFICATION", payload: {} }],
      realize: [{ constraintType: "EMAIL", payload: { allowedEmails: ["*@example.com"] } }],
      return: [{ returnMethod: "STATUS_POLL", payload: {} }],
    },
    claimPolicies,
  });
}

async function signedRequest(app: CreatedApplication, body: Record<string, unknown>) {
  const rawBody = new TextEncoder().encode(JSON.stringify(body));
  const now = Math.floor(setup.deps.clock.now().getTime() / 1000);
  const jwt = await new SignJWT({ jti: crypto.randomUUID(), body_sha256: crypto.createHash("sha256").update(rawBody).digest("base64") })
    .setProtectedHeader({ alg: "RS256" })
    .setIssuer(app.applicationAnchor)
    .setAudience("sudomimus-connect")
    .setIssuedAt(now)
    .setExpirationTime(now + 60)
    .sign(await importPKCS8(app.clientAuthPrivateKey, "RS256"));
  return { authorization: `SudomimusClientJWT ${jwt}`, rawBody };
}

/** A Connect session of `user` at `app`: establish → realize → redeem. */
async function connectSession(app: CreatedApplication, user: { id: string; email: string }) {
  const established = await establish(setup.deps, await signedRequest(app, { applicationAnchor: app.applicationAnchor, returnMethods: [{ type: "STATUS_POLL", payload: {} }] }));
  const inquiry = (await findInquiryByExposureKey(setup.deps, established.exposureKey))!;
  const outcome = await realize(setup.deps, { inquiry, accountId: user.id, attempt: { method: "EMAIL_VERIFICATION" }, loginEmail: user.email, authTime: setup.deps.clock.now() });
  assert.equal(outcome.kind, "realized");
  return redeem(setup.deps, { exposureKey: established.exposureKey, hiddenKey: established.hiddenKey, confirmationKey: outcome.kind === "realized" ? outcome.confirmationKey : "" });
}

async function grant(accountId: string, applicationId: string, claims: ("EMAIL" | "FIRST_NAME" | "LAST_NAME")[]) {
  for (const claim of claims) await upsertClaimGrant(setup.deps.db, { accountId, applicationId, claim, decision: "GRANTED", decidedAt: setup.deps.clock.now() });
}

/** Rotates the user's subject `subject` from their privacy page; returns its successor. */
async function rotateSubject(accountId: string, subject: string): Promise<string> {
  const entry = (await listSectorSubjects(setup.deps, accountId, "en-US")).find((item) => item.subject === subject)!;
  return (await rotateSectorSubject(setup.deps, accountId, entry.sectorAnchor)).subject;
}

/** A browser that has just signed in to via as the user: the portal's acting browser. */
const signedInBrowser = (user: { id: string; email: string }) => signedInBrowserAs(setup.deps, user.id, user.email);

describe("Account surface (lib)", () => {
  before(async () => {
    setup = await libDeps();
  });
  after(async () => setup.close());

  it("blocks erasure while the account solely owns an organization with an enabled application, and lists it", async () => {
    const user = await newAccount();
    const organization = await newOrganization("Solo Org", [user.id]);
    await newApplication(organization.id);
    assert.deepEqual(await listBlockingOrganizations(setup.deps.db, user.id), [{ anchor: organization.anchor, name: "Solo Org" }]);
    const error = await rejectsWith(deleteAccount(setup.deps, user.id, { confirmation: user.email }), "AccountOwnsLiveOrganizations", 409);
    assert.deepEqual(error.body?.organizations, [{ anchor: organization.anchor, name: "Solo Org" }]);
    const [row] = await setup.deps.db.select().from(accounts).where(eq(accounts.id, user.id));
    assert.equal(row!.status, "ACTIVE", "nothing was erased");
    assert.equal((await listEmailIdentities(setup.deps.db, user.id)).length, 1);
  });

  it("blocks on a live sector alone (its applications all retired), and unblocks once the sector is retired", async () => {
    const user = await newAccount();
    const organization = await newOrganization("Sector Org", [user.id]);
    const app = await newApplication(organization.id);
    await setup.deps.db.update(applications).set({ enabled: false, disabledAt: setup.deps.clock.now() }).where(eq(applications.id, app.applicationId));
    assert.deepEqual((await listBlockingOrganizations(setup.deps.db, user.id)).map((org) => org.anchor), [organization.anchor]);
    await setup.deps.db.update(sectors).set({ disabledAt: setup.deps.clock.now() }).where(eq(sectors.id, app.sectorId));
    assert.deepEqual(await listBlockingOrganizations(setup.deps.db, user.id), []);
    await deleteAccount(setup.deps, user.id, { confirmation: user.email.toUpperCase() });
    const [row] = await setup.deps.db.select().from(accounts).where(eq(accounts.id, user.id));
    assert.equal(row!.status, "DELETED");
    assert.equal((await setup.deps.db.select().from(memberships).where(eq(memberships.organizationId, organization.id))).length, 0, "the retired organization is owner-less now");
  });

  it("never blocks on a co-owned organization, nor for an ADMIN or VIEWER of a live one", async () => {
    const user = await newAccount();
    const coOwner = await newAccount();
    const shared = await newOrganization("Shared Org", [user.id, coOwner.id]);
    await newApplication(shared.id);
    const foreign = await newOrganization("Someone else's", [coOwner.id], [{ accountId: user.id, role: "ADMIN" }]);
    await newApplication(foreign.id);
    assert.deepEqual(await listBlockingOrganizations(setup.deps.db, user.id), []);
    // The co-owner, now sole owner of the other org, is blocked by it.
    assert.deepEqual((await listBlockingOrganizations(setup.deps.db, coOwner.id)).map((org) => org.anchor), [foreign.anchor]);
    await deleteAccount(setup.deps, user.id, { confirmation: user.email });
    const owners = await setup.deps.db.select().from(memberships).where(eq(memberships.organizationId, shared.id));
    assert.deepEqual(owners.map((row) => row.accountId), [coOwner.id], "the other OWNER remains");
    // With the user gone, the co-owner is now the sole owner of the shared org too.
    assert.equal((await listBlockingOrganizations(setup.deps.db, coOwner.id)).length, 2);
  });

  it("refuses a wrong confirmation and erases nothing", async () => {
    const user = await newAccount();
    const error = await rejectsWith(deleteAccount(setup.deps, user.id, { confirmation: "delete" }), "Invalid confirmation");
    assert.equal(error.body?.key, "confirmationMismatch");
    const [row] = await setup.deps.db.select().from(accounts).where(eq(accounts.id, user.id));
    assert.equal(row!.status, "ACTIVE");
  });

  it("erases the account: AccountDeleted at refresh, the email freed, re-registration gets a new subject", async () => {
    const app = await newApplication(null, { email: "OPTIONAL" });
    const user = await newAccount();
    await grant(user.id, app.applicationId, ["EMAIL"]);
    await updateProfileName(setup.deps.db, user.id, { firstName: "Ada", lastName: "Lovelace" });
    await accountAliasFor(setup.deps.db, user.id);
    const tokens = await connectSession(app, user);
    const oldSubject = tokenBody(tokens.accessToken).subject;
    assert.equal(typeof oldSubject, "string");

    await deleteAccount(setup.deps, user.id, { confirmation: user.email });
    const [row] = await setup.deps.db.select().from(accounts).where(eq(accounts.id, user.id));
    assert.equal(row!.status, "DELETED");
    assert.ok(row!.deletedAt);
    assert.equal(row!.firstName, null);
    assert.equal(row!.lastName, null);
    assert.equal((await setup.deps.db.select().from(authentications).where(eq(authentications.accountId, user.id))).length, 0);
    assert.equal((await setup.deps.db.select().from(emailIdentities).where(eq(emailIdentities.accountId, user.id))).length, 0);
    assert.equal((await setup.deps.db.select().from(accountAliases).where(eq(accountAliases.accountId, user.id))).length, 0);
    // The rows kept so outstanding keys and tokens answer AccountDeleted no longer carry the address.
    const families = await setup.deps.db.select().from(refreshTokenFamilies).where(eq(refreshTokenFamilies.accountId, user.id));
    assert.ok(families.length > 0);
    assert.deepEqual(families.map((family) => family.emailAddress), families.map(() => null));
    const realized = await setup.deps.db.select().from(inquiries).where(eq(inquiries.accountId, user.id));
    assert.ok(realized.length > 0);
    assert.deepEqual(realized.map((inquiry) => inquiry.loginEmail), realized.map(() => null));

    await rejectsWith(refresh(setup.deps, { refreshToken: tokens.refreshToken }), "AccountDeleted", 403);

    const again = await newAccount(user.email);
    assert.notEqual(again.id, user.id, "a brand-new account");
    await grant(again.id, app.applicationId, ["EMAIL"]);
    const fresh = await connectSession(app, again);
    assert.notEqual(tokenBody(fresh.accessToken).subject, oldSubject, "a brand-new subject in the same sector");
  });

  it("revoking sharing is read at the next refresh: an OPTIONAL claim disappears, a REQUIRED one stops the refresh", async () => {
    const optional = await newApplication(null, { email: "OPTIONAL", firstName: "OPTIONAL" });
    const required = await newApplication(null, { email: "REQUIRED", firstName: "OPTIONAL" });
    const user = await newAccount();
    await updateProfileName(setup.deps.db, user.id, { firstName: "Grace", lastName: "" });
    await grant(user.id, optional.applicationId, ["EMAIL", "FIRST_NAME"]);
    await grant(user.id, required.applicationId, ["EMAIL", "FIRST_NAME"]);
    const a = await connectSession(optional, user);
    const b = await connectSession(required, user);
    assert.equal(tokenBody(a.accessToken).emailAddress, user.email);
    assert.equal(tokenBody(a.accessToken).firstName, "Grace");

    const listed = await listDataSharing(setup.deps, user.id, "en-US");
    const view = listed.find((entry) => entry.anchor === required.applicationAnchor)!;
    assert.deepEqual(view.claims.find((claim) => claim.claim === "email"), { claim: "email", state: "GRANTED", requirement: "REQUIRED", received: true });
    assert.equal(view.anyShared, true);

    assert.equal(await revokeSharing(setup.deps, user.id, optional.applicationAnchor), 2);
    const refreshed = await refresh(setup.deps, { refreshToken: a.refreshToken });
    assert.equal(tokenBody(refreshed.accessToken).emailAddress, undefined);
    assert.equal(tokenBody(refreshed.accessToken).firstName, undefined);
    assert.equal(refreshed.claims.email.state, "DENIED");

    await revokeSharing(setup.deps, user.id, required.applicationAnchor);
    await rejectsWith(refresh(setup.deps, { refreshToken: b.refreshToken }), "ClaimConsentRequired", 403);
    const after = (await listDataSharing(setup.deps, user.id, "en-US")).find((entry) => entry.anchor === required.applicationAnchor)!;
    assert.equal(after.anyShared, false);
    await rejectsWith(revokeSharing(setup.deps, user.id, "no-such-app"), "NotFound");
  });

  it("a grant the application's policy no longer asks for is shown as allowed, not shared, and can still be revoked", async () => {
    const app = await newApplication(null, { email: "OPTIONAL", firstName: "OPTIONAL" });
    const user = await newAccount();
    await updateProfileName(setup.deps.db, user.id, { firstName: "Grace", lastName: "" });
    await grant(user.id, app.applicationId, ["EMAIL", "FIRST_NAME"]);
    // The developer switches the name off: nothing of it reaches a token any more.
    await writeClaimPolicies(setup.deps.db, app.applicationId, { email: "OFF", firstName: "OFF", lastName: "OFF" });
    const tokens = await connectSession(app, user);
    assert.equal(tokenBody(tokens.accessToken).emailAddress, undefined);
    assert.equal(tokenBody(tokens.accessToken).firstName, undefined);

    const view = (await listDataSharing(setup.deps, user.id, "en-US")).find((entry) => entry.anchor === app.applicationAnchor)!;
    assert.deepEqual(view.claims.find((claim) => claim.claim === "firstName"), { claim: "firstName", state: "GRANTED", requirement: "OFF", received: false });
    assert.equal(view.anyShared, false, "it receives none of the profile data");
    assert.equal(view.anyGranted, true, "the stored grants would count again if the policy came back on");
    await writeClaimPolicies(setup.deps.db, app.applicationId, { email: "OFF", firstName: "OPTIONAL", lastName: "OFF" });
    const back = (await listDataSharing(setup.deps, user.id, "en-US")).find((entry) => entry.anchor === app.applicationAnchor)!;
    assert.deepEqual(back.claims.find((claim) => claim.claim === "firstName"), { claim: "firstName", state: "GRANTED", requirement: "OPTIONAL", received: true });
    assert.equal(back.anyShared, true);

    assert.equal(await revokeSharing(setup.deps, user.id, app.applicationAnchor), 2);
    const revoked = (await listDataSharing(setup.deps, user.id, "en-US")).find((entry) => entry.anchor === app.applicationAnchor)!;
    assert.equal(revoked.anyGranted, false);
    assert.deepEqual(revoked.claims.map((claim) => claim.state), ["DENIED", "DENIED", "UNKNOWN"]);
  });

  it("never removes the last way to sign in, nor the primary address", async () => {
    const user = await newAccount();
    const passkey = (await insertAuthentication(setup.deps.db, { accountId: user.id, kind: "PASSKEY", subject: `cred-${rand()}`, label: "Laptop", publicKey: Buffer.from([1]) }))!;
    const methods = await loadSignInMethods(setup.deps.db, user.id);
    assert.equal(methods.passkeys.length, 1);
    assert.equal(methods.emails.length, 1);
    assert.equal(await renamePasskey(setup.deps, user.id, { credentialId: passkey.subject, label: "  Work   laptop " }), "Work laptop");
    await rejectsWith(renamePasskey(setup.deps, user.id, { credentialId: passkey.subject, label: "   " }), "Invalid label");
    await rejectsWith(removeEmail(setup.deps, user.id, { email: methods.emails[0]!.email }), "Conflict");

    // Passkey-only account (no email): its only passkey stays.
    const other = await newAccount();
    await setup.deps.db.delete(emailIdentities).where(eq(emailIdentities.accountId, other.id));
    const only = (await insertAuthentication(setup.deps.db, { accountId: other.id, kind: "PASSKEY", subject: `cred-${rand()}`, publicKey: Buffer.from([1]) }))!;
    const error = await rejectsWith(removePasskey(setup.deps, other.id, { credentialId: only.subject }), "Conflict", 409);
    assert.equal(error.body?.key, "lastSignInMethod");
    // Someone else's passkey is "not found", not removable.
    await rejectsWith(removePasskey(setup.deps, other.id, { credentialId: passkey.subject }), "NotFound");
    // With an address left, the passkey may go.
    await removePasskey(setup.deps, user.id, { credentialId: passkey.subject });
    assert.equal((await loadSignInMethods(setup.deps.db, user.id)).passkeys.length, 0);
  });

  it("two addresses proven at once on an account with none: both are added, exactly one primary", async () => {
    // A Steam-only account (no address yet), adding two in two tabs.
    const user = await newAccount();
    await setup.deps.db.delete(emailIdentities).where(eq(emailIdentities.accountId, user.id));
    const who = { ...(await signedInBrowser(user)), address: null, locale: "en-US", portalName: "Sudomimus With" };
    const codeIn = async (to: string) => signInCodeIn((await listOutboxMessages(setup.deps.db, 50)).find((message) => message.recipient === to)!.textBody)!;
    const [a, b] = [`tab-a-${rand()}@example.com`, `tab-b-${rand()}@example.com`];
    const started = [await startAddEmail(setup.deps, who, { email: a }), await startAddEmail(setup.deps, who, { email: b })];
    const codes = [await codeIn(a), await codeIn(b)];
    const results = await Promise.allSettled(started.map((start, i) => verifyAddEmail(setup.deps, who, { challengeId: start.challengeId, code: codes[i]! })));
    assert.deepEqual(results.map((result) => result.status), ["fulfilled", "fulfilled"], JSON.stringify(results.map((result) => (result.status === "rejected" ? String(result.reason) : ""))));
    const emails = await setup.deps.db.select().from(emailIdentities).where(eq(emailIdentities.accountId, user.id));
    assert.deepEqual(emails.map((row) => row.email).sort(), [a, b].sort());
    assert.equal(emails.filter((row) => row.isPrimary).length, 1);

  });

  it("adds an address by code, makes it primary, removes the old one; another account's address fails without saying so", async () => {
    const user = await newAccount();
    const neighbour = await newAccount();
    const who = { ...(await signedInBrowser(user)), address: null, locale: "en-US", portalName: "Sudomimus With" };
    const codeIn = async (to: string) => {
      const [mail] = (await listOutboxMessages(setup.deps.db, 20)).filter((message) => message.recipient === to);
      return signInCodeIn(mail!.textBody)!;
    };

    const second = `second-${rand()}@example.com`;
    setup.deps.clock.advance(60);
    const started = await startAddEmail(setup.deps, who, { email: ` ${second.toUpperCase()} ` });
    assert.equal(started.email, second);
    await rejectsWith(verifyAddEmail(setup.deps, who, { challengeId: started.challengeId, code: "000000" }), "WrongCode");
    await rejectsWith(verifyAddEmail(setup.deps, { ...who, binding: "f".repeat(64) }, { challengeId: started.challengeId, code: await codeIn(second) }), "CodeExpired");
    assert.deepEqual(await verifyAddEmail(setup.deps, who, { challengeId: started.challengeId, code: await codeIn(second) }), { email: second });

    let methods = await loadSignInMethods(setup.deps.db, user.id);
    assert.deepEqual(methods.emails.map((row) => [row.email, row.isPrimary]), [[user.email, true], [second, false]]);
    await makePrimaryEmail(setup.deps, user.id, { email: methods.emails[1]!.email });
    methods = await loadSignInMethods(setup.deps.db, user.id);
    assert.deepEqual(methods.emails.map((row) => [row.email, row.isPrimary]), [[user.email, false], [second, true]]);
    await removeEmail(setup.deps, user.id, { email: methods.emails[0]!.email });
    assert.deepEqual((await loadSignInMethods(setup.deps.db, user.id)).emails.map((row) => row.email), [second]);
    const credentials = await setup.deps.db.select().from(authentications).where(and(eq(authentications.accountId, user.id), eq(authentications.kind, "EMAIL")));
    assert.ok(!credentials.some((row) => row.subject === user.email), "the removed address's email-code credential went with it");

    await rejectsWith(startAddEmail(setup.deps, who, { email: second }), "Conflict");
    // The neighbour's address: a code is sent like for any address, and verifying it fails generically.
    const taken = await startAddEmail(setup.deps, who, { email: neighbour.email });
    const error = await rejectsWith(verifyAddEmail(setup.deps, who, { challengeId: taken.challengeId, code: await codeIn(neighbour.email) }), "Conflict");
    assert.equal(error.body?.key, "codeNotVerified");
    assert.equal((await listEmailIdentities(setup.deps.db, neighbour.id))[0]!.email, neighbour.email, "the neighbour keeps the address");
  });

  it("rotates the alias and a sector subject (the old subject retired, its sessions ended, a new one live)", async () => {
    const app = await newApplication(null);
    const elsewhere = await newApplication(null);
    const user = await newAccount();
    const alias = await accountAliasFor(setup.deps.db, user.id);
    const rotated = await rotateAccountAlias(setup.deps.db, user.id);
    assert.notEqual(rotated, alias);
    assert.equal(await accountAliasFor(setup.deps.db, user.id), rotated);

    const tokens = await connectSession(app, user);
    const otherSector = await connectSession(elsewhere, user);
    const before = tokenBody(tokens.accessToken).subject as string;
    const listed = await listSectorSubjects(setup.deps, user.id, "en-US");
    const entry = listed.find((item) => item.subject === before)!;
    assert.equal(entry.isPortal, false);
    assert.equal(entry.applications.length, 1);
    const { subject } = await rotateSectorSubject(setup.deps, user.id, entry.sectorAnchor);
    assert.notEqual(subject, before);
    const rows = await setup.deps.db.select().from(sectorSubjects).where(and(eq(sectorSubjects.accountId, user.id), eq(sectorSubjects.sectorId, app.sectorId)));
    assert.equal(rows.length, 2);
    assert.ok(rows.find((row) => row.subject === before)!.retiredAt, "the old subject is retired");
    // The session in that sector is over: no refresh hands the application the new subject inside the old session.
    await rejectsWith(refresh(setup.deps, { refreshToken: tokens.refreshToken }), "RefreshTokenSuspended", 401);
    const [family] = await setup.deps.db.select().from(refreshTokenFamilies).where(and(eq(refreshTokenFamilies.accountId, user.id), eq(refreshTokenFamilies.applicationId, app.applicationId)));
    assert.equal(family!.revokedReason, "sector-subject-rotated");
    assert.ok((await refresh(setup.deps, { refreshToken: otherSector.refreshToken })).accessToken, "another sector's session goes on");
    const next = await connectSession(app, user);
    assert.equal(tokenBody(next.accessToken).subject, subject, "the application sees the new subject from the next sign-in");
    await rejectsWith(rotateSectorSubject(setup.deps, user.id, "no-such-sector"), "NotFound");
  });

  it("revoke-all answers a rotated-away subject like an unknown one: nothing revoked, the new subject's session stays live", async () => {
    const app = await newApplication(null);
    const user = await newAccount();
    const before = tokenBody((await connectSession(app, user)).accessToken).subject as string;
    const after = await rotateSubject(user.id, before);
    const current = await connectSession(app, user);
    const revokeAllFor = async (subject: string) => revokeAll(setup.deps, await signedRequest(app, { subject }));

    assert.deepEqual(await revokeAllFor(before), await revokeAllFor("sub_NEVERISSUED0000"), "the old subject resolves to no one");
    assert.deepEqual(await revokeAllFor(before), { revokedCount: 0 });
    assert.equal((await introspect(setup.deps, { accessToken: current.accessToken })).status, "active", "the application cannot reach the new user through the old subject");
    assert.deepEqual(await revokeAllFor(after), { revokedCount: 1 }, "the live subject still ends its sessions");
    assert.equal((await introspect(setup.deps, { accessToken: current.accessToken })).status, "revoked");
  });

  it("a SYNTHETIC placeholder is stable across refreshes and sign-ins, and a new one after the subject is rotated", async () => {
    const app = await newApplication(null, { email: "SYNTHETIC", firstName: "SYNTHETIC", lastName: "SYNTHETIC" });
    const user = await newAccount();
    // Declined at consent: the application gets placeholders.
    for (const claim of ["EMAIL", "FIRST_NAME", "LAST_NAME"] as const) {
      await upsertClaimGrant(setup.deps.db, { accountId: user.id, applicationId: app.applicationId, claim, decision: "DENIED", decidedAt: setup.deps.clock.now() });
    }
    const placeholder = (accessToken: string) => {
      const { emailAddress, firstName, lastName } = tokenBody(accessToken);
      return { emailAddress, firstName, lastName };
    };
    const first = await connectSession(app, user);
    const original = placeholder(first.accessToken);
    assert.ok((original.emailAddress as string).endsWith(`@${setup.deps.config.proxyEmailDomain}`), "a proxy address");
    assert.notEqual(original.emailAddress, user.email);
    assert.deepEqual(placeholder((await refresh(setup.deps, { refreshToken: first.refreshToken })).accessToken), original, "a refresh keeps it");
    assert.deepEqual(placeholder((await connectSession(app, user)).accessToken), original, "so does another sign-in");

    await rotateSubject(user.id, tokenBody(first.accessToken).subject as string);
    const rotated = await connectSession(app, user);
    const fresh = placeholder(rotated.accessToken);
    assert.notEqual(fresh.emailAddress, original.emailAddress, "the proxy address does not tie the new subject to the old one");
    assert.deepEqual(placeholder((await refresh(setup.deps, { refreshToken: rotated.refreshToken })).accessToken), fresh, "stable again until the next rotation");
    assert.deepEqual(placeholder((await connectSession(app, user)).accessToken), fresh);
  });

  it("validates names: trimmed, length-limited, no control characters; empty clears", async () => {
    const user = await newAccount();
    assert.deepEqual(await updateProfileName(setup.deps.db, user.id, { firstName: "  Jean-Luc  ", lastName: "O’Brien" }), { ok: true, firstName: "Jean-Luc", lastName: "O’Brien" });
    assert.deepEqual(await updateProfileName(setup.deps.db, user.id, { firstName: "x".repeat(101), lastName: "a\u0000b" }), { ok: false, errors: { firstName: "nameTooLong", lastName: "nameInvalid" } });
    assert.deepEqual(await updateProfileName(setup.deps.db, user.id, { firstName: "", lastName: "" }), { ok: true, firstName: null, lastName: null });
  });

  it("the consent step takes names by the Profile page's rule, fills only missing ones, and writes nothing of a refused answer", async () => {
    const app = await newApplication(null, { email: "REQUIRED", firstName: "REQUIRED", lastName: "REQUIRED" });
    const user = await newAccount();
    await updateProfileName(setup.deps.db, user.id, { firstName: "", lastName: "Hopper" });
    const browser: Browser = { binding: crypto.randomBytes(32).toString("hex"), sessionKey: null, locale: "en-US", address: null, setCookies: [] };
    await startBrowserSession(setup.deps, browser, { accountId: user.id, authenticationMethod: "EMAIL_VERIFICATION", loginEmail: user.email });
    const established = await establish(setup.deps, await signedRequest(app, { applicationAnchor: app.applicationAnchor, returnMethods: [{ type: "STATUS_POLL", payload: {} }] }));
    // What POST /via/api/consent does with a body: the route's schema, then the lib call.
    const consent = async (body: Record<string, unknown>) => submitConsent(setup.deps, browser, parseWith(consentBodySchema, { exposureKey: established.exposureKey, ...body }));
    const stored = async () => ({
      names: (await setup.deps.db.select({ firstName: accounts.firstName, lastName: accounts.lastName }).from(accounts).where(eq(accounts.id, user.id)))[0],
      decisions: await setup.deps.db.select({ claim: claimGrants.claim, decision: claimGrants.decision }).from(claimGrants).where(and(eq(claimGrants.accountId, user.id), eq(claimGrants.applicationId, app.applicationId))),
    });
    const untouched = { names: { firstName: null, lastName: "Hopper" }, decisions: [] };
    const everything = { email: true, firstName: true, lastName: true };

    // A NUL would reach the database; a right-to-left override would spoof what an application shows.
    for (const firstName of ["Gr\u0000ace", "\u202Eecarg", "x".repeat(101), "   "]) {
      const refused = await rejectsWith(consent({ decisions: everything, profile: { firstName } }), "Invalid profile", 400);
      assert.match(refused.message, /^profile\.firstName: /);
    }
    assert.deepEqual(await stored(), untouched);

    // A REQUIRED claim declined: neither the typed name nor the decisions before it are kept.
    await rejectsWith(consent({ decisions: { email: true, firstName: true, lastName: false }, profile: { firstName: "Grace" } }), "Invalid decisions", 400);
    assert.deepEqual(await stored(), untouched);

    // Accepted: the missing name is filled (normalized as on the Profile page); the one the account has is not written over.
    const outcome = await consent({ decisions: everything, profile: { firstName: "  Grace \u00A0 Brewster ", lastName: "Mallory" } });
    assert.notEqual(outcome.next, "consent");
    const after = await stored();
    assert.deepEqual(after.names, { firstName: "Grace Brewster", lastName: "Hopper" });
    assert.deepEqual(after.decisions.map((row) => `${row.claim}=${row.decision}`).sort(), ["EMAIL=GRANTED", "FIRST_NAME=GRANTED", "LAST_NAME=GRANTED"]);
  });

  it("the portal adds a passkey or an address only within 15 minutes of this browser's sign-in as the account", async () => {
    const user = await newAccount();
    const other = await newAccount();
    const who = await signedInBrowser(user);
    const mailWho = { address: null, locale: "en-US", portalName: "Sudomimus With" };
    assert.equal((await addPasskeyOptions(setup.deps, who)).options.authenticatorSelection?.userVerification, "required");
    const recentOnly = async (attempt: Promise<unknown>) => assert.equal((await rejectsWith(attempt, "SignInRequired", 401)).body?.key, "recentSignInRequired");
    // No via session, or one of another account (the portal session and via's can differ): not this user's recent sign-in.
    await recentOnly(addPasskeyOptions(setup.deps, { ...who, sessionKey: null }));
    await recentOnly(addPasskeyOptions(setup.deps, { ...who, sessionKey: (await signedInBrowser(other)).sessionKey }));
    setup.deps.clock.advance(RECENT_SIGN_IN_SECONDS + 1);
    await recentOnly(addPasskeyOptions(setup.deps, who));
    await recentOnly(startAddEmail(setup.deps, { ...who, ...mailWho }, { email: `late-${rand()}@example.com` }));
    // Signed in again ("Confirm it's you"): both work.
    const again = await signedInBrowser(user);
    assert.ok((await addPasskeyOptions(setup.deps, again)).challengeId);
    assert.ok((await startAddEmail(setup.deps, { ...again, ...mailWho }, { email: `fresh-${rand()}@example.com` })).challengeId);
  });

  it("the portal erases an account only within 15 minutes of this browser's sign-in as it", async () => {
    const user = await newAccount();
    const who = await signedInBrowser(user);
    setup.deps.clock.advance(RECENT_SIGN_IN_SECONDS + 1);
    const refused = await rejectsWith(deleteOwnAccount(setup.deps, who, { confirmation: user.email }), "SignInRequired", 401);
    assert.equal(refused.body?.key, "recentSignInRequired");
    assert.equal((await setup.deps.db.select().from(accounts).where(eq(accounts.id, user.id)))[0]!.status, "ACTIVE", "nothing erased");
    await deleteOwnAccount(setup.deps, await signedInBrowser(user), { confirmation: user.email });
    assert.equal((await setup.deps.db.select().from(accounts).where(eq(accounts.id, user.id)))[0]!.status, "DELETED");
  });

  it("via adds a passkey only right after a sign-in: a session signed in over 15 minutes ago cannot plant one", async () => {
    const user = await newAccount();
    const browser: Browser = { binding: crypto.randomBytes(32).toString("hex"), sessionKey: null, locale: "en-US", address: null, setCookies: [] };
    await startBrowserSession(setup.deps, browser, { accountId: user.id, authenticationMethod: "EMAIL_VERIFICATION", loginEmail: user.email });
    const offered = await passkeyRegistrationOptions(setup.deps, browser);
    assert.equal(offered.options.authenticatorSelection?.residentKey, "required");
    setup.deps.clock.advance(RECENT_SIGN_IN_SECONDS + 1);
    await rejectsWith(passkeyRegistrationOptions(setup.deps, browser), "SignInRequired", 401);
    const response = { id: "x", rawId: "x", type: "public-key", response: { clientDataJSON: "", attestationObject: "" }, clientExtensionResults: {} } as RegistrationResponseJSON;
    await rejectsWith(passkeyRegistrationVerify(setup.deps, browser, { challengeId: offered.challengeId, response }), "SignInRequired", 401);
  });
});
