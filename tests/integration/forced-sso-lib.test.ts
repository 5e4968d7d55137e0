// Domain-managed forced SSO (docs 06, 22, 25) through its lib functions on a
// real database of this pass's kind: ENTERPRISE_FEDERATION_DOMAIN_MANAGED is
// satisfied only by a login through the connector an SSO_ONLY policy binds
// for the account's own verified domain (another organization's connector may
// drive it); an application without the rule rejects a gated user; the
// realize-time catch and the email step offer the IdP only when the
// application opted in, and no code is mailed to a gated address.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import { MIGRATIONS_FOLDER, queryRows } from "@/db/client";
import { findApplicationByAnchor } from "@/db/queries/applications";
import { findEmailIdentity } from "@/db/queries/identity";
import { listOutboxMessages } from "@/db/queries/mail-outbox";
import { insertOrganization } from "@/db/queries/organizations";
import { authenticationRules, federationConnectors } from "@/db/schema";
import { createApplication, type CreatedApplication } from "@/lib/applications/create-application";
import { loadApplicationContextById } from "@/lib/applications/application-context";
import { forcedSsoStartAllowed } from "@/lib/federation/domain-managed";
import { registerAccountByEmail } from "@/lib/identity/accounts";
import { establish } from "@/lib/inquiry/establish";
import { findInquiryByExposureKey, type Inquiry } from "@/lib/inquiry/load-inquiry";
import { realize } from "@/lib/inquiry/realize";
import type { AuthenticationMethod } from "@/lib/rules";
import { startEmailCode } from "@/lib/via/email-code";
import { PORTAL_ANCHOR, seedIfEmpty } from "@/lib/seed";
import { reasonEmail } from "@/lib/via/email-reason";
import { completeUpstreamSignIn } from "@/lib/via/upstream-sign-in";
import { currentBrowserSession, FEDERATED_SIGN_IN_CARRY_SECONDS, startBrowserSession } from "@/lib/via/browser-session";
import { realizeForBrowser } from "@/lib/via/outcome";
import { clientJwt } from "../support/connect-client";
import { libDeps } from "../support/lib-deps";
import { addVerifiedEmail, gateDomainBySso } from "../support/sso-domain";
import { rejectsWith } from "../support/rejects";

type Setup = Awaited<ReturnType<typeof libDeps>>;
let setup: Setup;
const rand = () => crypto.randomBytes(4).toString("hex");
const acme = `acme-${rand()}.example`;
const beta = `beta-${rand()}.example`;
type Connector = { id: string; anchor: string };
let acmeSso: Connector; // bound by acme's SSO_ONLY policy (organization A)
let acmeOther: Connector; // organization A's second connector, bound by nothing
let betaSso: Connector; // bound by beta's SSO_ONLY policy (organization B)
let optedIn: CreatedApplication; // organization C: lists ENTERPRISE_FEDERATION_DOMAIN_MANAGED
let notOptedIn: CreatedApplication; // organization C: passkeys and email codes only

async function newConnector(organizationId: string, displayName: string): Promise<Connector> {
  const anchor = `Test-${rand().toUpperCase()}-Connector`;
  // Never used to talk to an IdP here: the secret is a placeholder.
  const values = { anchor, organizationId, displayName, issuer: "https://idp.invalid", clientId: "client", clientSecretSealed: "unused", scopes: ["openid", "email"] };
  const [row] = await setup.deps.db.insert(federationConnectors).values(values).returning();
  return { id: row!.id, anchor };
}

async function newOrganization(name: string) {
  return (await insertOrganization(setup.deps.db, { anchor: `org-${rand()}`, name }))!;
}

async function newAccount(email: string) {
  const account = await setup.deps.db.transaction((tx) => registerAccountByEmail(tx, { email, now: setup.deps.clock.now() }));
  return { id: account.id, email };
}

async function newInquiry(app: CreatedApplication): Promise<Inquiry> {
  const body = JSON.stringify({ applicationAnchor: app.applicationAnchor, returnMethods: [{ type: "STATUS_POLL", payload: {} }] });
  const now = Math.floor(setup.deps.clock.now().getTime() / 1000);
  const signer = { anchor: app.applicationAnchor, privateKeyPem: app.clientAuthPrivateKey, publicKeyPem: "" };
  const jwt = await clientJwt(signer, body, { iat: now, exp: now + 60 });
  const established = await establish(setup.deps, { authorization: `SudomimusClientJWT ${jwt}`, rawBody: new TextEncoder().encode(body) });
  return (await findInquiryByExposureKey(setup.deps, established.exposureKey))!;
}

