// The With portal's Connectors view (docs 23), in Chromium, against a real
// OIDC provider (oidc-provider) as the organization's IdP: an OWNER registers
// a connector (an issuer without a discovery document is refused next to the
// issuer field), the secret never comes back into the page, an edit with the
// secret left blank keeps it (a sign-in through the connector still works), a
// connector named by an application's sign-in rule can be neither disabled
// nor deleted, one that is not can be disabled, enabled and deleted, the
// organization switcher narrows the list, and a VIEWER sees everything with
// every control disabled and the reason.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Browser, Locator, Page } from "playwright-core";
import { startUpstreamIdp, type UpstreamIdp } from "../fixtures/upstream-idp";
import { createTestApplication, webRules } from "../support/applications";
import { launchBrowser } from "../support/browser";
import { callback, establish } from "../support/connect-client";
import { requireServer } from "../support/env";
import { clickAndConfirm, createOrganization, inviteToOrganization, newPortalUser, shots } from "../support/portal";
import { callbackKeys, redeem, signInAtUpstreamIdp, signInUrl, withVia } from "../support/via-page";

const CALLBACK_PATH = "/via/oauth/enterprise-federation/callback";
const IN_USE = "An application’s sign-in rule names this connector. Remove that rule on the application’s Rules tab first, then try again.";
const NEEDS_OWNER = "Only owners can register and manage connectors. Your role: Viewer.";
let browser: Browser;
let idp: UpstreamIdp;
const employee = `jordan-${crypto.randomBytes(3).toString("hex")}`;

const connectorItem = (page: Page, name: string): Locator => page.getByRole("listitem", { name, exact: true });

async function fillConnector(page: Page, values: { name: string; issuer: string; secret: string }): Promise<void> {
  await page.getByLabel("Display name").fill(values.name);
  await page.getByLabel("Issuer URL").fill(values.issuer);
  await page.getByLabel("Client ID").fill(idp.clientId);
  await page.getByLabel("Client secret").fill(values.secret);
}

/** What a developer's backend and a user do: sign in to the application through the connector's button. */
async function signInThroughConnector(app: { anchor: string; privateKeyPem: string; publicKeyPem: string }, buttonName: string): Promise<void> {
  const inquiry = await establish(app, { returnMethods: [callback()] });
  await withVia(browser, async (via) => {
    await via.page.goto(signInUrl(inquiry.exposureKey));
    await signInAtUpstreamIdp(via.page, idp.issuer, buttonName, employee);
    const keys = await callbackKeys(via.page);
    const redeemed = await redeem({ exposureKey: inquiry.exposureKey, hiddenKey: inquiry.hiddenKey, confirmationKey: keys.confirmationKey });
    assert.match(redeemed.accessToken, /^ey/);
  });
}

