// Domain-managed forced SSO (docs 22, 25) in Chromium against a real OIDC
// provider (oidc-provider) as the organizations' IdP: a VERIFIED domain with
// an SSO_ONLY policy bound to a connector (written as test setup — adoption
// and policy editing are their own features). Email-first on the gated
// domain mails no code and shows "Continue with <IdP>", and the new employee
// is registered through the IdP; an application that did not opt in refuses
// with a clear message; accounts that existed before the policy (a passkey
// user, and an email user still signed in to the browser) are caught at
// realize and complete through the IdP — with a picker for an account that
// two organizations' domains govern. This file runs its own server because
// it writes the database between steps (tests/support/own-server.ts).
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { startUpstreamIdp, type UpstreamIdp } from "../fixtures/upstream-idp";
import { createTestApplication, createTestConnector, webRules } from "../support/applications";
import { launchBrowser } from "../support/browser";
import { callback, decodeJwt, establish, type TestApplication } from "../support/connect-client";
import { codeFor, mailsTo, uniqueEmail } from "../support/mailbox";
import { startOwnServer, type OwnServer } from "../support/own-server";
import { addVerifiedEmail, gateDomainBySso } from "../support/sso-domain";
import { addVirtualAuthenticator, callbackKeys, openVia, redeem, shoot, signInAtUpstreamIdp, signInUrl, signUpByEmail, type ViaPage, type VirtualCredential, withVia } from "../support/via-page";

const tag = () => crypto.randomBytes(3).toString("hex");
const ACME = `acme-${tag()}.example`;
const BETA = `beta-${tag()}.example`;
const newHire = `hire-${tag()}`;
const portalUser = `dana-${tag()}`;
const passkeyUser = { login: `pat-${tag()}`, email: uniqueEmail("pat", ACME) };
// At Acme's IdP Lee is lee@acme; Beta's IdP (the same fixture, another login) knows Lee by the address on Beta's domain.
const twoOrgsUser = { login: `lee-${tag()}`, email: uniqueEmail("lee", ACME), betaLogin: `lee-beta-${tag()}`, betaEmail: `lee-${tag()}@${BETA}` };

let server: OwnServer;
let browser: Browser;
let idp: UpstreamIdp;
let optedIn: TestApplication;
let notOptedIn: TestApplication;
let passkeys: VirtualCredential[];
let signedInVia: ViaPage; // the two-organizations user, still signed in (by email code) when the policy arrives
const subjects = new Map<string, string>();

const subjectOf = (accessToken: string) => String(decodeJwt(accessToken).body.subject);

/** An organization (it exists once an application does) with its IdP connector. */
async function organizationWithConnector(name: string, connectorName: string): Promise<string> {
  const organization = `${name} ${tag()}`;
  await createTestApplication({ anchorPrefix: "sso-base", organization, rules: webRules() });
  return createTestConnector(organization, idp, connectorName);
}

/** The application's backend redeems what reached its callback; returns the subject. */
async function realizedSubject(page: Page, inquiry: { exposureKey: string; hiddenKey: string }): Promise<string> {
  const keys = await callbackKeys(page);
  return subjectOf((await redeem({ exposureKey: inquiry.exposureKey, hiddenKey: inquiry.hiddenKey, confirmationKey: keys.confirmationKey })).accessToken);
}

/** Light and dark, on a desktop and a phone width. */
async function shootWidths(page: Page, name: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 844 });
    await shoot(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1024, height: 800 });
}

async function atIdp(page: Page, buttonName: string, login: string): Promise<void> {
  await signInAtUpstreamIdp(page, idp.issuer, buttonName, login);
}

