// The With portal's Domains view (docs 21, 22), in Chromium, with the server
// resolving through the test run's DNS server (tests/fixtures/dns-server.ts):
// an OWNER adopts a domain (an internationalized one is refused next to the
// field), sees the TXT record to publish and copies it, Verify fails until
// the record is published and then binds the domain; on the domain's own
// page (Overview and Login policy tabs, docs 22) BLOCK_ALL is set on
// another domain without a warning, while on the domain of the owner's own
// email the lock-yourself-out warning stands between the click and the save;
// SSO_ONLY pins a connector (which the Connectors page then refuses to
// disable: FederationConnectorInUseByLoginPolicy); releasing that domain
// shows the docs' caution and frees the slot; a co-owner sees the policy
// disabled with the reason, and a stranger gets no page for the domain.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { startUpstreamIdp, type UpstreamIdp } from "../fixtures/upstream-idp";
import { createTestConnector } from "../support/applications";
import { launchBrowser } from "../support/browser";
import { requireServer } from "../support/env";
import { createOrganization, inviteToOrganization, newPortalUser, shots } from "../support/portal";
import { adopt, adoptAndVerify, domainItem, publishShownRecord } from "../support/portal-domains";

const NOT_FOUND_YET = "The TXT record was not found yet.";
const IN_USE_BY_POLICY = "A verified domain’s SSO_ONLY login policy forces sign-in through this connector.";
const LOCKOUT = "You can lock yourself out";
let browser: Browser;
let idp: UpstreamIdp;
const rand = () => crypto.randomBytes(3).toString("hex");

/** A domain's Login policy tab, reached as a user does: the link under its entry on the list. */
async function openPolicyTab(page: Page, domain: string): Promise<void> {
  await page.goto(`${requireServer()}/with/domains`);
  await domainItem(page, domain).getByRole("link", { name: "Set the login policy" }).click();
  await page.waitForURL((url) => url.pathname.endsWith(`/${domain}/login-policy`));
  assert.equal(await page.getByRole("link", { name: "Login policy", exact: true }).getAttribute("aria-current"), "page");
}