describe("With portal: federation connectors", () => {
  before(async () => {
    browser = await launchBrowser();
    idp = await startUpstreamIdp({
      redirectUri: `${requireServer()}${CALLBACK_PATH}`,
      accounts: { [employee]: { email: `${employee}@example.com`, givenName: "Jordan" } },
    });
  });
  after(async () => {
    await browser?.close();
    await idp?.close();
  });

  it("registers, refuses a dead issuer, keeps the secret out of the page, guards one in use, and lets a VIEWER only look", async () => {
    const base = requireServer();
    const owner = await newPortalUser(browser, "light", { emailPrefix: "connectors" });
    const { page } = owner;
    const orgName = `Acme ${crypto.randomBytes(3).toString("hex")}`;
    const orgAnchor = await createOrganization(page, orgName);

    // The section is in the navigation; with no connector the page says what one is for and offers to register one.
    await page.getByRole("link", { name: "Connectors", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/with/connectors");
    assert.equal(await page.getByRole("link", { name: "Connectors", exact: true }).getAttribute("aria-current"), "page");
    await page.getByText("No connectors yet").waitFor();
    await shots(page, "with-connectors-empty");
    await page.getByRole("link", { name: "Register a connector" }).click();
    await page.waitForURL((url) => url.searchParams.get("organization") === orgAnchor);
    assert.equal(await page.locator("#organization-switcher").inputValue(), orgAnchor, "the switcher shows the organization");
    assert.equal(await page.getByTestId("connector-redirect-uri").innerText(), `${base}${CALLBACK_PATH}`, "the platform's one redirect URI");
    assert.equal(await page.getByLabel("Scopes").inputValue(), "openid email profile");
    const secretInput = page.getByLabel("Client secret");
    assert.equal(await secretInput.getAttribute("type"), "password");
    assert.equal(await secretInput.getAttribute("autocomplete"), "off");

    // An issuer that publishes no discovery document is refused, with the reason next to the issuer field.
    await fillConnector(page, { name: "Acme Corp SSO", issuer: `${idp.issuer}/no-idp-here`, secret: idp.clientSecret });
    await page.getByRole("button", { name: "Register connector" }).click();
    const issuerError = page.locator("#connector-issuer-error");
    await issuerError.waitFor();
    assert.match(await issuerError.innerText(), /^No valid OpenID Connect discovery document could be fetched from this issuer/);
    assert.equal(await page.getByLabel("Issuer URL").getAttribute("aria-invalid"), "true");
    assert.equal(await page.getByLabel("Display name").inputValue(), "Acme Corp SSO", "what was typed is kept");
    await shots(page, "with-connectors-discovery-failed");

    // The real issuer: saved, listed — and the secret is nowhere in the page, now or after a reload.
    await page.getByLabel("Issuer URL").fill(idp.issuer);
    await page.getByRole("button", { name: "Register connector" }).click();
    await page.getByText("The connector is registered.", { exact: false }).waitFor();
    const item = connectorItem(page, "Acme Corp SSO");
    await item.waitFor();
    assert.equal(await page.getByLabel("Client secret").inputValue(), "", "the form starts afresh");
    assert.ok(!(await page.content()).includes(idp.clientSecret), "the secret is not in the page after saving");
    const connectorAnchor = (await item.locator("code").first().innerText()).trim();
    assert.match(connectorAnchor, /^[A-Z][a-z]+-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[A-Z][a-z]+$/);
    await item.getByText(idp.issuer, { exact: true }).waitFor();
    await item.getByText(idp.clientId, { exact: true }).waitFor();
    await item.getByText("Enabled", { exact: true }).waitFor();
    await item.getByRole("button", { name: "Copy anchor" }).click();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), connectorAnchor);
    await page.reload();
    await connectorItem(page, "Acme Corp SSO").waitFor();
    assert.ok(!(await page.content()).includes(idp.clientSecret), "nor after a reload");

    // Edit with the secret left blank: the stored one is kept (the hint says so).
    await connectorItem(page, "Acme Corp SSO").getByRole("button", { name: "Edit" }).click();
    const editSecret = page.locator(`#edit-${connectorAnchor}-clientSecret`);
    assert.equal(await editSecret.inputValue(), "", "the secret is never filled in");
    await page.getByText("Leave blank to keep the stored secret.", { exact: false }).waitFor();
    await page.locator(`#edit-${connectorAnchor}-displayName`).fill("Acme SSO");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Changes saved.").waitFor();
    await connectorItem(page, "Acme SSO").waitFor();
    assert.ok(!(await page.content()).includes(idp.clientSecret));

    // An application of the organization names the connector in a sign-in rule; sign-in through it works (the secret was kept).
    const app = await createTestApplication({
      anchorPrefix: "conn-app",
      organization: orgName,
      // EVERYONE: the organization verified no domain, so its IdP's addresses do not count at Layer 2 (docs 15, account-link.ts).
      rules: webRules({
        authentication: [{ method: "ENTERPRISE_FEDERATION_APPLICATION_MANAGED", payload: { connectorAnchor } }, { method: "EMAIL_VERIFICATION", payload: {} }],
        realize: [{ constraintType: "EVERYONE", payload: {} }],
      }),
    });
    await signInThroughConnector(app, "Sign in with Acme SSO");

    // While the rule names it, the connector can be neither disabled nor deleted, and the page says what to do.
    await page.reload();
    const inUse = connectorItem(page, "Acme SSO");
    await inUse.getByRole("button", { name: "Disable" }).click();
    await inUse.getByText(IN_USE).waitFor();
    await clickAndConfirm(page, "Delete", inUse);
    await inUse.getByText(IN_USE).waitFor();
    await shots(page, "with-connectors-in-use", { phone: true });
    await page.reload();
    await connectorItem(page, "Acme SSO").getByText("Enabled", { exact: true }).waitFor();

    // A second connector nobody names: disable, enable, delete.
    await fillConnector(page, { name: "Beta IdP", issuer: idp.issuer, secret: idp.clientSecret });
    await page.getByLabel("Scopes").fill("openid email");
    await page.getByRole("button", { name: "Register connector" }).click();
    const beta = connectorItem(page, "Beta IdP");
    await beta.waitFor();
    await beta.getByRole("button", { name: "Disable" }).click();
    await beta.getByText("Disabled", { exact: true }).waitFor();
    await beta.getByRole("button", { name: "Enable" }).click();
    await beta.getByText("Enabled", { exact: true }).waitFor();
    await beta.getByRole("button", { name: "Disable" }).click();
    await beta.getByText("Disabled", { exact: true }).waitFor();
    await shots(page, "with-connectors-owner", { phone: true });
    await beta.getByRole("button", { name: "Delete" }).click();
    await beta.getByText("Delete Beta IdP for good?", { exact: false }).waitFor();
    await beta.getByRole("button", { name: "Delete" }).click();
    await beta.waitFor({ state: "detached" });
    assert.ok(!(await page.content()).includes(idp.clientSecret));

    // The switcher: all organizations, or one.
    const otherName = `Zeta ${crypto.randomBytes(3).toString("hex")}`;
    const otherAnchor = await createOrganization(page, otherName);
    await page.goto(`${base}/with/connectors`);
    await page.getByRole("link", { name: otherName }).waitFor();
    await connectorItem(page, "Acme SSO").waitFor();
    await page.getByLabel("Organization", { exact: true }).first().selectOption(orgAnchor);
    await page.waitForURL((url) => url.searchParams.get("organization") === orgAnchor);
    await connectorItem(page, "Acme SSO").waitFor();
    assert.equal(await page.getByRole("link", { name: otherName }).count(), 0);
    await page.goto(`${base}/with/connectors?organization=${otherAnchor}`);
    await page.getByText("No connectors yet").waitFor();
    assert.equal(await connectorItem(page, "Acme SSO").count(), 0);

    // A VIEWER of the organization sees the connector and every control disabled, with the reason.
    const viewer = await newPortalUser(browser, "dark", { emailPrefix: "connectors-viewer" });
    await inviteToOrganization(page, orgAnchor, viewer.page, "VIEWER");

    const v = viewer.page;
    await v.goto(`${base}/with/connectors`);
    const seen = connectorItem(v, "Acme SSO");
    await seen.waitFor();
    await v.getByText(NEEDS_OWNER).first().waitFor();
    for (const name of ["Edit", "Disable", "Delete"]) assert.equal(await seen.getByRole("button", { name }).isDisabled(), true, name);
    assert.equal(await v.getByRole("button", { name: "Register connector" }).isDisabled(), true);
    assert.equal(await v.getByLabel("Display name").isDisabled(), true);
    assert.ok(!(await v.content()).includes(idp.clientSecret));
    await shots(v, "with-connectors-viewer-dark", { phone: true });

    assert.deepEqual(owner.problems, []);
    assert.deepEqual(viewer.problems, []);
    await owner.context.close();
    await viewer.context.close();
  });
});