describe("via: forced SSO (domain-managed)", () => {
  before(async () => {
    server = await startOwnServer("forced-sso");
    browser = await launchBrowser();
    idp = await startUpstreamIdp({
      redirectUri: `${server.baseUrl}/via/oauth/enterprise-federation/callback`,
      accounts: {
        [newHire]: { email: `${newHire}@${ACME}`, givenName: "Jordan", familyName: "Reyes" },
        [portalUser]: { email: `${portalUser}@${ACME}`, givenName: "Dana" },
        [passkeyUser.login]: { email: passkeyUser.email, givenName: "Pat" },
        [twoOrgsUser.login]: { email: twoOrgsUser.email, givenName: "Lee" },
        [twoOrgsUser.betaLogin]: { email: twoOrgsUser.betaEmail, givenName: "Lee" },
      },
    });
    const acmeConnector = await organizationWithConnector("Acme Corp", "Acme SSO");
    const betaConnector = await organizationWithConnector("Beta Group", "Beta SSO");
    // The applications belong to a third organization: another organization's domain drives the login.
    const organization = `Elsewhere ${tag()}`;
    const basics = [
      { method: "EMAIL_VERIFICATION", payload: {} },
      { method: "PASSKEY_USERNAMELESS", payload: {} },
    ];
    const realize = [{ constraintType: "EVERYONE", payload: {} }];
    optedIn = await createTestApplication({
      anchorPrefix: "sso-opted-in",
      name: "Team Wiki",
      organization,
      rules: webRules({ authentication: [...basics, { method: "ENTERPRISE_FEDERATION_DOMAIN_MANAGED", payload: {} }], realize }),
    });
    notOptedIn = await createTestApplication({ anchorPrefix: "sso-not-opted-in", name: "Arcade", organization, rules: webRules({ authentication: basics, realize }) });

    // Before the policy: a passkey user and an email user sign up the ordinary way.
    const inquiry = await establish(optedIn, { returnMethods: [callback()] });
    await withVia(browser, async (via) => {
      const authenticator = await addVirtualAuthenticator(via);
      await via.page.goto(signInUrl(inquiry.exposureKey));
      await via.page.getByLabel("Email address").fill(passkeyUser.email);
      await via.page.getByRole("button", { name: "Continue", exact: true }).click();
      await via.page.getByLabel("Verification code").fill((await codeFor(passkeyUser.email)).code);
      await via.page.getByRole("button", { name: "Add passkey" }).click();
      subjects.set(passkeyUser.email, await realizedSubject(via.page, inquiry));
      passkeys = await authenticator.credentials();
    });
    const second = await establish(optedIn, { returnMethods: [callback()] });
    signedInVia = await openVia(browser);
    await signedInVia.page.goto(signInUrl(second.exposureKey));
    await signUpByEmail(signedInVia.page, twoOrgsUser.email);
    subjects.set(twoOrgsUser.email, await realizedSubject(signedInVia.page, second));

    // Then the domain owners turn on SSO_ONLY; the second user also owns an address on Beta's domain.
    await server.writeDatabase(async (db) => {
      await gateDomainBySso(db, { domain: ACME, connectorAnchor: acmeConnector });
      await gateDomainBySso(db, { domain: BETA, connectorAnchor: betaConnector });
      await addVerifiedEmail(db, { owner: twoOrgsUser.email, email: twoOrgsUser.betaEmail });
    });
  });
  after(async () => {
    await signedInVia?.close();
    await browser?.close();
    await idp?.close();
    await server?.stop();
  });

  it("email-first on a gated domain: no code is mailed, a Continue screen, and the new employee is registered through the IdP", async () => {
    const email = `${newHire}@${ACME}`;
    const inquiry = await establish(optedIn, { returnMethods: [callback()] });
    await withVia(browser, async (via) => {
      await via.page.goto(signInUrl(inquiry.exposureKey));
      await via.page.getByLabel("Email address").fill(email);
      await via.page.getByRole("button", { name: "Continue", exact: true }).click();
      await via.page.getByRole("heading", { level: 1, name: "Continue with Acme SSO" }).waitFor();
      await via.page.getByText(`Accounts at ${ACME} sign in with Acme SSO`).waitFor();
      assert.equal(await via.page.evaluate(() => document.activeElement?.tagName), "H1", "focus moves to the new step's heading");
      assert.equal(await via.page.getByRole("button", { name: /code|passkey/i }).count(), 0, "every other method is suppressed");
      await shootWidths(via.page, "via-forced-sso-continue");

      await atIdp(via.page, "Continue with Acme SSO", newHire);
      assert.match(await realizedSubject(via.page, inquiry), /^sub_[0-9A-Z]{16}$/);
      assert.deepEqual(await mailsTo(email), [], "no code was mailed");
      assert.ok(idp.logins.includes(newHire), "the IdP authenticated the new employee");
    });
  });

  it("the portal itself takes a gated address through the IdP: SSO_ONLY locks nobody out of Sudomimus (docs 22)", async () => {
    await withVia(browser, async (via) => {
      await via.page.goto(`${server.baseUrl}/with/profile`);
      await via.page.waitForURL((url) => url.pathname === "/via");
      await via.page.getByLabel("Email address").fill(`${portalUser}@${ACME}`);
      await via.page.getByRole("button", { name: "Continue", exact: true }).click();
      await via.page.getByRole("heading", { level: 1, name: "Continue with Acme SSO" }).waitFor();
      await atIdp(via.page, "Continue with Acme SSO", portalUser);
      // A new account may be offered a passkey first.
      const notNow = via.page.getByRole("button", { name: "Not now" });
      await Promise.race([
        notNow.waitFor({ timeout: 15_000 }).then(() => notNow.click()),
        via.page.waitForURL((url) => url.pathname === "/with/profile", { timeout: 15_000 }),
      ]);
      // The portal greets the new account by the name the IdP gave, and shows the IdP's address as its email.
      await via.page.getByRole("heading", { level: 1, name: "Hello, Dana" }).waitFor();
      await via.page.getByText(`${portalUser}@${ACME}`).waitFor();
      await shoot(via.page, "with-profile-through-sso");
      assert.ok(idp.logins.includes(portalUser), "the IdP authenticated the user");
      assert.deepEqual(await mailsTo(`${portalUser}@${ACME}`), [], "no code was mailed");
    });
  });

  it("an application that did not opt in refuses a gated address, and a gated passkey, with a clear message", async () => {
    const inquiry = await establish(notOptedIn, { returnMethods: [callback()] });
    await withVia(browser, async (via) => {
      await via.page.goto(signInUrl(inquiry.exposureKey));
      await via.page.getByLabel("Email address").fill(`${newHire}@${ACME}`);
      await via.page.getByRole("button", { name: "Continue", exact: true }).click();
      await via.page.getByRole("heading", { name: "You can’t sign in with this account" }).waitFor();
      await via.page.getByRole("alert").filter({ hasText: "Your organization requires you to sign in through its own identity provider, which Arcade doesn’t offer here." }).waitFor();
      assert.equal(await via.page.getByRole("button", { name: /Acme SSO/ }).count(), 0, "no implicit SSO escape hatch");
      await shoot(via.page, "via-forced-sso-not-accepted");
    });
    const again = await establish(notOptedIn, { returnMethods: [callback()] });
    await withVia(browser, async (withPasskey) => {
      const authenticator = await addVirtualAuthenticator(withPasskey, passkeys);
      await withPasskey.page.goto(signInUrl(again.exposureKey));
      await withPasskey.page.getByRole("button", { name: "Sign in with a passkey" }).click();
      await withPasskey.page.getByRole("alert").filter({ hasText: "which Arcade doesn’t offer here" }).waitFor();
      // The passkey's signature counter moved on: the next "device" must carry it.
      passkeys = await authenticator.credentials();
    });
  });

  it("a passkey account that became gated is caught at realize and completes through the IdP as the same account", async () => {
    const inquiry = await establish(optedIn, { returnMethods: [callback()] });
    await withVia(browser, async (via) => {
      await addVirtualAuthenticator(via, passkeys);
      await via.page.goto(signInUrl(inquiry.exposureKey));
      await via.page.getByRole("button", { name: "Sign in with a passkey" }).click();
      await via.page.getByRole("heading", { level: 1, name: "Continue with Acme SSO" }).waitFor();
      await via.page.getByText("Your organization requires you to sign in with Acme SSO").waitFor();
      await shootWidths(via.page, "via-forced-sso-caught");
      await atIdp(via.page, "Continue with Acme SSO", passkeyUser.login);
      assert.equal(await realizedSubject(via.page, inquiry), subjects.get(passkeyUser.email), "linked by the verified email: the same account");
    });
  });

  it("an account two organizations' domains govern, still signed in by email code, gets a picker; either IdP completes the login", async () => {
    const inquiry = await establish(optedIn, { returnMethods: [callback()] });
    const { page } = signedInVia;
    await page.goto(signInUrl(inquiry.exposureKey));
    await page.getByRole("heading", { level: 1, name: "Choose your organization’s sign-in" }).waitFor();
    const choices = page.getByRole("group", { name: "Your organizations’ identity providers" }).getByRole("button");
    assert.deepEqual((await choices.allTextContents()).sort(), ["Continue with Acme SSO", "Continue with Beta SSO"]);
    await shootWidths(page, "via-forced-sso-picker");
    // Beta's IdP vouches for Lee's address on Beta's domain (a connector's word counts only on its own verified domains).
    await atIdp(page, "Continue with Beta SSO", twoOrgsUser.betaLogin);
    assert.equal(await realizedSubject(page, inquiry), subjects.get(twoOrgsUser.email));
    assert.deepEqual(signedInVia.problems, []);
  });
});