describe("With portal: domains and login policies", () => {
  before(async () => {
    browser = await launchBrowser();
    idp = await startUpstreamIdp({ redirectUri: `${requireServer()}/via/oauth/enterprise-federation/callback`, accounts: {} });
  });
  after(async () => {
    await browser?.close();
    await idp?.close();
  });

  it("adopts, shows the record, verifies against DNS, sets policies with the lock-yourself-out warning, guards the pinned connector, releases", async () => {
    const base = requireServer();
    const ownDomain = `self-${rand()}.example`;
    const owner = await newPortalUser(browser, "light", { emailPrefix: "domains", emailDomain: ownDomain });
    const { page } = owner;
    const orgName = `Domain Owners ${rand()}`;
    const orgAnchor = await createOrganization(page, orgName);

    // The section is in the navigation, after Connectors; empty, it says what a domain is for.
    await page.getByRole("link", { name: "Domains", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/with/domains");
    assert.equal(await page.getByRole("link", { name: "Domains", exact: true }).getAttribute("aria-current"), "page");
    await page.getByText("No domains yet").waitFor();
    await page.getByText("Domains: 0 of at most 3", { exact: false }).waitFor();
    await shots(page, "with-domains-empty");

    // An internationalized domain is refused next to the field, with what was typed kept.
    await page.getByLabel("Domain", { exact: true }).fill("bücher.example");
    await page.getByRole("button", { name: "Adopt domain" }).click();
    await page.locator("#domain-name-error").getByText("Internationalized domains", { exact: false }).waitFor();
    assert.equal(await page.getByLabel("Domain", { exact: true }).inputValue(), "bücher.example");

    // Adopted in lowercase, PENDING, with the record to publish — copied exactly.
    const own = await adopt(page, ownDomain.toUpperCase());
    await own.getByText("Pending", { exact: true }).waitFor();
    assert.equal(await page.getByLabel("Domain", { exact: true }).inputValue(), "", "the form starts afresh");
    assert.equal((await own.getByTestId("domain-record-host").innerText()).trim(), `_sudomimus-challenge.${ownDomain}`);
    const value = (await own.getByTestId("domain-record-value").innerText()).trim();
    assert.match(value, /^sudomimus-domain-verification=[0-9a-f]{32}$/);
    await own.getByRole("button", { name: "Copy value" }).click();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), value);
    await own.getByRole("button", { name: "Copy host" }).click();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `_sudomimus-challenge.${ownDomain}`);

    // Verify before the record is published: a clear "not found yet, wait and retry".
    await own.getByRole("button", { name: "Verify" }).click();
    await own.getByText(NOT_FOUND_YET, { exact: false }).waitFor();
    await own.getByText("Pending", { exact: true }).waitFor();
    await shots(page, "with-domains-pending", { phone: true });

    // Before it is verified, its Login policy tab says what comes first.
    await page.goto(`${base}/with/domains/${orgAnchor}/${ownDomain}/login-policy`);
    await page.getByText("A login policy attaches to a verified domain.", { exact: false }).waitFor();
    assert.equal(await page.getByRole("radio").count(), 0);
    await page.goto(`${base}/with/domains`);

    // Published: verified, bound, and the entry names its login policy (ALLOW_ALL) with the way to change it.
    await publishShownRecord(own);
    await own.getByRole("button", { name: "Verify" }).click();
    await own.getByText("Verified", { exact: true }).waitFor();
    assert.equal(await own.getByRole("button", { name: "Verify" }).count(), 0);
    await own.getByText("Login policy: Allow all.").waitFor();
    // The domain's name leads to its own page: the same entry, under Overview.
    await own.getByRole("link", { name: ownDomain, exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/with/domains/${orgAnchor}/${ownDomain}`);
    assert.equal(await page.getByRole("link", { name: "Overview", exact: true }).getAttribute("aria-current"), "page");
    assert.equal(await page.getByRole("link", { name: "Domains", exact: true }).getAttribute("aria-current"), "page", "still under Domains in the navigation");
    await domainItem(page, ownDomain).getByText("Verified", { exact: true }).waitFor();
    await shots(page, "with-domain-overview", { phone: true });
    await openPolicyTab(page, ownDomain);
    assert.equal(await page.getByRole("radio", { name: /Allow all/ }).isChecked(), true);
    assert.equal(await page.getByRole("button", { name: "Save policy" }).isDisabled(), true);

    // Another domain, not the owner's own: BLOCK_ALL is saved at once, no warning.
    const acmeDomain = `acme-${rand()}.example`;
    await page.goto(`${base}/with/domains`);
    await adoptAndVerify(page, acmeDomain);
    await openPolicyTab(page, acmeDomain);
    await page.getByRole("radio", { name: /Block all/ }).check();
    await page.getByRole("button", { name: "Save policy" }).click();
    await page.getByText("The login policy is saved.").waitFor();
    assert.equal(await page.getByText(LOCKOUT).count(), 0);
    await page.goto(`${base}/with/domains`);
    await domainItem(page, acmeDomain).getByText("BLOCK_ALL", { exact: true }).first().waitFor();
    await domainItem(page, acmeDomain).getByText("Login policy: Block all.").waitFor();

    // The owner's own domain: the warning stands between the click and the save.
    await openPolicyTab(page, ownDomain);
    await page.getByRole("radio", { name: /Block all/ }).check();
    await page.getByRole("button", { name: "Save policy" }).click();
    const warning = page.getByRole("alert").filter({ hasText: LOCKOUT });
    await warning.waitFor();
    await warning.getByText("Your own email is on", { exact: false }).waitFor();
    await warning.getByRole("button", { name: "I understand, set “Block all”" }).waitFor();
    await shots(page, "with-domains-lockout-warning", { phone: true });
    await warning.getByRole("button", { name: "Cancel" }).click();
    await warning.waitFor({ state: "detached" });
    await page.reload();
    assert.equal(await page.getByRole("radio", { name: /Allow all/ }).isChecked(), true, "nothing was stored");

    // SSO_ONLY on the other domain through the organization's connector; the connector is then pinned.
    await createTestConnector(orgName, idp, "Acme SSO");
    await openPolicyTab(page, acmeDomain);
    await page.getByRole("radio", { name: /SSO only/ }).check();
    await page.getByLabel("Connector").waitFor();
    await page.getByRole("button", { name: "Save policy" }).click();
    await page.getByText("The login policy is saved.").waitFor();
    await shots(page, "with-domain-login-policy", { phone: true });
    await page.goto(`${base}/with/domains`);
    await domainItem(page, acmeDomain).getByText("SSO_ONLY", { exact: true }).first().waitFor();
    await page.goto(`${base}/with/connectors`);
    const connector = page.getByRole("listitem", { name: "Acme SSO", exact: true });
    await connector.getByRole("button", { name: "Disable" }).click();
    await connector.getByText(IN_USE_BY_POLICY, { exact: false }).waitFor();

    // Releasing the SSO_ONLY domain: the confirmation carries the docs' caution; the slot is freed.
    await page.goto(`${base}/with/domains`);
    await shots(page, "with-domains-policies", { phone: true });
    const forced = domainItem(page, acmeDomain);
    await forced.getByRole("button", { name: "Release" }).click();
    await forced.getByText("This domain is forcing SSO.", { exact: false }).waitFor();
    await forced.getByText("Its SSO_ONLY login policy is torn down with it.").waitFor();
    await shots(page, "with-domains-release-confirm");
    await forced.getByRole("button", { name: "Release" }).click();
    await forced.waitFor({ state: "detached" });
    await page.getByText("Domains: 1 of at most 3", { exact: false }).waitFor();
    // With the policy gone, the connector may be disabled.
    await page.goto(`${base}/with/connectors`);
    await page.getByRole("listitem", { name: "Acme SSO", exact: true }).getByRole("button", { name: "Disable" }).click();
    await page.getByRole("listitem", { name: "Acme SSO", exact: true }).getByText("Disabled", { exact: true }).waitFor();

    // A co-owner: may verify and release, but no single owner of two may set the policy.
    // Before joining, the domain's page does not exist for them (whether it is claimed is not revealed).
    const coOwner = await newPortalUser(browser, "dark", { emailPrefix: "domains-coowner" });
    const c = coOwner.page;
    const probe = await coOwner.context.newPage();
    const stranger = await probe.goto(`${base}/with/domains/${orgAnchor}/${ownDomain}/login-policy`);
    assert.equal(stranger?.status(), 404);
    assert.equal(await probe.getByText(ownDomain).count(), 0);
    // Addresses no link produces (a NUL, a broken escape, no anchor at all) name nothing: the not-found page, never an error.
    for (const path of [`domains/%00/${ownDomain}`, `domains/${orgAnchor}/%00`, `domains/%E0%A4%A/${ownDomain}`, `domains/${orgAnchor}/%E0%A4%A/login-policy`, "organizations/%00", "organizations/%E0%A4%A", "applications/%00", "applications/%E0%A4%A/rules"]) {
      const answer = await probe.goto(`${base}/with/${path}`);
      assert.equal(answer?.status(), 404, `${path}: ${answer?.status()}`);
      await probe.getByText("This page could not be found", { exact: false }).waitFor();
    }
    await shots(probe, "not-found");
    await probe.close();
    await inviteToOrganization(page, orgAnchor, c, "OWNER");

    await c.goto(`${base}/with/domains`);
    const seen = domainItem(c, ownDomain);
    await seen.waitFor();
    assert.equal(await seen.getByRole("button", { name: "Release" }).isDisabled(), false);
    await openPolicyTab(c, ownDomain);
    await c.getByText("This organization has more than one owner", { exact: false }).waitFor();
    assert.equal(await c.getByRole("radio", { name: /Block all/ }).isDisabled(), true);
    assert.equal(await c.getByRole("button", { name: "Save policy" }).isDisabled(), true);
    await shots(c, "with-domains-coowner-dark", { phone: true });
    await openPolicyTab(page, ownDomain);
    await page.getByText("This organization has more than one owner", { exact: false }).waitFor();

    // Released from its own page, a domain sends the owner back to the list, its slot free.
    await page.goto(`${base}/with/domains/${orgAnchor}/${ownDomain}`);
    await domainItem(page, ownDomain).getByRole("button", { name: "Release" }).click();
    await domainItem(page, ownDomain).getByRole("button", { name: "Release" }).click();
    await page.waitForURL((url) => url.pathname === "/with/domains");
    await page.getByText("Domains: 0 of at most 3", { exact: false }).waitFor();

    assert.deepEqual(owner.problems, []);
    assert.deepEqual(coOwner.problems, []);
    await owner.context.close();
    await coOwner.context.close();
  });
});
