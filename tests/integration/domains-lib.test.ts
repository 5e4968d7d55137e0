// Adopting domains and setting their login policy (docs 21, 22, 24) through
// the lib functions, on a real database of this pass's kind, with the
// resolver pointed at a real DNS server on loopback (tests/fixtures/dns-server.ts):
// the domain format and the quota, contested claims (both PENDING, the first
// to verify wins, even when two race), every way a record can be missing,
// release freeing the slot and the policy, who may set a policy, which
// connectors SSO_ONLY may name, and that the realize gate then enforces it.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { decodeProtectedHeader } from "jose";
import { domains, federationConnectors, loginPolicies, memberships } from "@/db/schema";
import { findDomainClaim, markDomainVerified } from "@/db/queries/domains";
import { insertMembership, insertOrganization } from "@/db/queries/organizations";
import { createApplication, type CreatedApplication } from "@/lib/applications/create-application";
import { challengeRecord } from "@/lib/domains/challenge";
import { adoptDomain, releaseDomain } from "@/lib/domains/claims";
import { createTxtLookup } from "@/lib/domains/dns-txt";
import { domainOverview } from "@/lib/domains/domain-overview";
import { setLoginPolicy } from "@/lib/domains/login-policy";
import { verifyDomain } from "@/lib/domains/verification";
import { isSudomimusError } from "@/lib/errors";
import { removeConnector, setConnectorEnabled } from "@/lib/federation/connectors";
import { registerAccountByEmail } from "@/lib/identity/accounts";
import { establish } from "@/lib/inquiry/establish";
import { findInquiryByExposureKey } from "@/lib/inquiry/load-inquiry";
import { realize } from "@/lib/inquiry/realize";
import { redeem } from "@/lib/inquiry/redeem";
import { refresh } from "@/lib/sessions/refresh";
import { startDnsServer, type DnsServer } from "../fixtures/dns-server";
import { clientJwt } from "../support/connect-client";
import { libDeps } from "../support/lib-deps";
import { refused } from "../support/refusals";

type Setup = Awaited<ReturnType<typeof libDeps>>;
let setup: Setup;
let dns: DnsServer;
let app: CreatedApplication;
const rand = () => crypto.randomBytes(3).toString("hex");
const newDomain = (label = "acme") => `${label}-${rand()}.example`;

async function newAccount(domain = "example.com") {
  const email = `user-${rand()}@${domain}`;
  const account = await setup.deps.db.transaction((tx) => registerAccountByEmail(tx, { email, now: setup.deps.clock.now() }));
  return { id: account.id, email };
}

async function newOrganization(owners: string[], others: { accountId: string; role: "ADMIN" | "VIEWER" }[] = []) {
  const organization = (await insertOrganization(setup.deps.db, { anchor: `org-${rand()}`, name: `Org ${rand()}` }))!;
  for (const accountId of owners) await insertMembership(setup.deps.db, { organizationId: organization.id, accountId, role: "OWNER" });
  for (const member of others) await insertMembership(setup.deps.db, { organizationId: organization.id, accountId: member.accountId, role: member.role });
  return organization;
}

/** A connector row as the Connectors page would have created it (discovery is federation-lib's subject, not this one's). */
async function newConnector(organizationId: string, disabled = false) {
  const [row] = await setup.deps.db
    .insert(federationConnectors)
    .values({
      anchor: `Bastion-${rand().toUpperCase()}-K7Q2-M9XB-Covenant`,
      organizationId,
      displayName: "Acme SSO",
      issuer: "https://login.acme.example",
      clientId: "client",
      clientSecretSealed: "sealed",
      scopes: ["openid", "email"],
      disabledAt: disabled ? setup.deps.clock.now() : null,
    })
    .returning();
  return row!;
}

/** Adopts and verifies a domain for an organization owned by `owner`, publishing its record in the DNS fixture. */
async function verifiedDomain(ownerId: string, organizationAnchor: string, domain = newDomain()) {
  const adopted = await adoptDomain(setup.deps, ownerId, organizationAnchor, domain);
  dns.setTxt(adopted.record.host, [adopted.record.value]);
  await verifyDomain(setup.deps, ownerId, organizationAnchor, domain);
  return adopted;
}

