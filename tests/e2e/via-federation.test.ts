// "Sign in with <IdP>" through a federation connector (docs 23, 25),
// application-managed, against a real OIDC provider (oidc-provider) as the
// organization's IdP, in Chromium: the button, the IdP's own login page, the
// platform's one redirect URI, account linking (new → registered through the
// IdP; same IdP subject → same account; verified email of an existing account
// → linked to it, but only on a domain the connector's organization verified:
// an IdP asserting anybody else's address signs in as nobody), the realize
// pipeline afterwards (Layer 2 still applies), and what the page says when
// the round trip fails (cancel at the IdP, replayed state).
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { startUpstreamIdp, type UpstreamIdp } from "../fixtures/upstream-idp";
import { createTestApplication, createTestConnector, webRules } from "../support/applications";
import { launchBrowser } from "../support/browser";
import { callback, decodeJwt, establish, type TestApplication } from "../support/connect-client";
import { requireServer } from "../support/env";
import { uniqueEmail } from "../support/mailbox";
import { createOrganization, newPortalUser } from "../support/portal";
import { adoptAndVerify } from "../support/portal-domains";
import { callbackKeys, openVia, redeem, shoot, signInAtUpstreamIdp, signInUrl, signUpByEmail, subjectAfterSignIn, withVia } from "../support/via-page";

const CONNECTOR_NAME = "Acme Corp SSO";
let browser: Browser;
let idp: UpstreamIdp;
let app: TestApplication;
let organization: string;
let connectorAnchor: string;
// The organization's own domain, verified in the portal: its IdP vouches for addresses there, and only there.
const OWN_DOMAIN = `fed-${crypto.randomBytes(3).toString("hex")}.example`;
const employee = `jordan-${crypto.randomBytes(3).toString("hex")}`;
const emailUser = uniqueEmail("fed-linked", OWN_DOMAIN);
const linkedLogin = `pat-${crypto.randomBytes(3).toString("hex")}`;
const outsider = `mallory-${crypto.randomBytes(3).toString("hex")}`;
// Signed up by email at example.com (which the application allows); the IdP claims the address as its own user's.
const victimEmail = uniqueEmail("fed-victim");
const impostor = `eve-${crypto.randomBytes(3).toString("hex")}`;

const subjectOf = (accessToken: string) => String(decodeJwt(accessToken).body.subject);

/** Clicks the IdP button and signs in on the IdP's own (development) login page. */
async function signInAtIdp(page: Page, login: string): Promise<void> {
  await signInAtUpstreamIdp(page, idp.issuer, `Sign in with ${CONNECTOR_NAME}`, login);
}

const subjectAfterIdpSignIn = (login: string) => subjectAfterSignIn(browser, app, (page) => signInAtIdp(page, login));

