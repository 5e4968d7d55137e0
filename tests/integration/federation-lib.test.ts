// Federation connectors and identity linking (docs 23, 25) through their lib
// functions on a real database of this pass's kind, against a real OIDC
// provider for the save-time discovery check: OWNER-only, discovery checked
// before anything is stored, the secret sealed and never listed, the quota,
// rules may name only their own organization's connectors, a connector in
// use can be neither disabled nor deleted, the three linking steps, and a
// connector's word on an email counting only on its organization's verified
// domains.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { findAuthentication, findEmailIdentity } from "@/db/queries/identity";
import { accounts, domains, federationConnectors, loginPolicies, memberships } from "@/db/schema";
import { setQuotaCommand } from "@/lib/admin/commands/set-quota";
import { createApplication } from "@/lib/applications/create-application";
import { replaceRuleSet, type RuleSetInput } from "@/lib/applications/rule-set";
import { unseal } from "@/lib/crypto/seal";
import { inviteMember, createOrganization } from "@/lib/developer/organizations";
import { setLoginPolicy } from "@/lib/domains/login-policy";
import { federationKey, linkUpstreamIdentity, vouchedByConnector } from "@/lib/federation/account-link";
import { clientSecretAad, createConnector, createConnectorFor, editConnector, listConnectorsFor, removeConnector, setConnectorEnabled } from "@/lib/federation/connectors";
import { accountAliasFor } from "@/lib/identity/account-alias";
import { registerAccountByEmail } from "@/lib/identity/accounts";
import { authorizationRequest, exchangeCode, upstreamConfiguration, UpstreamError } from "@/lib/federation/upstream-oidc";
import { startUpstreamIdp, type UpstreamIdp } from "../fixtures/upstream-idp";
import { libDeps } from "../support/lib-deps";
import { refused } from "../support/refusals";

type Setup = Awaited<ReturnType<typeof libDeps>>;
let setup: Setup;
let idp: UpstreamIdp;
let counter = 0;

async function newAccount(email = `fed-${++counter}-${Date.now()}@example.test`) {
  const account = await registerAccountByEmail(setup.deps.db, { email, now: setup.deps.clock.now() });
  return { id: account.id, email, alias: await accountAliasFor(setup.deps.db, account.id) };
}

const REDIRECT_URI = "http://localhost:3000/via/oauth/enterprise-federation/callback";

/**
 * What a browser does at the IdP, with fetch and a cookie jar: follow the
 * authorization request to the development login form, post the login, and
 * stop at the redirect back to Sudomimus (its URL is returned).
 */
async function loginAtIdp(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  const go = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const response = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers ?? {}), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") } });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(";");
      const index = pair!.indexOf("=");
      jar.set(pair!.slice(0, index), pair!.slice(index + 1));
    }
    return response;
  };
  let response = await go(authorizationUrl);
  while (response.status >= 300 && response.status < 400) {
    const next = new URL(response.headers.get("location")!, response.url || authorizationUrl);
    if (next.href.startsWith(REDIRECT_URI)) return next;
    response = await go(next.href);
    const html = response.status === 200 ? await response.text() : "";
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (action) {
      const body = new URLSearchParams({ prompt: "login", login, password: "any" });
      response = await go(new URL(action, next).href, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } });
    }
  }
  throw new Error(`the IdP answered ${response.status} instead of redirecting back`);
}

const input = (overrides: Record<string, unknown> = {}) => ({
  displayName: "Acme Corp SSO",
  issuer: idp.issuer,
  clientId: idp.clientId,
  clientSecret: idp.clientSecret,
  scopes: ["openid", "email", "profile"],
  ...overrides,
});

