// The With portal's own sign-in: it is a Connect application like any other.
// A deep link sends the browser through via and back to the page it asked
// for; the session lives in a sealed cookie that page scripts cannot read and
// that names no account; signing out logs the refresh token out at Connect and
// ends the via session, so the next sign-in really asks again.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser, screenshot, watchPageProblems } from "../support/browser";
import { requireServer } from "../support/env";
import { uniqueEmail } from "../support/mailbox";
import { signInToPortal } from "../support/portal";

let browser: Browser;

describe("With portal session", () => {
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it("signs in from a deep link, keeps a sealed session, and signs out for real", async () => {
    const base = requireServer();
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    const problems = watchPageProblems(page);

    await page.goto(`${base}/with`);
    await page.getByRole("heading", { name: "Your Sudomimus account" }).waitFor();
    await screenshot(page, "with-front-signed-out");

    const email = uniqueEmail("portal");
    await signInToPortal(page, email, { path: "/with/profile" });
    await page.getByRole("heading", { name: "Your profile" }).waitFor();
    assert.equal(await page.getByRole("link", { name: "Profile" }).getAttribute("aria-current"), "page");
    await screenshot(page, "with-profile");

    const cookies = await context.cookies();
    const session = cookies.find((cookie) => cookie.name === "with_session");
    assert.ok(session, "a portal session cookie");
    assert.equal(session.httpOnly, true);
    assert.equal(session.path, "/with");
    assert.equal(session.sameSite, "Lax");
    // Sealed (version.iv.ciphertext.tag, AES-GCM): no part of it reads as JSON, as a JWT's header and body would.
    assert.match(session.value, /^v1\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/, "the cookie is sealed");
    assert.ok(session.value.split(".").every((part) => !readsAsJson(part)), "the cookie is sealed, not a readable token");
    assert.equal(cookies.find((cookie) => cookie.name === "with_pending"), undefined, "the pending login is forgotten after the callback");

    // The front page sends a signed-in user on to the profile.
    await page.goto(`${base}/with`);
    await page.waitForURL((url) => url.pathname === "/with/profile");

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((url) => url.pathname === "/with" && url.searchParams.get("signed-out") === "1");
    await page.getByText("You are signed out.").waitFor();
    const remaining = await context.cookies();
    assert.equal(remaining.find((cookie) => cookie.name === "with_session"), undefined);
    assert.equal(remaining.find((cookie) => cookie.name === "via_session"), undefined, "the via browser session ended too");

    // A deep link now asks again (via shows the email field, not "continue as").
    await page.goto(`${base}/with/profile`);
    await page.waitForURL((url) => url.pathname === "/via");
    await page.getByLabel("Email address").waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  it("refuses a callback this browser did not start, and never redirects off the portal", async () => {
    const base = requireServer();
    const callback = await fetch(`${base}/with/callback?exposure-key=exp_${"0".repeat(32)}&confirmation-key=cnf_${"0".repeat(32)}`, { redirect: "manual" });
    assert.equal(callback.status, 303);
    assert.equal(new URL(callback.headers.get("location")!).pathname, "/with");
    assert.equal(new URL(callback.headers.get("location")!).searchParams.get("ended"), "InvalidRequest");

    for (const target of ["https://evil.example/", "//evil.example/with", "/withdraw", "/via"]) {
      const start = await fetch(`${base}/with/sign-in?return=${encodeURIComponent(target)}`, { redirect: "manual" });
      assert.equal(start.status, 303);
      assert.equal(new URL(start.headers.get("location")!).pathname, "/via");
      const pending = start.headers.get("set-cookie") ?? "";
      assert.match(pending, /with_pending=/);
      assert.match(pending, /HttpOnly/);
    }

    const page = await browser.newPage();
    await page.goto(`${base}/with?ended=AccountDeleted`);
    await page.getByText("Your account has been deleted.").waitFor();
    await page.close();
  });
});

/** Whether a base64url segment decodes to JSON (a JWT's header or body does; ciphertext does not). */
function readsAsJson(segment: string): boolean {
  try {
    JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    return true;
  } catch {
    return false;
  }
}