describe("via: sign in with a federation connector", () => {
  before(async () => {
    browser = await launchBrowser();
    idp = await startUpstreamIdp({
      redirectUri: `${requireServer()}/via/oauth/enterprise-federation/callback`,
      accounts: {
        [employee]: { email: `${employee}@${OWN_DOMAIN}`, givenName: "Jordan", familyName: "Reyes" },
        [linkedLogin]: { email: emailUser, givenName: "Pat" },
        [outsider]: { email: `${outsider}@elsewhere.example` },
        [impostor]: { email: victimEmail, givenName: "Eve" },
      },
    });
    // An owner creates the organization in the portal and verifies its domain; the connector is registered in it; the app names it.
    organization = `Federation ${crypto.randomBytes(3).toString("hex")}`;
    const owner = await newPortalUser(browser, "light", { emailPrefix: "fed-owner" });
    try {
      await createOrganization(owner.page, organization);
      await owner.page.goto(`${requireServer()}/with/domains`);
      await adoptAndVerify(owner.page, OWN_DOMAIN);
    } finally {
      await owner.context.close();
    }
    connectorAnchor = await createTestConnector(organization, idp, CONNECTOR_NAME);
    assert.match(connectorAnchor, /^[A-Z][a-z]+-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[A-Z][a-z]+$/, "a connector anchor as the docs show it");
    app = await createTestApplication({
      anchorPrefix: "fed-app",
      organization,
      rules: webRules({
        authentication: [
          { method: "ENTERPRISE_FEDERATION_APPLICATION_MANAGED", payload: { connectorAnchor } },
          { method: "EMAIL_VERIFICATION", payload: {} },
        ],
        realize: [{ constraintType: "EMAIL", payload: { allowedEmails: ["*@example.com", `*@${OWN_DOMAIN}`] } }],
      }),
    });
  });
  after(async () => {
    await browser?.close();
    await idp?.close();
  });

  it("registers a new employee through the IdP, and the same IdP subject signs in as the same account", async () => {
    const inquiry = await establish(app, { returnMethods: [callback()] });
    const via = await openVia(browser);
    let first: string;
    try {
      await via.page.goto(signInUrl(inquiry.exposureKey));
      await via.page.getByRole("button", { name: `Sign in with ${CONNECTOR_NAME}` }).waitFor();
      await shoot(via.page, "via-federation-start");
      await signInAtIdp(via.page, employee);
      const keys = await callbackKeys(via.page);
      first = subjectOf((await redeem({ exposureKey: inquiry.exposureKey, hiddenKey: inquiry.hiddenKey, confirmationKey: keys.confirmationKey })).accessToken);
      assert.deepEqual(via.problems, []);
    } finally {
      await via.close();
    }
    assert.ok(idp.logins.includes(employee), "the IdP authenticated the user");
    assert.match(first, /^sub_[0-9A-Z]{16}$/);
    assert.equal(await subjectAfterIdpSignIn(employee), first, "a second sign-in through the IdP is the same account");
  });

  it("links the IdP identity to the existing account that owns the verified email it asserts", async () => {
    const inquiry = await establish(app, { returnMethods: [callback()] });
    const via = await openVia(browser);
    let byEmail: string;
    try {
      await via.page.goto(signInUrl(inquiry.exposureKey));
      await signUpByEmail(via.page, emailUser);
      const keys = await callbackKeys(via.page);
      byEmail = subjectOf((await redeem({ exposureKey: inquiry.exposureKey, hiddenKey: inquiry.hiddenKey, confirmationKey: keys.confirmationKey })).accessToken);
    } finally {
      await via.close();
    }
    assert.equal(await subjectAfterIdpSignIn(linkedLogin), byEmail);
  });

  it("an IdP asserting an address on a domain its organization never verified signs in as nobody but a new account of its own", async () => {
    // An application that lets everyone in, so only the link decides whose account the IdP user lands in.
    const open = await createTestApplication({
      anchorPrefix: "fed-open",
      organization,
      rules: webRules({
        authentication: [{ method: "ENTERPRISE_FEDERATION_APPLICATION_MANAGED", payload: { connectorAnchor } }, { method: "EMAIL_VERIFICATION", payload: {} }],
        realize: [{ constraintType: "EVERYONE", payload: {} }],
      }),
    });
    const victim = await subjectAfterSignIn(browser, open, (page) => signUpByEmail(page, victimEmail));
    const viaIdp = await subjectAfterSignIn(browser, open, (page) => signInAtIdp(page, impostor));
    assert.ok(idp.logins.includes(impostor), "the IdP vouched for the address");
    assert.notEqual(viaIdp, victim, "not signed in as the account that owns the address");
    assert.equal(await subjectAfterSignIn(browser, open, (page) => signInAtIdp(page, impostor)), viaIdp, "the IdP user keeps its own account");
  });

  it("still applies Layer 2: an IdP user the application does not allow is refused, with the reason on the page", async () => {
    const inquiry = await establish(app, { returnMethods: [callback()] });
    await withVia(browser, async (via) => {
      await via.page.goto(signInUrl(inquiry.exposureKey));
      await signInAtIdp(via.page, outsider);
      // A refusal is an error (role=alert); a cancel is only news (role=status).
      await via.page.getByRole("alert").filter({ hasText: "This account is not allowed to sign in to this application." }).waitFor();
      assert.equal(new URL(via.page.url()).pathname, "/via");
      await via.page.getByRole("button", { name: `Sign in with ${CONNECTOR_NAME}` }).waitFor();
      await shoot(via.page, "via-federation-not-allowed");
    });
  });

  it("comes back with a notice when the user cancels at the IdP, and a replayed state signs nobody in", async () => {
    const inquiry = await establish(app, { returnMethods: [callback()] });
    await withVia(browser, async (via) => {
      await via.page.goto(signInUrl(inquiry.exposureKey));
      await via.page.getByRole("button", { name: `Sign in with ${CONNECTOR_NAME}` }).click();
      await via.page.locator("input[name=login]").waitFor();
      const back = via.page.waitForRequest((request) => request.url().includes("/via/oauth/enterprise-federation/callback"));
      await via.page.getByRole("link", { name: /Cancel/ }).click();
      const callbackUrl = (await back).url();
      assert.equal(new URL(callbackUrl).searchParams.get("error"), "access_denied");
      await via.page.getByRole("status").filter({ hasText: "Sign-in with your organization’s identity provider was cancelled." }).waitFor();
      await shoot(via.page, "via-federation-cancelled");

      // The state was single use: the same return again reaches no sign-in.
      await via.page.goto(callbackUrl);
      assert.equal(new URL(via.page.url()).search, "", "back on /via without an inquiry");
      await via.page.getByRole("heading", { name: /link|sign-in/i }).first().waitFor();
    });
  });
});