/** Realize as `accountId` after a login through `connector` (or by passkey when null). */
function signIn(app: CreatedApplication, accountId: string, connector: Connector | null, method: AuthenticationMethod = "ENTERPRISE_FEDERATION_DOMAIN_MANAGED") {
  return newInquiry(app).then((inquiry) =>
    realize(setup.deps, {
      inquiry,
      accountId,
      attempt: connector ? { method, connectorAnchor: connector.anchor } : { method: "PASSKEY_USERNAMELESS" },
      loginEmail: null,
      federationConnectorId: connector?.id ?? null,
      authTime: setup.deps.clock.now(),
    }),
  );
}

const session = (accountId: string) => ({
  accountId,
  authenticationMethod: "PASSKEY_USERNAMELESS",
  loginEmail: null,
  authTime: setup.deps.clock.now(),
  federationConnectorId: null,
  federationConnectorAnchor: null,
});

const browser = () => ({ binding: rand(), sessionKey: null, locale: "en-US", address: null, setCookies: [] as string[] });

describe("forced SSO (domain-managed) in lib", () => {
  before(async () => {
    setup = await libDeps();
    const a = await newOrganization("Acme");
    const b = await newOrganization("Beta");
    const c = await newOrganization("Apps elsewhere");
    acmeSso = await newConnector(a.id, "Acme SSO");
    acmeOther = await newConnector(a.id, "Acme Legacy");
    betaSso = await newConnector(b.id, "Beta SSO");
    await gateDomainBySso(setup.deps.db, { domain: acme, connectorAnchor: acmeSso.anchor, now: setup.deps.clock.now() });
    await gateDomainBySso(setup.deps.db, { domain: beta, connectorAnchor: betaSso.anchor, now: setup.deps.clock.now() });
    type Rule = { method: "PASSKEY_USERNAMELESS" | "EMAIL_VERIFICATION" | "ENTERPRISE_FEDERATION_DOMAIN_MANAGED"; payload: Record<string, never> };
    const app = (authentication: readonly Rule[]) =>
      createApplication(setup.deps, {
        anchor: `sso-${rand()}`,
        organizationId: c.id,
        names: { "en-US": "Elsewhere" },
        rules: { authentication: [...authentication], realize: [{ constraintType: "EVERYONE", payload: {} }], return: [{ returnMethod: "STATUS_POLL", payload: {} }] },
        claimPolicies: { email: "OFF", firstName: "OFF", lastName: "OFF" },
      });
    const basics = [
      { method: "PASSKEY_USERNAMELESS", payload: {} },
      { method: "EMAIL_VERIFICATION", payload: {} },
    ] as const;
    optedIn = await app([...basics, { method: "ENTERPRISE_FEDERATION_DOMAIN_MANAGED", payload: {} }]);
    notOptedIn = await app(basics);
  });
  after(async () => {
    await setup?.close();
  });

  it("admits a gated account through its domain's bound connector, even one of another organization than the application's", async () => {
    const employee = await newAccount(`jo-${rand()}@${acme}`);
    assert.equal((await signIn(optedIn, employee.id, acmeSso)).kind, "realized");
    // Which button started it does not matter: a login through the bound connector counts.
    assert.equal((await signIn(optedIn, employee.id, acmeSso, "ENTERPRISE_FEDERATION_APPLICATION_MANAGED")).kind, "realized");
  });

  it("refuses the same account through another connector, and at an application without the rule", async () => {
    const employee = await newAccount(`sam-${rand()}@${acme}`);
    await rejectsWith(signIn(optedIn, employee.id, acmeOther), "Layer1Denied");
    await rejectsWith(signIn(optedIn, employee.id, betaSso), "Layer1Denied");
    await rejectsWith(signIn(notOptedIn, employee.id, acmeSso), "Layer1Denied");
    // Without the rule the gate stands: a passkey is refused, with the IdP named, and no SSO escape hatch appears.
    const { body } = await rejectsWith(signIn(notOptedIn, employee.id, null), "EmailDomainRequiresSso");
    assert.deepEqual(body?.connectors, [{ connectorAnchor: acmeSso.anchor, displayName: "Acme SSO" }]);
    await rejectsWith(realizeForBrowser(setup.deps, await newInquiry(notOptedIn), session(employee.id)), "EmailDomainRequiresSso");
  });

  it("refuses an untainted account through an SSO connector via DOMAIN_MANAGED", async () => {
    const outsider = await newAccount(`pat-${rand()}@example.com`);
    await rejectsWith(signIn(optedIn, outsider.id, acmeSso), "Layer1Denied");
    assert.equal((await signIn(optedIn, outsider.id, null)).kind, "realized", "their passkey is fine");
  });

  it("catches a gated no-email sign-in at realize: Continue with the IdP, or a picker when two organizations' domains govern the account", async () => {
    const employee = await newAccount(`lee-${rand()}@${acme}`);
    assert.deepEqual(await realizeForBrowser(setup.deps, await newInquiry(optedIn), session(employee.id)), {
      next: "sso",
      connectors: [{ connectorAnchor: acmeSso.anchor, displayName: "Acme SSO" }],
    });
    await addVerifiedEmail(setup.deps.db, { owner: employee.email, email: `lee@${beta}`, now: setup.deps.clock.now() });
    const caught = await realizeForBrowser(setup.deps, await newInquiry(optedIn), session(employee.id));
    assert.equal(caught.next, "sso");
    assert.deepEqual(caught.next === "sso" ? caught.connectors.map((connector) => connector.displayName).sort() : [], ["Acme SSO", "Beta SSO"]);
    // Any one bound connector satisfies the gate.
    assert.equal((await signIn(optedIn, employee.id, betaSso)).kind, "realized");
  });

  it("suppresses the other methods for a gated address at the email step: only the IdP, or a refusal; no code is mailed", async () => {
    const email = `new-${rand()}@${acme}`;
    const inquiry = await newInquiry(optedIn);
    const expected = { next: "sso", connectors: [{ connectorAnchor: acmeSso.anchor, displayName: "Acme SSO" }] };
    assert.deepEqual(await reasonEmail(setup.deps, { exposureKey: inquiry.exposureKey!, email: email.toUpperCase() }), expected);
    assert.deepEqual(await reasonEmail(setup.deps, { exposureKey: inquiry.exposureKey!, email: `someone@example.com` }), { next: "methods" });
    await rejectsWith(reasonEmail(setup.deps, { exposureKey: (await newInquiry(notOptedIn)).exposureKey!, email }), "EmailDomainRequiresSso");
    await rejectsWith(startEmailCode(setup.deps, browser(), { exposureKey: inquiry.exposureKey!, email }), "EmailDomainRequiresSso");
    const mailed = await listOutboxMessages(setup.deps.db, 100);
    assert.equal(mailed.filter((mail) => mail.recipient === email).length, 0, "no code was mailed");
  });

  it("sends a stranger whose Google address is on a gated domain back to enter it (the email step offers the IdP); registers nobody", async () => {
    const withGoogle = await createApplication(setup.deps, {
      anchor: `sso-google-${rand()}`,
      organizationId: (await newOrganization("Google apps")).id,
      names: { "en-US": "Elsewhere" },
      rules: {
        authentication: [{ method: "GOOGLE_OAUTH", payload: {} }, { method: "ENTERPRISE_FEDERATION_DOMAIN_MANAGED", payload: {} }],
        realize: [{ constraintType: "EVERYONE", payload: {} }],
        return: [{ returnMethod: "STATUS_POLL", payload: {} }],
      },
      claimPolicies: { email: "OFF", firstName: "OFF", lastName: "OFF" },
    });
    const inquiry = await newInquiry(withGoogle);
    const email = `new-${rand()}@${acme}`;
    const signIn = (address: string) =>
      completeUpstreamSignIn(setup.deps, browser(), {
        exposureKey: inquiry.exposureKey!,
        provider: "google",
        upstream: { kind: "GOOGLE", namespace: "", verifiedHow: "GOOGLE" },
        identity: { subject: `google-${rand()}`, email: address, emailVerified: true, firstName: "Sam", lastName: null },
        method: "GOOGLE_OAUTH",
        attempt: async () => ({ method: "GOOGLE_OAUTH" }),
      });
    const back = new URL(await signIn(email));
    assert.equal(back.searchParams.get("notice"), "ssoRequired");
    assert.equal(back.searchParams.get("upstream"), "google");
    assert.equal(await findEmailIdentity(setup.deps.db, email), null, "nobody was registered");
    // An address on no gated domain registers as before.
    assert.equal(new URL(await signIn(`someone-${rand()}@example.com`)).searchParams.get("notice"), null);
  });

  it("carries a sign-in through the IdP over to the next inquiry for 15 minutes only, then asks the IdP again (offboarding, docs 25)", async () => {
    const employee = await newAccount(`kim-${rand()}@${acme}`);
    const throughIdp = browser();
    await startBrowserSession(setup.deps, throughIdp, { accountId: employee.id, authenticationMethod: "ENTERPRISE_FEDERATION_DOMAIN_MANAGED", loginEmail: null, federationConnector: acmeSso });
    const byCode = browser();
    await startBrowserSession(setup.deps, byCode, { accountId: employee.id, authenticationMethod: "EMAIL_VERIFICATION", loginEmail: employee.email });
    setup.deps.clock.advance(FEDERATED_SIGN_IN_CARRY_SECONDS - 1);
    assert.equal((await currentBrowserSession(setup.deps, throughIdp))?.accountId, employee.id);
    setup.deps.clock.advance(2);
    assert.equal(await currentBrowserSession(setup.deps, throughIdp), null, "the IdP must vouch again");
    assert.equal((await currentBrowserSession(setup.deps, byCode))?.accountId, employee.id, "other methods keep their browser session");
  });

  it("gives the portal the domain-managed rule: seeded with it, and migration 0009 adds it (once) to a portal seeded before", async () => {
    await seedIfEmpty(setup.deps);
    const portal = (await findApplicationByAnchor(setup.deps.db, PORTAL_ANCHOR))!;
    const domainManagedRules = async () =>
      (await setup.deps.db.select().from(authenticationRules).where(eq(authenticationRules.applicationId, portal.id))).filter(
        (rule) => rule.method === "ENTERPRISE_FEDERATION_DOMAIN_MANAGED",
      ).length;
    assert.equal(await domainManagedRules(), 1, "a new install's portal accepts it");
    // A portal seeded before the migration existed: the migration's statement adds the rule, and only once.
    await setup.deps.db
      .delete(authenticationRules)
      .where(and(eq(authenticationRules.applicationId, portal.id), eq(authenticationRules.method, "ENTERPRISE_FEDERATION_DOMAIN_MANAGED")));
    const migration = fs.readFileSync(path.join(MIGRATIONS_FOLDER, "0009_portal-accepts-domain-sso.sql"), "utf8");
    for (let run = 0; run < 2; run++) await queryRows(setup.deps.db, sql.raw(migration));
    assert.equal(await domainManagedRules(), 1);
    const context = (await loadApplicationContextById(setup.deps.db, portal.id))!;
    assert.ok(context.rules.authentication.some((rule) => rule.method === "ENTERPRISE_FEDERATION_DOMAIN_MANAGED"), "in force: the application context lists it");
  });

  it("lets the round trip start only through the connector the typed domain or the signed-in account is bound to", async () => {
    const inquiry = await newInquiry(optedIn);
    const context = (await loadApplicationContextById(setup.deps.db, optedIn.applicationId))!;
    const allowed = (connector: Connector, loginHint: string | null, application = context, of = inquiry) =>
      forcedSsoStartAllowed(setup.deps, { sessionKey: null }, { context: application, inquiry: of, connectorId: connector.id, loginHint });
    assert.equal(await allowed(acmeSso, `new@${acme}`), true);
    assert.equal(await allowed(acmeOther, `new@${acme}`), false);
    assert.equal(await allowed(betaSso, `new@${acme}`), false);
    assert.equal(await allowed(acmeSso, "new@example.com"), false);
    assert.equal(await allowed(acmeSso, null), false, "nobody is signed in to this browser");
    const other = (await loadApplicationContextById(setup.deps.db, notOptedIn.applicationId))!;
    assert.equal(await allowed(acmeSso, `new@${acme}`, other, await newInquiry(notOptedIn)), false);
  });
});