/** A Connect login of `user` to the test application, up to realize (the gate runs there). */
async function realizeLogin(user: { id: string; email: string }) {
  return (await establishAndRealize(user)).outcome;
}

async function establishAndRealize(user: { id: string; email: string }) {
  const text = JSON.stringify({ applicationAnchor: app.applicationAnchor });
  const now = Math.floor(setup.deps.clock.now().getTime() / 1000);
  const jwt = await clientJwt({ anchor: app.applicationAnchor, privateKeyPem: app.clientAuthPrivateKey, publicKeyPem: "" }, text, { iat: now, exp: now + 60 });
  const established = await establish(setup.deps, { authorization: `SudomimusClientJWT ${jwt}`, rawBody: new TextEncoder().encode(text) });
  const inquiry = (await findInquiryByExposureKey(setup.deps, established.exposureKey))!;
  const outcome = await realize(setup.deps, { inquiry, accountId: user.id, attempt: { method: "EMAIL_VERIFICATION" }, loginEmail: user.email, authTime: setup.deps.clock.now() });
  return { established, outcome };
}

/** A whole login: realize, then redeem the three keys for the first token pair. */
async function signIn(user: { id: string; email: string }) {
  const { established, outcome } = await establishAndRealize(user);
  assert.equal(outcome.kind, "realized");
  const confirmationKey = outcome.kind === "realized" ? outcome.confirmationKey : "";
  return redeem(setup.deps, { exposureKey: established.exposureKey, hiddenKey: established.hiddenKey, confirmationKey });
}

const refreshExpiry = (refreshToken: string) => decodeProtectedHeader(refreshToken).exp as number;
const nowSeconds = () => Math.floor(setup.deps.clock.now().getTime() / 1000);

/** The login got past the login policy gate (to consent or all the way). */
async function passesGate(user: { id: string; email: string }) {
  const outcome = await realizeLogin(user);
  assert.ok(outcome.kind === "consent" || outcome.kind === "realized");
}

/** A sole owner's organization with a connector and a verified domain, an employee on it and an outsider off it. */
async function governedDomain() {
  const owner = await newAccount();
  const organization = await newOrganization([owner.id]);
  const connector = await newConnector(organization.id);
  const adopted = await verifiedDomain(owner.id, organization.anchor);
  return { owner, organization, connector, adopted, employee: await newAccount(adopted.domain), outsider: await newAccount() };
}

const stateOf = async (organizationId: string, domain: string) => (await findDomainClaim(setup.deps.db, organizationId, domain))?.state ?? null;

