// The account surface of the With portal, as a person uses it in Chromium:
// editing the profile name (errors next to the field), and deleting the
// account — blocked while they solely own an organization with a live
// application (the page lists it), allowed once its application and sector
// are retired in the developer pages; afterwards the
// portal says the account is gone, an application's refresh token answers
// AccountDeleted, and signing up again with the same email is a new user.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { createTestApplication, runAdmin } from "../support/applications";
import { launchBrowser } from "../support/browser";
import { requireServer } from "../support/env";
import { codeFor, mailsTo, uniqueEmail } from "../support/mailbox";
import { signInByEmailAtVia, signInToPortal } from "../support/portal";
import { openVia, shoot } from "../support/via-page";

let browser: Browser;

/**
 * Light and dark screenshots at a desktop width, and at a phone width too
 * when asked: screenshots are for people to look at, not assertions, and each
 * costs a full-page capture, so the phone width is taken once per page.
 */
export async function shootWidths(page: Page, name: string, { phone = false } = {}): Promise<void> {
  for (const [width, tag] of phone ? ([[1280, "desktop"], [390, "phone"]] as const) : ([[1280, "desktop"]] as const)) {
    await page.setViewportSize({ width, height: 900 });
    await shoot(page, `${name}-${tag}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Signs in to /demo in a browser already signed in on via (or with a code when `nthMail` is given); returns the subject it shows. */
async function demoSignIn(page: Page, email: string, nthMail?: number): Promise<string> {
  await page.goto(`${requireServer()}/demo`);
  await page.getByRole("button", { name: "Sign in with Sudomimus" }).click();
  await page.waitForURL((url) => url.pathname === "/via");
  if (nthMail) {
    await page.getByLabel("Email address").fill(email);
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await page.getByRole("button", { name: "Email me a code" }).click();
    await page.getByLabel("Verification code").fill((await codeFor(email, nthMail)).code);
    // A new account is offered a passkey first.
    const notNow = page.getByRole("button", { name: "Not now" });
    await Promise.race([notNow.waitFor().then(() => notNow.click()), page.getByRole("heading", { name: /would like to know/ }).waitFor()]);
  }
  await page.getByRole("heading", { name: /would like to know/ }).waitFor();
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/demo");
  await page.getByRole("heading", { name: "You're signed in to the demo" }).waitFor();
  return /sub_[0-9A-Z]{16}/.exec(await page.locator("main").innerText())![0];
}

/** The developer pages ask twice before retiring: the button, then its confirmation. */
async function clickAndConfirm(page: Page, name: string): Promise<void> {
  await page.getByRole("button", { name, exact: true }).click();
  await page.getByRole("button", { name, exact: true }).click();
}

describe("With portal: profile and account deletion", () => {
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it("edits the name with translated errors next to the field, and shows the primary email", async () => {
    const via = await openVia(browser, { viewport: { width: 1280, height: 900 } });
    const { page } = via;
    const email = uniqueEmail("profile");
    await signInToPortal(page, email, { path: "/with/profile" });
    await page.getByRole("heading", { name: "Your profile" }).waitFor();
    assert.equal(await page.getByTestId("primary-email").innerText(), email);

    const first = page.getByLabel("First name");
    await first.fill("x".repeat(101));
    await page.getByLabel("Last name").fill("Lovelace");
    await page.getByRole("button", { name: "Save name" }).click();
    const error = page.locator("#first-name-error");
    await error.waitFor();
    assert.equal(await error.innerText(), "Use at most 100 characters.");
    assert.equal(await first.getAttribute("aria-invalid"), "true");
    assert.equal(await first.getAttribute("aria-describedby"), "first-name-error");
    await shootWidths(page, "with-profile-error");

    await first.fill("  Ada  ");
    await page.getByRole("button", { name: "Save name" }).click();
    await page.getByText("Your name is saved.").waitFor();
    await page.getByRole("heading", { name: "Hello, Ada Lovelace" }).waitFor();
    assert.equal(await page.locator("#first-name-error").count(), 0);
    await page.reload();
    assert.equal(await page.getByLabel("First name").inputValue(), "Ada", "trimmed and stored");
    await shootWidths(page, "with-profile", { phone: true });

    // The same page in German: labels and errors are translated.
    await via.context.addCookies([{ name: "NEXT_LOCALE", value: "de-DE", url: requireServer() }]);
    await page.reload();
    await page.getByLabel("Vorname").fill("a<b>");
    await page.getByRole("button", { name: "Name speichern" }).click();
    await page.getByText("Verwenden Sie nur Buchstaben, Leerzeichen, Bindestriche und Apostrophe.").waitFor();
    assert.deepEqual(via.problems, []);
    await via.close();
  });

  it("blocks deletion while the user solely owns a live organization, then deletes: AccountDeleted, email freed, new subject", async () => {
    const via = await openVia(browser, { viewport: { width: 1280, height: 900 } });
    const { page } = via;
    const email = uniqueEmail("erase");
    await signInToPortal(page, email, { path: "/with/profile" });

    // An application (demo-app) holds a session of this user, with a refresh token issued before deletion.
    const subjectBefore = await demoSignIn(page, email);

    // The page was loaded before the user became the sole owner of an organization with an enabled application…
    await page.goto(`${requireServer()}/with/profile`);
    await page.getByRole("button", { name: "Delete my account…" }).click();
    const organization = `Erase Org ${Date.now().toString(36)}`;
    const application = await createTestApplication({ anchorPrefix: "erase", organization, template: "standard-web-app", callbackDomains: ["localhost"] });
    const added = await runAdmin(["add-member", "--organization", organization, "--email", email, "--role", "OWNER", "--json"]);
    assert.equal(added.code, 0, added.stderr);

    const confirmation = page.getByLabel(`To confirm, type ${email}`);
    await confirmation.fill("not my email");
    await page.getByRole("button", { name: "Delete my account forever" }).click();
    await page.getByText("That does not match. Type it exactly as shown.").waitFor();
    assert.equal(await confirmation.getAttribute("aria-invalid"), "true");
    await confirmation.fill(email);
    await page.getByRole("button", { name: "Delete my account forever" }).click();
    // …so the server refuses (409 AccountOwnsLiveOrganizations) and the page lists what to retire.
    await page.getByText("You cannot delete your account yet").waitFor();
    const blocking = page.getByRole("list", { name: "Organizations that block deletion" });
    assert.match(await blocking.innerText(), new RegExp(organization));
    assert.equal(new URL(page.url()).pathname, "/with/profile", "still signed in, nothing deleted");

    // Loaded while blocked, the page says so up front and the control is disabled.
    await page.reload();
    await page.getByText("You cannot delete your account yet").waitFor();
    assert.equal(await page.getByRole("button", { name: "Delete my account…" }).isDisabled(), true);
    await page.getByRole("heading", { name: "Delete account" }).scrollIntoViewIfNeeded();
    await shootWidths(page, "with-profile-delete-blocked");

    // Retiring what the organization holds clears the block: the application, then its sector (sole OWNER, in the developer pages).
    await page.goto(`${requireServer()}/with/applications/${application.anchor}`);
    await clickAndConfirm(page, "Retire application");
    await page.getByText("This application is retired", { exact: false }).waitFor();
    await page.goto(`${requireServer()}/with/sectors`);
    await clickAndConfirm(page, "Retire");
    await page.getByRole("button", { name: "Re-enable" }).waitFor();
    await page.goto(`${requireServer()}/with/profile`);

    await page.reload();
    await page.getByRole("heading", { name: "Delete account" }).waitFor();
    assert.equal(await page.getByText("You cannot delete your account yet").count(), 0);
    await page.getByRole("button", { name: "Delete my account…" }).click();
    await page.getByLabel(`To confirm, type ${email}`).fill(email.toUpperCase());
    await shootWidths(page, "with-profile-delete-confirm");
    // Erasure is irreversible: without a recent sign-in on this browser (via's session gone), it asks to confirm it's you first.
    const viaSession = (await page.context().cookies()).filter((cookie) => cookie.name === "via_session");
    await page.context().clearCookies({ name: "via_session" });
    await page.getByRole("button", { name: "Delete my account forever" }).click();
    await page.getByText("this needs a recent sign-in").waitFor();
    assert.equal(new URL(page.url()).pathname, "/with/profile", "nothing deleted");
    await page.context().addCookies(viaSession);
    await page.getByRole("button", { name: "Confirm it’s you" }).click();
    await signInByEmailAtVia(page, email, (await mailsTo(email)).length + 1);
    await page.waitForURL((url) => url.pathname === "/with/profile");
    await page.getByRole("button", { name: "Delete my account…" }).click();
    await page.getByLabel(`To confirm, type ${email}`).fill(email);
    await page.getByRole("button", { name: "Delete my account forever" }).click();
    await page.waitForURL((url) => url.pathname === "/with" && url.searchParams.get("ended") === "AccountDeleted");
    await page.getByText("Your account has been deleted.").waitFor();
    await shootWidths(page, "with-account-deleted", { phone: true });

    // The application's refresh token, issued before deletion, now answers AccountDeleted.
    await page.goto(`${requireServer()}/demo`);
    await page.getByRole("button", { name: "Refresh tokens" }).click();
    await page.waitForURL((url) => url.pathname === "/demo" && url.searchParams.get("error") === "AccountDeleted");

    // Signing up again with the same address is a brand-new user to the application.
    await page.goto(`${requireServer()}/demo`);
    const signOut = page.getByRole("button", { name: "Sign out" });
    if (await signOut.count()) await signOut.click();
    const subjectAfter = await demoSignIn(page, email, (await mailsTo(email)).length + 1);
    assert.notEqual(subjectAfter, subjectBefore);
    assert.deepEqual(via.problems, []);
    await via.close();
  });
});