describe(`federation connectors and linking (${process.env.TEST_DB_KIND ?? "pglite"})`, () => {
  before(async () => {
    setup = await libDeps();
    idp = await startUpstreamIdp({
      redirectUri: REDIRECT_URI,
      accounts: {
        jordan: { email: "Jordan@Acme.example", givenName: "Jordan", familyName: "Reyes" },
        unverified: { email: "u@acme.example", emailVerified: false },
        garbled: { email: "not an address", emailVerified: true },
      },
    });
  });
  after(async () => {
    await idp?.close();
    await setup?.close();
  });

  it("creates a connector once the IdP's discovery answers; the secret is sealed and never listed", async () => {
    const owner = await newAccount();
    const organization = await createOrganization(setup.deps, owner.id, "Connector owners");
    const created = await createConnector(setup.deps, owner.id, organization.anchor, input());
    assert.match(created.anchor, /^[A-Z][a-z]+(-[0-9A-Z]{4}){3}-[A-Z][a-z]+$/);
    assert.equal("clientSecretSealed" in created, false);
    const listed = await listConnectorsFor(setup.deps, owner.id, organization.anchor);
    assert.deepEqual(listed.map((connector) => connector.anchor), [created.anchor]);
    assert.equal(JSON.stringify(listed).includes(idp.clientSecret), false);
    assert.equal("clientSecretSealed" in listed[0]!, false);

    const [row] = await setup.deps.db.select().from(federationConnectors).where(eq(federationConnectors.anchor, created.anchor));
    assert.equal(row!.clientSecretSealed.includes(idp.clientSecret), false, "not stored in the clear");
    assert.equal(unseal(setup.deps.keyring, row!.clientSecretSealed, clientSecretAad(created.anchor)), idp.clientSecret);

    // Editing with a blank secret keeps the stored one (for the same issuer).
    await editConnector(setup.deps, owner.id, organization.anchor, created.anchor, input({ displayName: "Acme SSO", clientSecret: "" }));
    const [kept] = await setup.deps.db.select().from(federationConnectors).where(eq(federationConnectors.anchor, created.anchor));
    assert.equal(kept!.displayName, "Acme SSO");
    assert.equal(unseal(setup.deps.keyring, kept!.clientSecretSealed, clientSecretAad(created.anchor)), idp.clientSecret);

    // Another issuer with the secret left blank: refused — the stored secret never goes to a different IdP.
    const moved = input({ issuer: `${idp.issuer}/elsewhere`, clientSecret: "" });
    await refused(editConnector(setup.deps, owner.id, organization.anchor, created.anchor, moved), "Invalid clientSecret", "secretForNewIssuer");
    const [unchanged] = await setup.deps.db.select().from(federationConnectors).where(eq(federationConnectors.anchor, created.anchor));
    assert.equal(unchanged!.issuer, idp.issuer);
  });

  it("refuses an unreachable issuer, a plain-http issuer off this machine, and scopes without openid", async () => {
    const owner = await newAccount();
    const organization = await createOrganization(setup.deps, owner.id, "Careful owners");
    await refused(createConnector(setup.deps, owner.id, organization.anchor, input({ issuer: "http://127.0.0.1:9" })), "FederationConnectorDiscoveryFailed", "discoveryFailed");
    await refused(createConnector(setup.deps, owner.id, organization.anchor, input({ issuer: "http://idp.example.com" })), "Invalid issuer");
    await refused(createConnector(setup.deps, owner.id, organization.anchor, input({ scopes: ["email"] })), "Invalid scopes", "scopesNeedOpenid");
    await refused(createConnector(setup.deps, owner.id, organization.anchor, input({ clientSecret: "" })), "Invalid clientSecret", "required");
    assert.deepEqual(await listConnectorsFor(setup.deps, owner.id, organization.anchor), [], "nothing was stored");
  });

  it("lets only OWNERs manage connectors, and holds the quota of 3", async () => {
    const owner = await newAccount();
    const admin = await newAccount();
    const organization = await createOrganization(setup.deps, owner.id, "Quota owners");
    await inviteMember(setup.deps, owner.id, organization.anchor, admin.alias, "ADMIN");
    await refused(createConnector(setup.deps, admin.id, organization.anchor, input()), "Forbidden", "roleTooLow");
    for (let i = 0; i < 3; i++) await createConnector(setup.deps, owner.id, organization.anchor, input({ displayName: `IdP ${i}` }));
    await refused(createConnector(setup.deps, owner.id, organization.anchor, input()), "Conflict", "connectorQuota");
    // The quota binds the self-service surface only (docs 23): the operator's create-connector is not held to it,
    // and staff raise the limit with set-quota.
    await createConnectorFor(setup.deps, organization, null, input({ displayName: "Operator's" }));
    const raised = await setQuotaCommand.run(setup.deps, { organization: "Quota owners", limits: { connectors: 5 } });
    assert.deepEqual([raised.quotas.connectors, raised.holdings.connectors, raised.changed], [5, 4, true]);
    await createConnector(setup.deps, owner.id, organization.anchor, input({ displayName: "IdP 4" }));
    await refused(createConnector(setup.deps, owner.id, organization.anchor, input()), "Conflict", "connectorQuota");
    assert.equal((await listConnectorsFor(setup.deps, owner.id, organization.anchor)).length, 5);
    // Several registrations at once cannot overshoot it either (counted again under the organization's lock).
    const busy = await createOrganization(setup.deps, owner.id, "Busy owners");
    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => createConnector(setup.deps, owner.id, busy.anchor, input({ displayName: `Rush ${i}` }))));
    assert.equal(results.filter((result) => result.status === "fulfilled").length, 3);
    assert.equal((await listConnectorsFor(setup.deps, owner.id, busy.anchor)).length, 3);
    const stranger = await newAccount();
    await refused(listConnectorsFor(setup.deps, stranger.id, organization.anchor), "NotFound");
  });

  it("never leaves a rule naming a deleted connector when saving the rules and deleting it race", async () => {
    const owner = await newAccount();
    const organization = await createOrganization(setup.deps, owner.id, "Racing owners");
    const app = await createApplication(setup.deps, {
      anchor: `fed-race-${crypto.randomBytes(3).toString("hex")}`,
      organizationId: organization.id,
      names: { "en-US": "Race" },
      rules: { authentication: [{ method: "EMAIL_VERIFICATION", payload: {} }], realize: [{ constraintType: "EVERYONE", payload: {} }], return: [{ returnMethod: "STATUS_POLL", payload: {} }] },
    });
    for (let round = 0; round < 3; round++) {
      const connector = await createConnector(setup.deps, owner.id, organization.anchor, input({ displayName: `Race ${round}` }));
      const rules: RuleSetInput = {
        authentication: [{ method: "ENTERPRISE_FEDERATION_APPLICATION_MANAGED", payload: { connectorAnchor: connector.anchor } }],
        realize: [{ constraintType: "EVERYONE", payload: {} }],
        return: [{ returnMethod: "STATUS_POLL", payload: {} }],
      };
      const [saved, removed] = await Promise.allSettled([
        setup.deps.db.transaction((tx) => replaceRuleSet(tx, app.applicationId, rules)),
        removeConnector(setup.deps, owner.id, organization.anchor, connector.anchor),
      ]);
      const stillThere = (await listConnectorsFor(setup.deps, owner.id, organization.anchor)).some((listed) => listed.anchor === connector.anchor);
      // Exactly one goes through: the rules (and the connector stays), or the removal (and the rules were refused).
      assert.equal(saved.status === "fulfilled", stillThere, `round ${round}: rules saved ⇔ connector kept`);
      assert.notEqual(saved.status, removed.status, `round ${round}: one of the two is refused`);
      // Free the connector again for the next round.
      await replaceRuleSet(setup.deps.db, app.applicationId, { ...rules, authentication: [{ method: "EMAIL_VERIFICATION", payload: {} }] });
      if (stillThere) await removeConnector(setup.deps, owner.id, organization.anchor, connector.anchor);
    }
  });

  it("lets rules name only their own organization's connectors; one in use is neither disabled nor deleted", async () => {
    const owner = await newAccount();
    const organization = await createOrganization(setup.deps, owner.id, "Rule owners");
    const other = await createOrganization(setup.deps, owner.id, "Other owners");
    const own = await createConnector(setup.deps, owner.id, organization.anchor, input());
    const foreign = await createConnector(setup.deps, owner.id, other.anchor, input());
    const rules = (connectorAnchor: string): RuleSetInput => ({
      authentication: [{ method: "ENTERPRISE_FEDERATION_APPLICATION_MANAGED", payload: { connectorAnchor } }],
      realize: [{ constraintType: "EVERYONE", payload: {} }],
      return: [{ returnMethod: "STATUS_POLL", payload: {} }],
    });
    await refused(
      createApplication(setup.deps, { anchor: `fed-rules-${crypto.randomBytes(3).toString("hex")}`, organizationId: organization.id, names: { "en-US": "Rules" }, rules: rules(foreign.anchor) }),
      "Invalid rules",
      "connectorNotOwned",
    );
    const app = await createApplication(setup.deps, {
      anchor: `fed-rules-${crypto.randomBytes(3).toString("hex")}`,
      organizationId: organization.id,
      names: { "en-US": "Rules" },
      rules: rules(own.anchor),
    });

    await refused(setConnectorEnabled(setup.deps, owner.id, organization.anchor, own.anchor, false), "FederationConnectorInUse");
    await refused(removeConnector(setup.deps, owner.id, organization.anchor, own.anchor), "FederationConnectorInUse");
    await replaceRuleSet(setup.deps.db, app.applicationId, { ...rules(own.anchor), authentication: [{ method: "EMAIL_VERIFICATION", payload: {} }] });
    await setConnectorEnabled(setup.deps, owner.id, other.anchor, foreign.anchor, false); // named by nothing: may be disabled

    // A verified domain whose SSO_ONLY policy pins the connector.
    const [domain] = await setup.deps.db
      .insert(domains)
      .values({ organizationId: organization.id, domain: `acme-${crypto.randomBytes(3).toString("hex")}.example`, state: "VERIFIED", verificationToken: "t", verifiedAt: setup.deps.clock.now() })
      .returning();
    const [connectorRow] = await setup.deps.db.select().from(federationConnectors).where(eq(federationConnectors.anchor, own.anchor));
    await setup.deps.db.insert(loginPolicies).values({ domainId: domain!.id, policy: "SSO_ONLY", connectorId: connectorRow!.id });
    await refused(setConnectorEnabled(setup.deps, owner.id, organization.anchor, own.anchor, false), "FederationConnectorInUseByLoginPolicy");
    await refused(removeConnector(setup.deps, owner.id, organization.anchor, own.anchor), "FederationConnectorInUseByLoginPolicy");

    await setup.deps.db.delete(loginPolicies).where(eq(loginPolicies.domainId, domain!.id));
    await setConnectorEnabled(setup.deps, owner.id, organization.anchor, own.anchor, false);
    assert.ok((await listConnectorsFor(setup.deps, owner.id, organization.anchor))[0]!.disabledAt, "disabled");
    await removeConnector(setup.deps, owner.id, organization.anchor, own.anchor);
    assert.deepEqual(await listConnectorsFor(setup.deps, owner.id, organization.anchor), []);
  });

  it("lets only the sole owner repoint a connector a domain's SSO_ONLY policy pins; any owner may rename it (docs 22)", async () => {
    // Another IdP: the one a co-owner would point the domain's sign-in at, so its emails on the domain count.
    const rogue = await startUpstreamIdp({ redirectUri: REDIRECT_URI, accounts: {} });
    try {
      const owner = await newAccount();
      const coOwner = await newAccount();
      const organization = await createOrganization(setup.deps, owner.id, "Pinned owners");
      const bound = await createConnector(setup.deps, owner.id, organization.anchor, input());
      const free = await createConnector(setup.deps, owner.id, organization.anchor, input({ displayName: "Spare SSO" }));
      const domain = `pinned-${crypto.randomBytes(3).toString("hex")}.example`;
      await setup.deps.db.insert(domains).values({ organizationId: organization.id, domain, state: "VERIFIED", verificationToken: "t", verifiedAt: setup.deps.clock.now() });
      await setLoginPolicy(setup.deps, owner.id, organization.anchor, domain, { policy: "SSO_ONLY", connectorAnchor: bound.anchor });
      await inviteMember(setup.deps, owner.id, organization.anchor, coOwner.alias, "OWNER");

      const edit = (accountId: string, anchor: string, overrides: Record<string, unknown>) =>
        editConnector(setup.deps, accountId, organization.anchor, anchor, input({ clientSecret: "", ...overrides }));
      const stored = async (anchor: string) => {
        const [row] = await setup.deps.db.select().from(federationConnectors).where(eq(federationConnectors.anchor, anchor));
        return { ...row!, clientSecretSealed: unseal(setup.deps.keyring, row!.clientSecretSealed, clientSecretAad(anchor)) };
      };
      const before = await stored(bound.anchor);
      const repoints = [
        { issuer: rogue.issuer, clientId: rogue.clientId, clientSecret: rogue.clientSecret },
        { clientId: rogue.clientId },
        { clientSecret: rogue.clientSecret },
        { scopes: ["openid", "profile"] },
      ];
      for (const overrides of repoints) await refused(edit(coOwner.id, bound.anchor, overrides), "Forbidden", "soleOwnerOnly");
      assert.deepEqual(await stored(bound.anchor), before, "nothing about the pinned connector changed");

      // The display name is only a label: any owner may change it.
      await edit(coOwner.id, bound.anchor, { displayName: "Acme Staff SSO" });
      assert.deepEqual(await stored(bound.anchor), { ...before, displayName: "Acme Staff SSO" });
      // A connector no policy pins is any owner's to repoint.
      await edit(coOwner.id, free.anchor, { issuer: rogue.issuer, clientId: rogue.clientId, clientSecret: rogue.clientSecret });
      assert.deepEqual((({ issuer, clientId, clientSecretSealed }) => [issuer, clientId, clientSecretSealed])(await stored(free.anchor)), [rogue.issuer, rogue.clientId, rogue.clientSecret]);

      // A policy pinned while the edit was asking the IdP is seen when the edit is written.
      const [freeRow] = await setup.deps.db.select().from(federationConnectors).where(eq(federationConnectors.anchor, free.anchor));
      const [claim] = await setup.deps.db.select().from(domains).where(eq(domains.domain, domain));
      const pinDuringDiscovery: typeof fetch = async (url, init) => {
        await setup.deps.db.update(loginPolicies).set({ connectorId: freeRow!.id }).where(eq(loginPolicies.domainId, claim!.id));
        return fetch(url, init);
      };
      const moved = input({ displayName: "Spare SSO", issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret });
      await refused(editConnector({ ...setup.deps, fetch: pinDuringDiscovery }, coOwner.id, organization.anchor, free.anchor, moved), "Forbidden", "soleOwnerOnly");
      assert.equal((await stored(free.anchor)).issuer, rogue.issuer, "the race left the newly pinned connector as it was");

      // Once the co-owner has left, the sole owner may repoint it.
      await setup.deps.db.delete(memberships).where(eq(memberships.accountId, coOwner.id));
      await editConnector(setup.deps, owner.id, organization.anchor, free.anchor, moved);
      assert.deepEqual((({ issuer, clientSecretSealed }) => [issuer, clientSecretSealed])(await stored(free.anchor)), [idp.issuer, idp.clientSecret]);
    } finally {
      await rogue.close();
    }
  });

  it("talks OIDC to the IdP: PKCE, state and nonce checked, the ID token's identity read (only a well-formed, verified email counts)", async () => {
    const client = { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret };
    const config = await upstreamConfiguration(setup.deps, client, { fresh: true });
    const signIn = async (login: string) => {
      const state = crypto.randomBytes(16).toString("hex");
      const request = await authorizationRequest(config, { redirectUri: REDIRECT_URI, scopes: ["openid", "email", "profile"], state });
      const url = new URL(request.url);
      assert.deepEqual([url.searchParams.get("code_challenge_method"), url.searchParams.get("state"), url.searchParams.get("nonce")], ["S256", state, request.nonce]);
      return { state, request, back: await loginAtIdp(request.url, login) };
    };
    const jordan = await signIn("jordan");
    const checks = { state: jordan.state, nonce: jordan.request.nonce, codeVerifier: jordan.request.codeVerifier, redirectUri: REDIRECT_URI };
    assert.deepEqual(await exchangeCode(config, jordan.back, checks), {
      subject: "jordan",
      email: "jordan@acme.example",
      emailVerified: true,
      firstName: "Jordan",
      lastName: "Reyes",
    });

    const wrongNonce = await signIn("jordan");
    await assert.rejects(
      exchangeCode(config, wrongNonce.back, { state: wrongNonce.state, nonce: "another", codeVerifier: wrongNonce.request.codeVerifier, redirectUri: REDIRECT_URI }),
      (error: unknown) => error instanceof UpstreamError && error.why === "invalid",
    );
    const wrongVerifier = await signIn("jordan");
    await assert.rejects(
      exchangeCode(config, wrongVerifier.back, { state: wrongVerifier.state, nonce: wrongVerifier.request.nonce, codeVerifier: "x".repeat(43), redirectUri: REDIRECT_URI }),
      (error: unknown) => error instanceof UpstreamError && error.why === "invalid",
    );

    const identityOf = async (login: string) => {
      const round = await signIn(login);
      return exchangeCode(config, round.back, { state: round.state, nonce: round.request.nonce, codeVerifier: round.request.codeVerifier, redirectUri: REDIRECT_URI });
    };
    assert.deepEqual(await identityOf("unverified"), { subject: "unverified", email: "u@acme.example", emailVerified: false, firstName: null, lastName: null });
    assert.deepEqual(await identityOf("garbled"), { subject: "garbled", email: null, emailVerified: false, firstName: null, lastName: null });

    const denied = new URL(`${REDIRECT_URI}?error=access_denied&state=s`);
    await assert.rejects(exchangeCode(config, denied, { ...checks, state: "s" }), (error: unknown) => error instanceof UpstreamError && error.why === "denied");
  });

  it("links by connector subject first, then by a verified email, else registers; an unverified email links nothing", async () => {
    const owner = await newAccount();
    const organization = await createOrganization(setup.deps, owner.id, "Link owners");
    const connector = await createConnector(setup.deps, owner.id, organization.anchor, input());
    const [row] = await setup.deps.db.select().from(federationConnectors).where(eq(federationConnectors.anchor, connector.anchor));
    const connectorId = row!.id;
    const allow = async () => {};
    const identity = (subject: string, email: string | null, emailVerified = true) => ({ subject, email, emailVerified, firstName: "Jo", lastName: null });

    const fresh = await linkUpstreamIdentity(setup.deps, federationKey(connectorId), identity("idp-1", "jo@acme.example"), allow);
    assert.equal(fresh.registered, true);
    const emailRow = await findEmailIdentity(setup.deps.db, "jo@acme.example");
    assert.deepEqual([emailRow?.accountId, emailRow?.verifiedHow, emailRow?.isPrimary], [fresh.accountId, "FEDERATION", true]);

    // The IdP user's email changed since: the subject still finds the account.
    const again = await linkUpstreamIdentity(setup.deps, federationKey(connectorId), identity("idp-1", "jo.new@acme.example"), allow);
    assert.deepEqual(again, { accountId: fresh.accountId, registered: false });

    const existing = await newAccount(`linked-${counter}@example.test`);
    const linked = await linkUpstreamIdentity(setup.deps, federationKey(connectorId), identity("idp-2", existing.email), allow);
    assert.deepEqual(linked, { accountId: existing.id, registered: false });
    assert.equal((await findAuthentication(setup.deps.db, "FEDERATION", "idp-2", connectorId))?.accountId, existing.id, "the link is recorded");

    const other = await newAccount(`unverified-${counter}@example.test`);
    const notLinked = await linkUpstreamIdentity(setup.deps, federationKey(connectorId), identity("idp-3", other.email, false), allow);
    assert.notEqual(notLinked.accountId, other.id, "an unverified email is not proof of ownership");
    assert.equal(notLinked.registered, true);

    // A stranger the application would refuse gets no account at all.
    const before = await findAuthentication(setup.deps.db, "FEDERATION", "idp-4", connectorId);
    await assert.rejects(
      linkUpstreamIdentity(setup.deps, federationKey(connectorId), identity("idp-4", "no@acme.example"), async () => {
        throw new Error("refused");
      }),
      /refused/,
    );
    assert.equal(before, null);
    assert.equal(await findAuthentication(setup.deps.db, "FEDERATION", "idp-4", connectorId), null);
    assert.equal(await findEmailIdentity(setup.deps.db, "no@acme.example"), null);
  });

  it("a connector vouches for an email only on a domain its organization verified; elsewhere the identity links by subject alone", async () => {
    const owner = await newAccount();
    const organization = await createOrganization(setup.deps, owner.id, "Vouching owners");
    const rival = await createOrganization(setup.deps, owner.id, "Vouching rivals");
    const own = `own-${crypto.randomBytes(3).toString("hex")}.example`;
    const theirs = `theirs-${crypto.randomBytes(3).toString("hex")}.example`;
    const pending = `pending-${crypto.randomBytes(3).toString("hex")}.example`;
    const now = setup.deps.clock.now();
    await setup.deps.db.insert(domains).values([
      { organizationId: organization.id, domain: own, state: "VERIFIED", verificationToken: "t", verifiedAt: now },
      { organizationId: rival.id, domain: theirs, state: "VERIFIED", verificationToken: "t", verifiedAt: now },
      { organizationId: organization.id, domain: pending, state: "PENDING", verificationToken: "t" },
    ]);
    const asserted = (email: string) => ({ subject: `s-${email}`, email, emailVerified: true, firstName: null, lastName: null });
    const vouched = async (email: string) => (await vouchedByConnector(setup.deps.db, organization.id, asserted(email))).emailVerified;
    assert.equal(await vouched(`jo@${own}`), true, "its own verified domain");
    assert.equal(await vouched(`jo@${theirs}`), false, "another organization's verified domain");
    assert.equal(await vouched(`jo@${pending}`), false, "a claim not yet verified");
    assert.equal(await vouched("jo@gmail.example"), false, "a domain nobody verified");

    // What that means for linking: an existing account's address asserted by a foreign connector takes nothing over…
    const connector = await createConnector(setup.deps, owner.id, organization.anchor, input());
    const [row] = await setup.deps.db.select().from(federationConnectors).where(eq(federationConnectors.anchor, connector.anchor));
    const victim = await newAccount(`victim-${counter}@${theirs}`);
    const identity = await vouchedByConnector(setup.deps.db, organization.id, asserted(victim.email));
    const linked = await linkUpstreamIdentity(setup.deps, federationKey(row!.id), identity, async () => {});
    assert.notEqual(linked.accountId, victim.id);
    assert.equal(linked.registered, true);
    assert.equal((await findEmailIdentity(setup.deps.db, victim.email))?.accountId, victim.id, "the address stays the victim's");
    // …and a new address is not recorded for the new account (no account planted for its real owner to land in).
    const planted = await linkUpstreamIdentity(setup.deps, federationKey(row!.id), await vouchedByConnector(setup.deps.db, organization.id, asserted(`new-${counter}@${theirs}`)), async () => {});
    assert.equal(planted.registered, true);
    assert.equal(await findEmailIdentity(setup.deps.db, `new-${counter}@${theirs}`), null);
  });

  it("holds the names an IdP asserts to the one name rule: normalized, or not stored when the rule refuses them", async () => {
    const owner = await newAccount();
    const organization = await createOrganization(setup.deps, owner.id, "Name rule");
    const connector = await createConnector(setup.deps, owner.id, organization.anchor, input());
    const [row] = await setup.deps.db.select().from(federationConnectors).where(eq(federationConnectors.anchor, connector.anchor));
    const namesOf = async (firstName: string | null, lastName: string | null) => {
      const subject = `names-${++counter}`;
      const { accountId, registered } = await linkUpstreamIdentity(setup.deps, federationKey(row!.id), { subject, email: null, emailVerified: false, firstName, lastName }, async () => {});
      assert.equal(registered, true);
      const [account] = await setup.deps.db.select().from(accounts).where(eq(accounts.id, accountId));
      const link = await findAuthentication(setup.deps.db, "FEDERATION", subject, row!.id);
      assert.deepEqual([link?.profile?.firstName, link?.profile?.lastName], [account!.firstName, account!.lastName], "the link records what the account holds");
      return [account!.firstName, account!.lastName];
    };
    // A bidi override would spoof what an application shows; 300 characters no Profile page takes.
    assert.deepEqual(await namesOf("Ann\u202E", "x".repeat(300)), [null, null]);
    assert.deepEqual(await namesOf("Ann 🎉", "  "), [null, null]);
    assert.deepEqual(await namesOf("  Anne\u0301  Marie ", "O’Brien"), ["Anné Marie", "O’Brien"]);
  });
});
