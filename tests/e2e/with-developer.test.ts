// The developer surface of the With portal, driven in Chromium the way a
// developer uses it: a new user creates an organization and an application,
// copies the client-auth private key shown once, and a small backend script
// signs Connect /establish with it. A teammate invited by account alias as
// VIEWER sees everything and can change nothing (the server refuses a forged
// call too); the last OWNER can neither leave nor be demoted; an application
// and then the whole organization are retired and re-enabled.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser } from "../support/browser";
import { signedPost, type TestApplication } from "../support/connect-client";
import { requireServer } from "../support/env";
import { mailsTo } from "../support/mailbox";
import { clickAndConfirm, newPortalUser as openPortalUser, shots, signInByEmailAtVia } from "../support/portal";

let browser: Browser;

const CALLBACK = { type: "CALLBACK", payload: { callbackUrl: "https://app.example.com/auth/return?state=e2e" } };

/** What the integrator's backend does: sign /establish with the copied key. */
async function establishStatus(app: TestApplication): Promise<{ status: number; reason?: string }> {
  const response = await signedPost<{ reason?: string; exposureKey?: string }>(app, "/connect-api/establish", { applicationAnchor: app.anchor, returnMethods: [CALLBACK] });
  if (response.status === 200) assert.match(String(response.body.exposureKey), /^exp_/);
  return { status: response.status, reason: response.body.reason };
}

const newPortalUser = (colorScheme: "light" | "dark") => openPortalUser(browser, colorScheme);

