// The rest of the account surface in Chromium: sign-in methods (add a passkey
// with a virtual authenticator, rename, remove; add an address by code, make
// it primary, remove the old one; another account's address fails without
// saying so), privacy (copy and rotate the alias, rotate a sector subject
// after a warning) and data sharing (revoke — the application's next refresh
// is refused because the claim it requires is no longer granted).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../support/browser";
import { serverSql } from "../support/database";
import { requireServer, testEnv } from "../support/env";
import { codeFor, mailsTo, uniqueEmail } from "../support/mailbox";
import { signInByEmailAtVia, signInToPortal } from "../support/portal";
import { addVirtualAuthenticator, openVia, shoot } from "../support/via-page";

let browser: Browser;

// Screenshots are for people to look at, not assertions, and each costs a
// full-page capture: the phone width is taken once per page ({ phone: true }), not for every state.
async function shootWidths(page: Page, name: string, { phone = false } = {}): Promise<void> {
  for (const [width, tag] of phone ? ([[1280, "desktop"], [390, "phone"]] as const) : ([[1280, "desktop"]] as const)) {
    await page.setViewportSize({ width, height: 900 });
    await shoot(page, `${name}-${tag}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function demoSignIn(page: Page): Promise<string> {
  await page.goto(`${requireServer()}/demo`);
  await page.getByRole("button", { name: "Sign in with Sudomimus" }).click();
  await page.waitForURL((url) => url.pathname === "/via");
  await page.getByRole("heading", { name: /would like to know/ }).waitFor();
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/demo");
  await page.getByRole("heading", { name: "You're signed in to the demo" }).waitFor();
  return /sub_[0-9A-Z]{16}/.exec(await page.locator("main").innerText())![0];
}

describe("With portal: sign-in methods, privacy, data sharing", () => {
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it("adds, renames and removes a passkey; adds an address by code, makes it primary, removes the old one", async () => {
    const via = await openVia(browser, { viewport: { width: 1280, height: 900 } });
    const { page } = via;
    const authenticator = await addVirtualAuthenticator(via);
    const email = uniqueEmail("methods");
    await signInToPortal(page, email, { path: "/with/sign-in-methods" });
    await page.getByRole("heading", { name: "Sign-in methods" }).waitFor();
    await page.getByText("No passkeys yet").waitFor();
    await page.getByText("Nothing linked").waitFor();
    await shootWidths(page, "with-sign-in-methods-empty");

    await page.getByRole("button", { name: "Add a passkey" }).click();
    await page.getByText(/Passkey “.+” added\./).waitFor();
    const passkeys = page.getByRole("list", { name: "Your passkeys" });
    await passkeys.getByRole("listitem").first().waitFor();
    assert.equal(await passkeys.getByRole("listitem").count(), 1);
    assert.equal((await authenticator.credentials()).length, 1, "a resident credential on the authenticator");
    assert.match(await passkeys.innerText(), /never used/);

    await passkeys.getByRole("button", { name: /^Rename passkey/ }).click();
    const label = page.getByLabel("Passkey name");
    await label.fill("   ");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Enter a name for this passkey.").waitFor();
    await label.fill("Work laptop");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Renamed to “Work laptop”.").waitFor();
    await passkeys.getByText("Work laptop").waitFor();

    // Add a second address by code.
    const second = uniqueEmail("second");
    await page.getByRole("button", { name: "Add an email address" }).click();
    await page.getByLabel("New email address").fill("not-an-address");
    await page.getByRole("button", { name: "Send code" }).click();
    await page.getByText("Enter a valid email address.").waitFor();
    await page.getByLabel("New email address").fill(second);
    await page.getByRole("button", { name: "Send code" }).click();
    await page.getByText(`We sent a code to ${second}.`).waitFor();
    await page.getByLabel("Verification code").fill("000000");
    await page.getByRole("button", { name: "Verify and add" }).click();
    await page.getByText(/That code is not right\. 4 attempts left\./).waitFor();
    await page.getByLabel("Verification code").fill((await codeFor(second)).code);
    await page.getByRole("button", { name: "Verify and add" }).click();
    await page.getByText(`${second} was added to your account.`).waitFor();
    const emails = page.getByRole("list", { name: "Your email addresses" });
    await emails.getByText(second).waitFor();
    await shootWidths(page, "with-sign-in-methods", { phone: true });

    await page.getByRole("button", { name: `Make ${second} your primary address` }).click();
    await page.getByText(`${second} is now your primary address.`).waitFor();
    await page.getByRole("button", { name: `Remove ${email}` }).click();
    await page.getByRole("button", { name: "Yes, remove it" }).click();
    await page.getByText(`${email} was removed.`).waitFor();
    await page.waitForFunction((gone) => !document.querySelector('[aria-label="Your email addresses"]')?.textContent?.includes(gone), email);
    await page.goto(`${requireServer()}/with/profile`);
    assert.equal(await page.getByTestId("primary-email").innerText(), second);

    // Another account's address: a code arrives, but verifying it fails without naming anyone.
    const neighbour = uniqueEmail("neighbour");
    const other = await openVia(browser);
    await signInToPortal(other.page, neighbour, { path: "/with/profile" });
    await other.close();
    await page.goto(`${requireServer()}/with/sign-in-methods`);
    await passkeys.getByText("Work laptop").waitFor();
    assert.doesNotMatch(await page.content(), /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i, "rows are named by public values, never row or account ids");
    await page.getByRole("button", { name: "Add an email address" }).click();
    await page.getByLabel("New email address").fill(neighbour);
    await page.getByRole("button", { name: "Send code" }).click();
    await page.getByText(`We sent a code to ${neighbour}.`).waitFor();
    await page.getByLabel("Verification code").fill((await codeFor(neighbour, 2)).code);
    await page.getByRole("button", { name: "Verify and add" }).click();
    await page.getByText("This code could not be verified. Send a new code and try again.").waitFor();
    assert.doesNotMatch(await page.locator("main").innerText(), /another account|belongs/i);

    // The passkey can go: verified addresses remain a way in.
    await page.getByRole("button", { name: "Cancel" }).click();
    await passkeys.getByRole("button", { name: "Remove passkey Work laptop" }).click();
    await page.getByRole("button", { name: "Yes, remove it" }).click();
    await page.getByText("Passkey “Work laptop” removed.").waitFor();
    await page.getByText("No passkeys yet").waitFor();
    assert.deepEqual(via.problems, []);
    await via.close();
  });

  it("asks to confirm it's you before adding a passkey or an address when this browser's sign-in is not recent", async () => {
    const via = await openVia(browser, { viewport: { width: 1280, height: 900 } });
    const { page } = via;
    await addVirtualAuthenticator(via);
    const email = uniqueEmail("confirm");
    await signInToPortal(page, email, { path: "/with/sign-in-methods" });
    // via's session is gone (it expired, or was ended on via) while the portal session lives on.
    await page.context().clearCookies({ name: "via_session" });
    await page.getByRole("button", { name: "Add a passkey" }).click();
    await page.getByText("For your security, this needs a recent sign-in.").waitFor();
    await page.getByRole("button", { name: "Add an email address" }).click();
    await page.getByLabel("New email address").fill(uniqueEmail("confirm-second"));
    await page.getByRole("button", { name: "Send code" }).click();
    await page.getByRole("button", { name: "Confirm it’s you" }).nth(1).waitFor();
    await shootWidths(page, "with-sign-in-methods-confirm");
    assert.equal((await mailsTo(email)).length, 1, "no code went out without a recent sign-in");

    // Confirm it's you: sign in again at via, straight back to this page, and the passkey is added.
    await page.getByRole("button", { name: "Confirm it’s you" }).first().click();
    await signInByEmailAtVia(page, email, 2);
    await page.waitForURL((url) => url.pathname === "/with/sign-in-methods");
    await page.getByRole("button", { name: "Add a passkey" }).click();
    await page.getByText(/Passkey “.+” added\./).waitFor();
    if (testEnv.dbKind === "postgres") {
      // The new sign-in replaced the portal session: the old refresh token was logged out, not left live.
      const live = await serverSql(
        (sql) => sql<{ count: string }[]>`select count(*) from refresh_tokens t join refresh_token_families f on f.id = t.family_id
          join applications a on a.id = f.application_id join email_identities e on e.account_id = f.account_id
          where e.email = ${email} and a.anchor = 'sudomimus-with' and t.suspended_at is null and t.rotated_at is null and f.revoked_at is null`,
      );
      assert.equal(Number(live[0]!.count), 1);
    }
    assert.deepEqual(via.problems, []);
    await via.close();
  });

  it("copies and rotates the alias, lists sector subjects, rotates one after a warning, and revokes data sharing", async () => {
    const via = await openVia(browser, { viewport: { width: 1280, height: 900 } });
    const { page } = via;
    const email = uniqueEmail("privacy");
    await signInToPortal(page, email, { path: "/with/data-sharing" });
    await page.getByText("You have not shared anything yet").waitFor();
    await shootWidths(page, "with-data-sharing-empty");

    const subject = await demoSignIn(page);

    await page.goto(`${requireServer()}/with/privacy`);
    const aliasBox = page.getByTestId("account-alias");
    const alias = await aliasBox.innerText();
    assert.ok(alias.length >= 8);
    await page.getByRole("button", { name: "Copy alias" }).click();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), alias);
    await page.getByRole("button", { name: "Get a new alias" }).click();
    await page.getByText(/stop matching you/).waitFor();
    await page.getByRole("button", { name: "Yes, replace my alias" }).click();
    await page.getByText("Your alias was replaced. The old one no longer identifies you.").waitFor();
    assert.notEqual(await aliasBox.innerText(), alias);

    const subjects = page.getByRole("list", { name: "Your identifiers per sector" });
    const main = await subjects.innerText();
    assert.ok(main.includes(subject), "the subject the demo application sees");
    assert.match(main, /This portal/);
    assert.doesNotMatch(await page.content(), /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i, "no internal id in the page");
    await shootWidths(page, "with-privacy", { phone: true });

    const demoRow = subjects.getByRole("listitem").filter({ hasText: subject });
    await demoRow.getByRole("button", { name: /^Replace your identifier in/ }).click();
    await demoRow.getByText("These applications will see a brand-new user").waitFor();
    await shootWidths(page, "with-privacy-rotate-warning");
    await demoRow.getByRole("button", { name: "Yes, replace it" }).click();
    await page.getByText(/Replaced\. You are signed out of the applications in this sector; they will see a new identifier/).waitFor();
    await page.waitForFunction((old) => !document.body.innerText.includes(old), subject);
    // The demo's session ended with it (docs 14): its refresh is refused, and signed in again it sees a new user.
    await page.goto(`${requireServer()}/demo`);
    await page.getByRole("button", { name: "Refresh tokens" }).click();
    await page.waitForURL((url) => url.pathname === "/demo" && url.searchParams.get("error") === "RefreshTokenSuspended");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign in with Sudomimus" }).click();
    await page.getByRole("heading", { name: "You're signed in to the demo" }).waitFor();
    const demoAgain = /sub_[0-9A-Z]{16}/.exec(await page.locator("main").innerText())![0];
    assert.notEqual(demoAgain, subject, "a brand-new user to the demo");
    await page.goto(`${requireServer()}/with/privacy`);

    // The portal's own sector: replacing it ends this portal session; signing in again (via remembers the browser) shows the new one.
    const portalRow = subjects.getByRole("listitem").filter({ hasText: "This portal" });
    const portalSubject = /sub_[0-9A-Z]{16}/.exec(await portalRow.innerText())![0];
    await portalRow.getByRole("button", { name: /^Replace your identifier in/ }).click();
    await portalRow.getByText("This is the portal's own sector: you will be signed out of this portal and must sign in again.").waitFor();
    await portalRow.getByRole("button", { name: "Yes, replace it" }).click();
    await page.waitForURL((url) => url.pathname !== "/with/privacy");
    await page.waitForURL((url) => url.pathname === "/with/privacy", { timeout: 20_000 });
    const renewed = /sub_[0-9A-Z]{16}/.exec(await subjects.getByRole("listitem").filter({ hasText: "This portal" }).innerText())![0];
    assert.notEqual(renewed, portalSubject);

    // Data sharing: demo-app requires the email and asked about the names.
    await page.goto(`${requireServer()}/with/data-sharing`);
    const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Sudomimus Demo" }) }).first();
    await card.waitFor();
    const table = await card.innerText();
    assert.match(table, /Email address\s+Shared\s+Requires it/);
    assert.match(table, /First name\s+\S.*\s+Asks \(optional\)/);
    await shootWidths(page, "with-data-sharing", { phone: true });
    await card.getByRole("button", { name: /^Revoke what/ }).click();
    await card.getByText(/will ask you again the next time you sign in/).waitFor();
    await card.getByRole("button", { name: "Yes, revoke" }).click();
    await page.getByText("Sudomimus Demo no longer receives your data.").waitFor();
    await card.getByText("Receives none of your profile data.").waitFor();
    assert.match(await card.innerText(), /Email address\s+Not shared\s+Requires it/);

    // The demo's next refresh reads the grants live: the required email is no longer granted.
    await page.goto(`${requireServer()}/demo`);
    await page.getByRole("button", { name: "Refresh tokens" }).click();
    await page.waitForURL((url) => url.pathname === "/demo" && url.searchParams.get("error") === "ClaimConsentRequired");
    assert.deepEqual(via.problems, []);
    await via.close();
  });
});