describe(`domains and login policies (${process.env.TEST_DB_KIND ?? "pglite"})`, () => {
  before(async () => {
    dns = await startDnsServer();
    setup = await libDeps({ dnsServers: [dns.server] });
    app = await createApplication(setup.deps, {
      anchor: `domains-${rand()}`,
      organizationId: null,
      names: { "en-US": "Domains" },
      rules: {
        authentication: [{ method: "EMAIL_VERIFICATION", payload: {} }],
        realize: [{ constraintType: "EVERYONE", payload: {} }],
        return: [{ returnMethod: "STATUS_POLL", payload: {} }],
      },
    });
  });
  after(async () => {
    await setup?.close();
    await dns?.close();
  });

  it("adopts standard ASCII domains in lowercase, refuses malformed and internationalized ones, and gives the fixed record to publish", async () => {
    const owner = await newAccount();
    const organization = await newOrganization([owner.id]);
    const adopted = await adoptDomain(setup.deps, owner.id, organization.anchor, "  Mail.Example.CO.uk ");
    assert.equal(adopted.domain, "mail.example.co.uk");
    assert.equal(adopted.state, "PENDING");
    assert.equal(adopted.record.host, "_sudomimus-challenge.mail.example.co.uk");
    assert.equal(adopted.record.type, "TXT");
    assert.match(adopted.record.value, /^sudomimus-domain-verification=[0-9a-f]{32}$/);
    const [row] = await setup.deps.db.select().from(domains).where(eq(domains.domain, "mail.example.co.uk"));
    assert.deepEqual(challengeRecord(row!.domain, row!.verificationToken), adopted.record, "the token is the claim's, fixed");

    for (const bad of ["localhost", "example", "exa mple.com", "-bad.example", "bad-.example", "a..example", "example.com/path", "1.2.3.4", `${"a".repeat(64)}.example`, ""]) {
      await refused(adoptDomain(setup.deps, owner.id, organization.anchor, bad), "Invalid domain", "domainInvalid");
    }
    for (const international of ["xn--bcher-kva.example", "bücher.example", "mail.xn--e1afmkfd.example"]) {
      await refused(adoptDomain(setup.deps, owner.id, organization.anchor, international), "Invalid domain", "domainInternational");
    }
    await refused(adoptDomain(setup.deps, owner.id, organization.anchor, "MAIL.example.co.uk"), "Conflict", "domainAlreadyClaimed");
  });

  it("lets only OWNERs adopt, counts pending and verified claims against the quota of 3, and a release frees a slot", async () => {
    const owner = await newAccount();
    const admin = await newAccount();
    const organization = await newOrganization([owner.id], [{ accountId: admin.id, role: "ADMIN" }]);
    await refused(adoptDomain(setup.deps, admin.id, organization.anchor, newDomain()), "Forbidden", "roleTooLow");
    const stranger = await newAccount();
    await refused(adoptDomain(setup.deps, stranger.id, organization.anchor, newDomain()), "NotFound");

    const verified = await verifiedDomain(owner.id, organization.anchor);
    await adoptDomain(setup.deps, owner.id, organization.anchor, newDomain());
    const pending = await adoptDomain(setup.deps, owner.id, organization.anchor, newDomain());
    await refused(adoptDomain(setup.deps, owner.id, organization.anchor, newDomain()), "Conflict", "domainQuota");
    await refused(verifyDomain(setup.deps, admin.id, organization.anchor, pending.domain), "Forbidden", "roleTooLow");
    await refused(releaseDomain(setup.deps, admin.id, organization.anchor, verified.domain), "Forbidden", "roleTooLow");

    await releaseDomain(setup.deps, owner.id, organization.anchor, pending.domain);
    await adoptDomain(setup.deps, owner.id, organization.anchor, newDomain());
    await releaseDomain(setup.deps, owner.id, organization.anchor, verified.domain);
    await adoptDomain(setup.deps, owner.id, organization.anchor, newDomain());
    await refused(adoptDomain(setup.deps, owner.id, organization.anchor, newDomain()), "Conflict", "domainQuota");
    await refused(releaseDomain(setup.deps, owner.id, organization.anchor, verified.domain), "NotFound");

    // Several adoptions at once cannot overshoot the quota either.
    const busy = await newOrganization([owner.id]);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => adoptDomain(setup.deps, owner.id, busy.anchor, newDomain())));
    assert.equal(results.filter((result) => result.status === "fulfilled").length, 3);
  });

  it("lets two organizations hold PENDING claims; the first to verify wins and the other gets DomainAlreadyAdopted until it is released", async () => {
    const alice = await newAccount();
    const bob = await newAccount();
    const first = await newOrganization([alice.id]);
    const second = await newOrganization([bob.id]);
    const domain = newDomain("contested");
    const a = await adoptDomain(setup.deps, alice.id, first.anchor, domain);
    const b = await adoptDomain(setup.deps, bob.id, second.anchor, domain);
    assert.deepEqual([a.state, b.state], ["PENDING", "PENDING"]);
    assert.equal(a.record.host, b.record.host);
    assert.notEqual(a.record.value, b.record.value, "each claim has its own token");

    dns.setTxt(a.record.host, ["v=spf1 -all", a.record.value, b.record.value]);
    assert.deepEqual(await verifyDomain(setup.deps, alice.id, first.anchor, domain), { state: "VERIFIED" });
    await refused(verifyDomain(setup.deps, bob.id, second.anchor, domain), "DomainAlreadyAdopted", "domainAlreadyAdopted");
    assert.equal(await stateOf(second.id, domain), "PENDING");
    assert.deepEqual(await verifyDomain(setup.deps, alice.id, first.anchor, domain), { state: "VERIFIED" }, "verifying again changes nothing");

    await releaseDomain(setup.deps, alice.id, first.anchor, domain);
    assert.deepEqual(await verifyDomain(setup.deps, bob.id, second.anchor, domain), { state: "VERIFIED" }, "released: free for the next organization");
  });

  it("holds the single verified slot when verifications race: the unique index decides", async () => {
    const owners = await Promise.all([newAccount(), newAccount(), newAccount()]);
    const organizations = await Promise.all(owners.map((owner) => newOrganization([owner.id])));
    const domain = newDomain("race");
    const claims = await Promise.all(organizations.map((organization, index) => adoptDomain(setup.deps, owners[index]!.id, organization.anchor, domain)));
    dns.setTxt(claims[0]!.record.host, claims.map((claim) => claim.record.value));
    const results = await Promise.allSettled(organizations.map((organization, index) => verifyDomain(setup.deps, owners[index]!.id, organization.anchor, domain)));
    assert.equal(results.filter((result) => result.status === "fulfilled").length, 1);
    for (const result of results.filter((result) => result.status === "rejected")) {
      assert.ok(isSudomimusError(result.reason, "DomainAlreadyAdopted"), String(result.reason));
    }
    // Past every check, the write itself is refused by the index, and reported as "taken".
    const loser = organizations.find((organization, index) => results[index]!.status === "rejected")!;
    const row = (await findDomainClaim(setup.deps.db, loser.id, domain))!;
    assert.equal(await markDomainVerified(setup.deps.db, row.id, setup.deps.clock.now()), "taken");
    const states = await Promise.all(organizations.map((organization) => stateOf(organization.id, domain)));
    assert.deepEqual(states.sort(), ["PENDING", "PENDING", "VERIFIED"]);
  });

  it("refuses cleanly, and keeps the claim PENDING, when the record is missing, wrong, NXDOMAIN or the resolver does not answer", async () => {
    const owner = await newAccount();
    const organization = await newOrganization([owner.id]);
    const adopted = await adoptDomain(setup.deps, owner.id, organization.anchor, newDomain("slow"));
    const verify = () => verifyDomain(setup.deps, owner.id, organization.anchor, adopted.domain);

    await refused(verify(), "DomainVerificationFailed", "recordNotFound"); // NXDOMAIN
    dns.setTxt(adopted.record.host, ["sudomimus-domain-verification=0123456789abcdef0123456789abcdef"]);
    await refused(verify(), "DomainVerificationFailed", "recordMismatch");
    dns.setTxt(adopted.record.host, [adopted.record.value.slice(0, -1)]);
    await refused(verify(), "DomainVerificationFailed", "recordMismatch");
    dns.setTxt(adopted.record.host, []);
    await refused(verify(), "DomainVerificationFailed", "recordNotFound"); // the name exists, no TXT
    dns.setTxt(adopted.record.host.replace("_sudomimus-challenge.", ""), [adopted.record.value]);
    await refused(verify(), "DomainVerificationFailed", "recordNotFound"); // published at the apex, not the challenge host

    dns.setTxt(adopted.record.host, [adopted.record.value]);
    dns.setSilent(true);
    const asked = dns.queries();
    try {
      await refused(verify(), "DomainVerificationFailed", "recordNotFound"); // a resolver that does not answer
    } finally {
      dns.setSilent(false);
    }
    assert.ok(dns.queries() > asked, "the lookup was live");
    const down = createTxtLookup({ servers: ["127.0.0.1:9"], timeoutMs: 300, tries: 1 }); // nothing listens there
    await refused(verifyDomain({ ...setup.deps, resolveTxt: down }, owner.id, organization.anchor, adopted.domain), "DomainVerificationFailed", "recordNotFound");
    assert.equal(await stateOf(organization.id, adopted.domain), "PENDING");

    // Once it shows, the same claim verifies.
    assert.deepEqual(await verify(), { state: "VERIFIED" });
  });

  it("releasing a verified domain tears down its login policy and frees the domain", async () => {
    const owner = await newAccount();
    const organization = await newOrganization([owner.id]);
    const connector = await newConnector(organization.id);
    const adopted = await verifiedDomain(owner.id, organization.anchor);
    await setLoginPolicy(setup.deps, owner.id, organization.anchor, adopted.domain, { policy: "SSO_ONLY", connectorAnchor: connector.anchor });
    const [claim] = await setup.deps.db.select().from(domains).where(eq(domains.domain, adopted.domain));
    assert.equal((await setup.deps.db.select().from(loginPolicies).where(eq(loginPolicies.domainId, claim!.id))).length, 1);

    await releaseDomain(setup.deps, owner.id, organization.anchor, adopted.domain);
    assert.deepEqual(await setup.deps.db.select().from(loginPolicies).where(eq(loginPolicies.domainId, claim!.id)), []);
    assert.deepEqual(await setup.deps.db.select().from(domains).where(eq(domains.domain, adopted.domain)), []);
    // With the policy gone, the connector is free again.
    await setConnectorEnabled(setup.deps, owner.id, organization.anchor, connector.anchor, false);
  });

  it("lets only the sole owner set a policy, only on a verified domain, and SSO_ONLY only through the organization's own enabled connector", async () => {
    const owner = await newAccount();
    const admin = await newAccount();
    const organization = await newOrganization([owner.id], [{ accountId: admin.id, role: "ADMIN" }]);
    const adopted = await verifiedDomain(owner.id, organization.anchor);
    const set = (accountId: string, input: Parameters<typeof setLoginPolicy>[4], domain = adopted.domain) =>
      setLoginPolicy(setup.deps, accountId, organization.anchor, domain, input);

    await refused(set(admin.id, { policy: "BLOCK_ALL" }), "Forbidden", "roleTooLow");
    const pending = await adoptDomain(setup.deps, owner.id, organization.anchor, newDomain());
    await refused(set(owner.id, { policy: "BLOCK_ALL" }, pending.domain), "Conflict", "domainNotVerified");
    await refused(set(owner.id, { policy: "SOMETIMES" as "BLOCK_ALL" }), "Invalid policy");

    const own = await newConnector(organization.id);
    const disabled = await newConnector(organization.id, true);
    const foreign = await newConnector((await newOrganization([owner.id])).id);
    await refused(set(owner.id, { policy: "SSO_ONLY" }), "Invalid connector", "required");
    await refused(set(owner.id, { policy: "SSO_ONLY", connectorAnchor: foreign.anchor }), "Invalid connector", "connectorUnusable");
    await refused(set(owner.id, { policy: "SSO_ONLY", connectorAnchor: disabled.anchor }), "Invalid connector", "connectorUnusable");
    await set(owner.id, { policy: "SSO_ONLY", connectorAnchor: own.anchor });
    let [view] = (await domainOverview(setup.deps.db, owner.id)).find((o) => o.organization.id === organization.id)!.domains.filter((d) => d.domain === adopted.domain);
    assert.deepEqual([view!.policy, view!.connectorAnchor], ["SSO_ONLY", own.anchor]);

    // The connector the policy pins can be neither disabled nor deleted meanwhile.
    await refused(setConnectorEnabled(setup.deps, owner.id, organization.anchor, own.anchor, false), "FederationConnectorInUseByLoginPolicy");

    // A second owner: now no single owner may change it.
    const coOwner = await newAccount();
    await insertMembership(setup.deps.db, { organizationId: organization.id, accountId: coOwner.id, role: "OWNER" });
    await refused(set(owner.id, { policy: "ALLOW_ALL" }), "Forbidden", "soleOwnerOnly");
    await refused(set(coOwner.id, { policy: "ALLOW_ALL" }), "Forbidden", "soleOwnerOnly");
    const overview = (await domainOverview(setup.deps.db, owner.id)).find((o) => o.organization.id === organization.id)!;
    assert.deepEqual([overview.canManage, overview.canSetPolicy], [true, false]);
    // But either owner may still adopt, verify and release — except release a domain under a policy, which would tear it down.
    await releaseDomain(setup.deps, coOwner.id, organization.anchor, pending.domain);
    await refused(releaseDomain(setup.deps, coOwner.id, organization.anchor, adopted.domain), "Forbidden", "soleOwnerOnly");
    await refused(releaseDomain(setup.deps, owner.id, organization.anchor, adopted.domain), "Forbidden", "soleOwnerOnly");

    // The co-owner leaves; the sole owner reverts to ALLOW_ALL — no policy row at all — and the connector is free.
    await setup.deps.db.delete(memberships).where(eq(memberships.accountId, coOwner.id));
    await set(owner.id, { policy: "ALLOW_ALL" });
    [view] = (await domainOverview(setup.deps.db, owner.id)).find((o) => o.organization.id === organization.id)!.domains.filter((d) => d.domain === adopted.domain);
    assert.equal(view!.policy, null);
    await setConnectorEnabled(setup.deps, owner.id, organization.anchor, own.anchor, false);
  });

  it("never leaves an SSO_ONLY policy on a disabled or deleted connector when the two race", async () => {
    const owner = await newAccount();
    const organization = await newOrganization([owner.id]);
    for (let round = 0; round < 6; round++) {
      const adopted = await verifiedDomain(owner.id, organization.anchor);
      const connector = await newConnector(organization.id);
      const pinned = setLoginPolicy(setup.deps, owner.id, organization.anchor, adopted.domain, { policy: "SSO_ONLY", connectorAnchor: connector.anchor });
      const off =
        round % 2 === 0
          ? setConnectorEnabled(setup.deps, owner.id, organization.anchor, connector.anchor, false)
          : removeConnector(setup.deps, owner.id, organization.anchor, connector.anchor);
      const [policy, change] = await Promise.allSettled([pinned, off]);
      assert.ok(policy.status === "fulfilled" || change.status === "fulfilled", "one of them goes through");
      const [row] = await setup.deps.db.select().from(federationConnectors).where(eq(federationConnectors.id, connector.id));
      const view = (await domainOverview(setup.deps.db, owner.id)).find((o) => o.organization.id === organization.id)!.domains.find((d) => d.domain === adopted.domain)!;
      if (view.policy === "SSO_ONLY") assert.ok(row && row.disabledAt === null, `round ${round}: the pinned connector stays enabled`);
      else assert.equal(change.status, "fulfilled", `round ${round}: without the policy, the change went through`);
      // Free the slot for the next round.
      if (view.policy) await setLoginPolicy(setup.deps, owner.id, organization.anchor, adopted.domain, { policy: "ALLOW_ALL" });
      await releaseDomain(setup.deps, owner.id, organization.anchor, adopted.domain);
    }
  });

  it("asks the caller to confirm a restrictive policy on the domain of their own email", async () => {
    const domain = newDomain("self");
    const owner = await newAccount(domain);
    const organization = await newOrganization([owner.id]);
    await verifiedDomain(owner.id, organization.anchor, domain);
    const overview = (await domainOverview(setup.deps.db, owner.id)).find((o) => o.organization.id === organization.id)!;
    assert.equal(overview.domains[0]!.ownEmail, true);
    await refused(setLoginPolicy(setup.deps, owner.id, organization.anchor, domain, { policy: "BLOCK_ALL" }), "Conflict", "selfLockoutUnconfirmed");
    await setLoginPolicy(setup.deps, owner.id, organization.anchor, domain, { policy: "ALLOW_ALL" }); // harmless: no confirmation
    await setLoginPolicy(setup.deps, owner.id, organization.anchor, domain, { policy: "BLOCK_ALL", confirmSelfLockout: true });
    await refused(realizeLogin(owner), "EmailDomainBlocked"); // locked out indeed
  });

  it("is enforced at realize: BLOCK_ALL refuses every account on the domain, SSO_ONLY asks for the connector, ALLOW_ALL lets them in", async () => {
    const { owner, organization, connector, adopted, employee, outsider } = await governedDomain();
    await passesGate(employee); // no policy yet

    await setLoginPolicy(setup.deps, owner.id, organization.anchor, adopted.domain, { policy: "BLOCK_ALL" });
    await refused(realizeLogin(employee), "EmailDomainBlocked");
    await passesGate(outsider); // another domain is not governed

    await setLoginPolicy(setup.deps, owner.id, organization.anchor, adopted.domain, { policy: "SSO_ONLY", connectorAnchor: connector.anchor });
    await refused(realizeLogin(employee), "EmailDomainRequiresSso");

    await setLoginPolicy(setup.deps, owner.id, organization.anchor, adopted.domain, { policy: "ALLOW_ALL" });
    await passesGate(employee);

    // Released, the policy goes with the claim: the domain's users sign in as before.
    await setLoginPolicy(setup.deps, owner.id, organization.anchor, adopted.domain, { policy: "BLOCK_ALL" });
    await releaseDomain(setup.deps, owner.id, organization.anchor, adopted.domain);
    await passesGate(employee);
  });

  it("bounds sessions already open: under BLOCK_ALL or SSO_ONLY a refresh no longer extends the session, so it ends within the refresh TTL", async () => {
    const day = 24 * 3600;
    const { owner, organization, connector, adopted, employee, outsider } = await governedDomain();

    // No policy: every rotation slides the session by the full 30 days.
    const open = await signIn(employee);
    const outsiderSession = await signIn(outsider);
    setup.deps.clock.advance(day);
    const slid = await refresh(setup.deps, { refreshToken: open.refreshToken });
    assert.equal(refreshExpiry(slid.refreshToken), refreshExpiry(open.refreshToken) + day);

    // BLOCK_ALL: the open session keeps working (docs 22: no revocation) but its end is fixed.
    await setLoginPolicy(setup.deps, owner.id, organization.anchor, adopted.domain, { policy: "BLOCK_ALL" });
    const end = refreshExpiry(slid.refreshToken);
    let current = slid.refreshToken;
    for (let i = 0; i < 3; i++) {
      setup.deps.clock.advance(9 * day);
      const rotated = await refresh(setup.deps, { refreshToken: current });
      assert.equal(refreshExpiry(rotated.refreshToken), end, "the replacement keeps the presented token's expiry");
      assert.equal(decodeProtectedHeader(rotated.accessToken).exp, nowSeconds() + 3 * 3600, "the access token is a fresh one");
      current = rotated.refreshToken;
      if (i === 0) {
        // An account on another domain is not governed: its session still slides.
        const outsiderRotated = await refresh(setup.deps, { refreshToken: outsiderSession.refreshToken });
        assert.equal(refreshExpiry(outsiderRotated.refreshToken), nowSeconds() + 30 * day);
      }
    }
    setup.deps.clock.advance(3 * day + 1); // one second past the end fixed when the policy was set
    await refused(refresh(setup.deps, { refreshToken: current }), "RefreshTokenExpired");

    // Back to ALLOW_ALL, a new login slides again; SSO_ONLY then fixes its end the same way.
    await setLoginPolicy(setup.deps, owner.id, organization.anchor, adopted.domain, { policy: "ALLOW_ALL" });
    const again = await signIn(employee);
    await setLoginPolicy(setup.deps, owner.id, organization.anchor, adopted.domain, { policy: "SSO_ONLY", connectorAnchor: connector.anchor });
    setup.deps.clock.advance(day);
    const underSso = await refresh(setup.deps, { refreshToken: again.refreshToken });
    assert.equal(refreshExpiry(underSso.refreshToken), refreshExpiry(again.refreshToken));
    await setLoginPolicy(setup.deps, owner.id, organization.anchor, adopted.domain, { policy: "ALLOW_ALL" });
    setup.deps.clock.advance(day);
    const released = await refresh(setup.deps, { refreshToken: underSso.refreshToken });
    assert.equal(refreshExpiry(released.refreshToken), nowSeconds() + 30 * day);
  });
});