describe("With portal developer surface", () => {
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it("organization, application, private key once, establish, VIEWER, last owner, retire and re-enable", async () => {
    const base = requireServer();
    const owner = await newPortalUser("light");
    const { page } = owner;

    // Belonging to none is normal; /applications and /sectors send the user to /organizations.
    await page.getByText("You don’t belong to an organization").waitFor();
    for (const path of ["/with/applications", "/with/sectors", "/with/applications/new"]) {
      await page.goto(`${base}${path}`);
      await page.waitForURL((url) => url.pathname === "/with/organizations");
    }
    assert.equal(await page.getByLabel("Organization name").inputValue(), "My organization", "a suggested name is pre-filled");
    await shots(page, "with-developer-organizations-empty");

    const orgName = `Acme ${crypto.randomBytes(3).toString("hex")}`;
    await page.getByLabel("Organization name").fill(orgName);
    await page.getByRole("button", { name: "Create organization" }).click();
    await page.waitForURL((url) => /^\/with\/organizations\/[a-z]/.test(url.pathname));
    const orgAnchor = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
    await page.getByRole("heading", { name: orgName }).waitFor();
    await page.getByText("Your role: Owner", { exact: true }).waitFor();
    // The last OWNER cannot leave: the control is disabled and says why.
    const leave = page.getByRole("button", { name: "Leave organization" });
    assert.equal(await leave.isDisabled(), true);
    await page.getByText("You are the last owner. Make another member an owner before you leave.").waitFor();
    // …nor demote themselves.
    const ownRole = page.locator("li", { hasText: "(you)" }).getByRole("combobox");
    await ownRole.selectOption("VIEWER");
    await page.locator("li", { hasText: "(you)" }).getByRole("button", { name: "Change role" }).click();
    await page.getByText("The last owner cannot leave, be removed or be demoted.", { exact: false }).waitFor();
    await page.reload();
    await page.getByText("Your role: Owner", { exact: true }).waitFor();
    await shots(page, "with-developer-organization-owner", { phone: true });

    // Create an application; the private key is shown once, copied from the page.
    await page.goto(`${base}/with/applications/new`);
    await page.getByLabel("Application anchor").fill("Not An Anchor");
    await page.getByLabel("Name (English, required)").fill("E2E Shop");
    await page.getByRole("button", { name: "Create application" }).click();
    await page.getByText("Use 3 to 64 characters", { exact: false }).waitFor();
    const appAnchor = `e2e-shop-${crypto.randomBytes(4).toString("hex")}`;
    await page.getByLabel("Application anchor").fill(appAnchor);
    await page.getByLabel("Name (German)").fill("E2E Laden");
    await page.getByRole("button", { name: "Create application" }).click();
    await page.getByText("You will not see it again", { exact: false }).waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: "Copy key" }).click();
    await page.getByRole("button", { name: "Copied" }).waitFor();
    const privateKeyPem = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(privateKeyPem, /^-----BEGIN PRIVATE KEY-----/);
    assert.equal(privateKeyPem, await page.getByLabel("Private key (PKCS#8 PEM)").inputValue());
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download .pem" }).click();
    assert.equal((await download).suggestedFilename(), `${appAnchor}-client-auth-private-key.pem`);
    await shots(page, "with-developer-application-created");
    // A reload never shows the key again.
    await page.reload();
    await page.getByLabel("Application anchor").waitFor();
    assert.equal(await page.getByLabel("Private key (PKCS#8 PEM)").count(), 0);
    assert.ok(!(await page.content()).includes(privateKeyPem.split("\n")[1]!));

    // The backend authenticates with the copied key; with no rules, default-deny answers.
    const app: TestApplication = { anchor: appAnchor, privateKeyPem, publicKeyPem: "" };
    assert.deepEqual(await establishStatus(app), { status: 403, reason: "Layer1Denied" });
    const stranger = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    assert.equal((await establishStatus({ ...app, privateKeyPem: stranger })).status, 401);

    // Rules from the Rules tab's "standard web app" template (callback host app.example.com), then establish succeeds.
    await page.goto(`${base}/with/applications/${appAnchor}/rules`);
    await page.locator("#template-name").selectOption("standard-web-app");
    await page.getByLabel("Callback hostnames").fill("app.example.com");
    await page.getByRole("button", { name: "Apply template" }).click();
    await page.getByText("The rules below now come from it.", { exact: false }).waitFor();
    assert.equal((await establishStatus(app)).status, 200);

    // The overview: names, keys, tabs.
    await page.goto(`${base}/with/applications/${appAnchor}`);
    await page.getByRole("heading", { name: "E2E Shop" }).waitFor();
    assert.equal(await page.getByRole("link", { name: "Overview" }).getAttribute("aria-current"), "page");
    assert.match(await page.getByLabel("Token-signing public key (PEM)").inputValue(), /BEGIN PUBLIC KEY/);
    await shots(page, "with-developer-application-overview", { phone: true });

    // Rotating the token-signing key: the page says nobody is signed out; /info hands out the new public key at once.
    const infoKey = async () => {
      const response = await fetch(`${base}/connect-api/info`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ applicationAnchor: appAnchor, locale: "en-US" }) });
      return ((await response.json()) as { applicationPublicKey: string }).applicationPublicKey;
    };
    const keyBefore = await page.getByLabel("Token-signing public key (PEM)").inputValue();
    assert.equal(await infoKey(), keyBefore);
    await page.getByRole("button", { name: "Rotate token-signing key", exact: true }).click();
    await page.getByText("Nobody is signed out", { exact: false }).waitFor();
    await shots(page, "with-developer-rotate-token-key-confirm");
    await page.getByRole("button", { name: "Rotate token-signing key", exact: true }).click();
    await page.waitForFunction((before) => (document.querySelector("#token-signing-public-key") as HTMLTextAreaElement | null)?.value !== before, keyBefore);
    const keyAfter = await page.getByLabel("Token-signing public key (PEM)").inputValue();
    assert.match(keyAfter, /BEGIN PUBLIC KEY/);
    assert.notEqual(keyAfter, keyBefore);
    assert.equal(await infoKey(), keyAfter);
    assert.equal(await page.getByText("Last rotated", { exact: false }).count(), 1);
    // Ending every session (nobody has signed in to this new application yet): it asks first, then says how many ended.
    await page.getByRole("button", { name: "End all sessions", exact: true }).click();
    await page.getByText("Nobody stays signed in", { exact: false }).waitFor();
    await page.getByRole("button", { name: "End all sessions", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "No session was live." }).waitFor();

    // A teammate signs up, hands over their alias, and is invited as VIEWER.
    const viewer = await newPortalUser("dark");
    const alias = (await viewer.page.locator("#own-account-alias").textContent())!.trim();
    assert.match(alias, /^[a-z]+-[a-z]+-/);
    await page.goto(`${base}/with/organizations/${orgAnchor}`);
    await page.getByLabel("Account alias").fill("no-such-alias-0000");
    await page.getByRole("button", { name: "Invite", exact: true }).click();
    await page.getByText("No account has this alias.", { exact: false }).waitFor();
    await page.getByLabel("Account alias").fill(alias);
    await page.locator("#invite-role").selectOption("VIEWER");
    await page.getByRole("button", { name: "Invite", exact: true }).click();
    await page.getByText("The member was added.").waitFor();
    await page.locator("li[data-member]").nth(1).waitFor();
    assert.deepEqual(await page.locator("li[data-member] p.text-sm").allTextContents().then((rows) => rows.map((row) => row.split(" · ")[0])), ["Owner", "Viewer"]);
    assert.ok(!(await page.content()).includes(alias), "other members' aliases are not shown");

    // The VIEWER sees the organization and the application, with every control disabled and the reason.
    const v = viewer.page;
    await v.goto(`${base}/with/organizations/${orgAnchor}`);
    await v.getByText("Your role: Viewer", { exact: true }).waitFor();
    await v.getByText("Only admins and owners can change this. Your role: Viewer.").waitFor();
    await v.getByText("Only owners can manage members. Your role: Viewer.").waitFor();
    assert.equal(await v.getByRole("button", { name: "Rename" }).isDisabled(), true);
    assert.equal(await v.getByRole("button", { name: "Invite", exact: true }).isDisabled(), true);
    assert.equal(await v.getByRole("button", { name: "Retire organization" }).isDisabled(), true);
    await shots(v, "with-developer-organization-viewer-dark");
    // A forged call: re-enable the rename control in the page and submit — the server refuses.
    await v.evaluate(() =>
      document.querySelectorAll("form [disabled], form [aria-disabled]").forEach((el) => {
        el.removeAttribute("disabled");
        el.removeAttribute("aria-disabled");
      }),
    );
    await v.getByLabel("Name", { exact: true }).fill("Hijacked");
    await v.getByRole("button", { name: "Rename" }).click();
    await v.getByText("Your role in this organization does not allow this.").waitFor();
    await v.reload();
    await v.getByRole("heading", { name: orgName }).waitFor();

    await v.goto(`${base}/with/applications/${appAnchor}`);
    await v.getByRole("heading", { name: "E2E Shop" }).waitFor();
    assert.equal(await v.getByRole("button", { name: "Rotate token-signing key" }).isDisabled(), true);
    assert.equal(await v.getByRole("button", { name: "Retire application" }).isDisabled(), true);
    await v.getByText("Only the organization’s sole owner can retire or re-enable it.").waitFor();
    await shots(v, "with-developer-application-viewer-dark", { phone: true });
    await v.goto(`${base}/with/sectors`);
    await v.getByText("E2E Shop").first().waitFor();
    await shots(v, "with-developer-sectors-viewer-dark");
    await v.goto(`${base}/with/applications`);
    await v.getByRole("link", { name: "E2E Shop" }).waitFor();
    assert.equal(await v.getByRole("link", { name: "Create application" }).count(), 0, "a VIEWER is not offered creation");
    await shots(v, "with-developer-applications-viewer-dark");
    await v.goto(`${base}/with/applications/new`);
    await v.getByText("You cannot create applications").waitFor();
    await shots(v, "with-developer-application-new-viewer-dark");
    await v.goto(`${base}/with/organizations`);
    await v.getByRole("link", { name: orgName }).waitFor();
    await shots(v, "with-developer-organizations-viewer-dark");

    // Retire and re-enable the application (sole OWNER): logins fail while retired.
    await page.goto(`${base}/with/applications/${appAnchor}`);
    await clickAndConfirm(page, "Retire application");
    await page.getByText("This application is retired", { exact: false }).waitFor();
    assert.deepEqual(await establishStatus(app), { status: 403, reason: "ApplicationDisabled" });
    await page.getByRole("button", { name: "Re-enable application" }).click();
    await page.getByText("This application is retired", { exact: false }).waitFor({ state: "detached" });
    assert.equal((await establishStatus(app)).status, 200);

    // A new client-auth key is a credential for a live application: without a recent sign-in on this browser
    // (via's session gone, the portal cookie alone), it asks to confirm it's you first and rotates nothing.
    await owner.context.clearCookies({ name: "via_session" });
    await clickAndConfirm(page, "Rotate client-auth key");
    await page.getByText("For your security, this needs a recent sign-in.").waitFor();
    assert.equal((await establishStatus(app)).status, 200, "the key in use still works");
    await shots(page, "with-developer-rotate-confirm");
    await page.getByRole("button", { name: "Confirm it’s you" }).click();
    await signInByEmailAtVia(page, owner.email, (await mailsTo(owner.email)).length + 1);
    await page.waitForURL((url) => url.pathname === `/with/applications/${appAnchor}`);

    // Rotating the client-auth key: the new private key is shown once, the old one stops working.
    await clickAndConfirm(page, "Rotate client-auth key");
    const rotatedPem = await page.getByLabel("Private key (PKCS#8 PEM)").inputValue();
    assert.match(rotatedPem, /^-----BEGIN PRIVATE KEY-----/);
    assert.notEqual(rotatedPem, privateKeyPem);
    assert.equal((await establishStatus(app)).status, 401, "the old key is refused");
    app.privateKeyPem = rotatedPem;
    assert.equal((await establishStatus(app)).status, 200, "the new key works");
    await page.reload();
    assert.equal(await page.getByLabel("Private key (PKCS#8 PEM)").count(), 0, "not shown again after a reload");
    await page.getByText("Last rotated", { exact: false }).nth(1).waitFor(); // both keys now: the token-signing key's and this one's

    // Retiring the organization needs everything in it retired first.
    await page.goto(`${base}/with/organizations/${orgAnchor}`);
    await page.getByText("Retire everything in it first", { exact: false }).waitFor();
    await page.goto(`${base}/with/applications/${appAnchor}`);
    await clickAndConfirm(page, "Retire application");
    await page.getByText("This application is retired", { exact: false }).waitFor();
    await page.goto(`${base}/with/sectors`);
    await shots(page, "with-developer-sectors", { phone: true });
    await clickAndConfirm(page, "Retire");
    await page.getByRole("button", { name: "Re-enable" }).waitFor();
    await page.goto(`${base}/with/organizations/${orgAnchor}`);
    await clickAndConfirm(page, "Retire organization");
    await page.getByText("This organization is retired. It is frozen", { exact: false }).waitFor();
    assert.equal(await page.getByRole("button", { name: "Rename" }).isDisabled(), true);
    assert.equal(await page.getByRole("button", { name: "Invite", exact: true }).isDisabled(), true);
    await shots(page, "with-developer-organization-retired");
    await page.getByRole("button", { name: "Re-enable organization" }).click();
    await page.getByText("This organization is retired. It is frozen", { exact: false }).waitFor({ state: "detached" });
    assert.equal(await page.getByRole("button", { name: "Rename" }).isDisabled(), false);

    await page.goto(`${base}/with/applications`);
    await page.getByRole("link", { name: "E2E Shop" }).waitFor();
    await shots(page, "with-developer-applications", { phone: true });

    // A VIEWER may leave; with no organization left, /applications sends them back to /organizations.
    await v.goto(`${base}/with/organizations/${orgAnchor}`);
    await clickAndConfirm(v, "Leave organization");
    await v.waitForURL((url) => url.pathname === "/with/organizations");
    await v.getByText("You left the organization.").waitFor();
    await v.goto(`${base}/with/applications`);
    await v.waitForURL((url) => url.pathname === "/with/organizations");

    assert.deepEqual(owner.problems, []);
    assert.deepEqual(viewer.problems, []);
    await owner.context.close();
    await viewer.context.close();
  });
});
