// An application's configuration tabs in the With portal, driven in Chromium
// the way a developer uses them: an ADMIN starts from the "standard web app"
// template (bad input is answered next to the field), sets a claim policy,
// and a real Connect login of that application then carries the claims; a
// VIEWER sees everything read-only and a forged action changes nothing; an
// access key made in the page works at direct-issue until it is revoked in
// the page; an OIDC client secret generated in the page authenticates at
// /oidc/token and stops working when rotated.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { createTestApplication, runAdmin } from "../support/applications";
import { launchBrowser, watchPageProblems } from "../support/browser";
import { callback, decodeJwt, establish, post, type TestApplication } from "../support/connect-client";
import { requireServer } from "../support/env";
import { codeFor, uniqueEmail } from "../support/mailbox";
import { authorizationUrl, discover, postForm, REDIRECT_URI, signInThroughVia } from "../support/oidc";
import { signInToPortal } from "../support/portal";
import { callbackKeys, redeem, shoot, signInUrl, withVia } from "../support/via-page";

let browser: Browser;
let app: TestApplication;
let admin: { context: BrowserContext; page: Page; problems: string[]; email: string };
const organization = `Config org ${crypto.randomBytes(3).toString("hex")}`;

/** A server action request as the browser sent it, to replay as someone else. */
interface CapturedAction {
  url: string;
  headers: Record<string, string>;
  body: string;
}
let claimAction: CapturedAction;
let templateAction: CapturedAction;

async function capturedAction(page: Page, trigger: () => Promise<void>): Promise<CapturedAction> {
  const request = page.waitForRequest((candidate) => candidate.method() === "POST" && candidate.headers()["next-action"] !== undefined);
  await trigger();
  const sent = await request;
  return { url: sent.url(), headers: sent.headers(), body: sent.postData() ?? "" };
}

/** Replays a captured action with another body, from another browser profile (its cookies, its session). */
async function forge(page: Page, action: CapturedAction, body: string) {
  const response = await page.request.post(action.url, {
    headers: {
      "next-action": action.headers["next-action"]!,
      "content-type": action.headers["content-type"] ?? "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: new URL(requireServer()).origin,
    },
    data: body,
  });
  return { status: response.status(), text: await response.text() };
}

const tab = (name: string) => `${requireServer()}/with/applications/${app.anchor}${name ? `/${name}` : ""}`;

async function addMember(email: string, role: "ADMIN" | "VIEWER") {
  const result = await runAdmin(["add-member", "--organization", organization, "--email", email, "--role", role, "--json"]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(JSON.parse(result.stdout).role, role);
}

async function member(role: "ADMIN" | "VIEWER") {
  const context = await browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(requireServer()).origin });
  const page = await context.newPage();
  const problems = watchPageProblems(page);
  const email = uniqueEmail(`cfg-${role.toLowerCase()}`);
  await signInToPortal(page, email, { path: "/with/profile" });
  await addMember(email, role);
  return { context, page, problems, email };
}

/**
 * Light + dark at desktop width, then (phone) light + dark at phone width.
 * Screenshots are for people to look at, not assertions, and each costs a
 * full-page capture: the phone width is taken once per tab, not for every state.
 */
async function shootBoth(page: Page, name: string, { phone = false } = {}) {
  await shoot(page, `${name}-1280`);
  if (!phone) return;
  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** The id named by an input's aria-describedby must be the error shown. */
async function errorOf(page: Page, inputId: string): Promise<string> {
  const describedBy = await page.locator(`#${inputId}`).getAttribute("aria-describedby");
  assert.ok(describedBy, `#${inputId} names its message`);
  return page.locator(`[id="${describedBy.split(" ")[0]}"]`).innerText();
}

describe("With portal: application configuration tabs", () => {
  before(async () => {
    browser = await launchBrowser();
    // Provisioned with no rules at all: the page must say nobody can sign in.
    app = await createTestApplication({ anchorPrefix: "cfg-app", organization, rules: { authentication: [], realize: [], return: [] } });
    admin = await member("ADMIN");
  });
  after(async () => {
    await admin?.context.close();
    await browser?.close();
  });

  it("lets an ADMIN apply the standard web app template, set a claim policy, and a Connect login then carries the claims", async () => {
    const { page } = admin;
    await page.goto(tab("rules"));
    await page.getByRole("heading", { name: "Layer 1 · Authentication methods" }).waitFor();
    assert.equal(await page.getByRole("link", { name: "Rules", exact: true }).getAttribute("aria-current"), "page");
    await page.getByText("No enabled Layer 3 rule: there is no way to deliver a result, so nobody can sign in.").waitFor();
    await shootBoth(page, "with-app-rules-empty");

    // The public app asks for its Steam App IDs only as an option (they open the browserless ticket path).
    await page.getByLabel("Template", { exact: true }).selectOption("public-app");
    await page.getByText("Leave empty for browser sign-in only.", { exact: false }).waitFor();
    assert.equal(await page.getByLabel("Steam App IDs (optional)").count(), 1);
    assert.equal(await page.getByLabel("Callback hostnames").count(), 1);
    await shoot(page, "with-app-rules-template-public-app");
    await page.getByLabel("Template", { exact: true }).selectOption("standard-web-app");

    // The template asks for the callback domain and refuses a URL where a hostname belongs.
    assert.equal(await page.getByLabel("Template", { exact: true }).inputValue(), "standard-web-app");
    await page.getByLabel("Callback hostnames").fill("https://shop.example.com/return");
    await page.getByRole("button", { name: "Apply template" }).click();
    await page.getByText("“https://shop.example.com/return” is not a bare hostname.", { exact: false }).waitFor();
    assert.match(await errorOf(page, "template-callbackDomains"), /is not a bare hostname/);
    await shoot(page, "with-app-rules-template-error");

    await page.getByLabel("Callback hostnames").fill("localhost");
    templateAction = await capturedAction(page, () => page.getByRole("button", { name: "Apply template" }).click());
    await page.getByText("Applied “Standard web app (passwordless)”.").waitFor();
    const callbackRule = page.getByRole("article", { name: "Callback" });
    await callbackRule.waitFor();
    assert.equal(await callbackRule.getByLabel("Callback hostnames").inputValue(), "localhost");
    assert.equal(await page.getByRole("article", { name: "Email one-time code" }).count(), 1);
    assert.equal(await page.getByText("nobody can sign in").count(), 0, "every layer now has a rule");

    // A TTL out of bounds and a bad hostname are answered next to their fields; nothing is saved.
    await callbackRule.getByText("Token lifetimes (optional)").click();
    await callbackRule.getByLabel("Access token lifetime (seconds)").fill("5");
    await callbackRule.getByLabel("Callback hostnames").fill("localhost\nexample.com:8080");
    await page.getByRole("button", { name: "Save rules" }).click();
    await page.getByText("Nothing was saved.", { exact: false }).waitFor();
    assert.equal(await errorOf(page, "rule-return-0-accessTokenTtlSeconds"), "Enter a whole number of seconds from 60 to 604800, or leave it empty.");
    assert.match(await errorOf(page, "rule-return-0-allowedCallbackDomains"), /“example\.com:8080” is not a bare hostname/);
    await shootBoth(page, "with-app-rules-errors");
    await page.reload();
    assert.equal(await page.getByRole("article", { name: "Callback" }).getByLabel("Callback hostnames").inputValue(), "localhost", "the bad save stored nothing");

    // A valid TTL override saves.
    const rule = page.getByRole("article", { name: "Callback" });
    await rule.getByText("Token lifetimes (optional)").click();
    await rule.getByLabel("Access token lifetime (seconds)").fill("900");
    await page.getByRole("button", { name: "Save rules" }).click();
    await page.getByText("Rules saved. They apply to the next sign-in.").waitFor();
    await page.reload();
    assert.equal(await page.getByRole("article", { name: "Callback" }).getByLabel("Access token lifetime (seconds)").inputValue(), "900");
    await shootBoth(page, "with-app-rules", { phone: true });

    // Claims: email required, last name synthetic.
    await page.getByRole("link", { name: "Claims", exact: true }).click();
    await page.getByRole("heading", { name: "Email address" }).waitFor();
    await page.getByRole("region", { name: "Email address" }).getByRole("radio", { name: /^Required/ }).check();
    await page.getByRole("region", { name: "Last name" }).getByRole("radio", { name: /^Synthetic/ }).check();
    claimAction = await capturedAction(page, () => page.getByRole("button", { name: "Save claim policy" }).click());
    await page.getByText("Claim policy saved.", { exact: false }).waitFor();
    await page.reload();
    assert.equal(await page.getByRole("region", { name: "Email address" }).getByRole("radio", { name: /^Required/ }).isChecked(), true);
    await shootBoth(page, "with-app-claims", { phone: true });

    // The application's own Connect login now runs under these rules.
    const endUser = uniqueEmail("cfg-user");
    const inquiry = await establish(app, { returnMethods: [callback()] });
    await withVia(browser, async (via) => {
      await via.page.goto(signInUrl(inquiry.exposureKey));
      await via.page.getByLabel("Email address").fill(endUser);
      await via.page.getByRole("button", { name: "Continue", exact: true }).click();
      await via.page.getByRole("button", { name: "Email me a code" }).click();
      await via.page.getByLabel("Verification code").fill((await codeFor(endUser, 1)).code);
      await via.page.getByRole("button", { name: "Not now" }).click();
      await via.page.getByRole("heading", { name: `${app.anchor} would like to know:` }).waitFor();
      assert.equal(await via.page.getByRole("checkbox", { name: "Your email address" }).isDisabled(), true, "REQUIRED is locked on");
      await via.page.getByRole("button", { name: "Continue", exact: true }).click();
      const keys = await callbackKeys(via.page);
      const tokens = await redeem({ exposureKey: inquiry.exposureKey, hiddenKey: inquiry.hiddenKey, confirmationKey: keys.confirmationKey });
      const claims = decodeJwt(tokens.accessToken).body;
      assert.equal(claims.emailAddress, endUser);
      assert.equal(typeof claims.lastName, "string", "a synthetic last name is always present");
      assert.deepEqual(tokens.claims.email, { requirement: "REQUIRED", state: "GRANTED" });
      assert.equal(tokens.claims.lastName?.requirement, "SYNTHETIC");
      const header = decodeJwt(tokens.accessToken).header;
      assert.equal(Number(header.exp) - Number(header.iat), 900, "the rule's TTL override applies");
    });
    assert.deepEqual(admin.problems, []);
  });

  it("shows a VIEWER every tab read-only, and refuses a forged action", async () => {
    const viewer = await member("VIEWER");
    const { page } = viewer;
    try {
      await page.goto(tab("rules"));
      await page.getByText("You are a VIEWER in this organization", { exact: false }).first().waitFor();
      assert.equal(await page.getByRole("button", { name: "Save rules" }).isDisabled(), true);
      assert.equal(await page.getByRole("button", { name: "Apply template" }).isDisabled(), true);
      assert.equal(await page.getByRole("article", { name: "Callback" }).getByLabel("Callback hostnames").isDisabled(), true);
      await shootBoth(page, "with-app-rules-viewer");

      await page.goto(tab("claims"));
      const required = page.getByRole("region", { name: "Email address" }).getByRole("radio", { name: /^Required/ });
      assert.equal(await required.isChecked(), true);
      assert.equal(await required.isDisabled(), true);
      // Forge: replay the ADMIN's own server actions with this VIEWER's session.
      assert.match(claimAction.body, /"email":"REQUIRED"/);
      const forgedClaims = await forge(page, claimAction, claimAction.body.replace('"email":"REQUIRED"', '"email":"OFF"'));
      assert.equal(forgedClaims.status, 200);
      assert.match(forgedClaims.text, /"error":"roleTooLow"/, "the action answers with a refusal");
      await page.reload();
      assert.equal(await page.getByRole("region", { name: "Email address" }).getByRole("radio", { name: /^Required/ }).isChecked(), true, "the policy is unchanged");

      assert.match(templateAction.body, /standard-web-app/);
      const forgedTemplate = await forge(page, templateAction, templateAction.body.replace("standard-web-app", "cli-device"));
      assert.match(forgedTemplate.text, /"error":"roleTooLow"/);
      await page.goto(tab("rules"));
      assert.equal(await page.getByRole("article", { name: "Callback" }).count(), 1, "the rules are unchanged");
      assert.equal(await page.getByRole("article", { name: "Device code" }).count(), 0);

      await page.goto(tab("access-keys"));
      assert.equal(await page.getByRole("button", { name: "Create access key" }).isDisabled(), true);
      await page.goto(tab("oidc"));
      assert.equal(await page.getByRole("button", { name: "Generate secret" }).isDisabled(), true);
      assert.deepEqual(viewer.problems, []);
    } finally {
      await viewer.context.close();
    }
  });

  it("creates an access key in the page that works at direct-issue, and revokes it there", async () => {
    const { page } = admin;
    await page.goto(tab("access-keys"));
    await page.getByText("Keys are refused until this application has an ACCESS_KEY_DIRECT rule", { exact: false }).waitFor();
    await page.getByText("No access keys yet", { exact: true }).waitFor();
    await shootBoth(page, "with-app-access-keys-empty");

    // Make the application accept keys: AccessKey in Layer 1, direct issue in Layer 3.
    await page.goto(tab("rules"));
    await page.getByLabel("Add an authentication method").selectOption("ACCESS_KEY_DIRECT");
    await page.locator("#layer-authentication").locator("..").getByRole("button", { name: "Add rule" }).click();
    await page.getByLabel("Add a return method").selectOption("DIRECT_ISSUE");
    await page.locator("#layer-return").locator("..").getByRole("button", { name: "Add rule" }).click();
    await page.getByRole("button", { name: "Save rules" }).click();
    await page.getByText("Rules saved.", { exact: false }).waitFor();

    await page.goto(tab("access-keys"));
    await page.getByLabel("Label").fill("deploy script");
    await page.getByLabel("Access token lifetime cap (seconds)").fill("10");
    await page.getByRole("checkbox", { name: "Email address" }).check();
    await page.getByRole("button", { name: "Create access key" }).click();
    await page.getByText("within the platform bounds", { exact: false }).waitFor();
    assert.match(await errorOf(page, "key-access-ttl"), /within the platform bounds/);
    await page.getByLabel("Access token lifetime cap (seconds)").fill("");
    await page.getByRole("button", { name: "Create access key" }).click();
    await page.getByRole("heading", { name: "Your new access key" }).waitFor();
    const identifier = await page.getByTestId("new-access-key-identifier").innerText();
    const secret = await page.getByTestId("new-access-key-secret").innerText();
    assert.match(identifier, /^acs_k_[0-9a-f-]{36}$/);
    assert.match(secret, /^acs_t_[0-9a-f]{64}$/);
    await page.getByRole("listitem", { name: "deploy script" }).getByText("Active").waitFor();
    await shootBoth(page, "with-app-access-keys-created");

    const issued = await post<{ accessToken: string; claims: Record<string, { requirement: string; state: string }> }>("/native-api/direct-issue/access-key", {
      applicationAnchor: app.anchor,
      accessKeyIdentifier: identifier,
      accessKeySecret: secret,
    });
    assert.equal(issued.status, 200, JSON.stringify(issued.body));
    assert.equal(decodeJwt(issued.body.accessToken).body.emailAddress, admin.email, "up-front consent shared the email");

    // Once dismissed, the secret is gone from the page for good.
    await page.getByRole("button", { name: "I have stored it" }).click();
    await page.reload();
    assert.equal(await page.getByText(secret).count(), 0);
    // lastUsedAt is touched after the response; give it a moment to land.
    for (let attempt = 0; attempt < 10 && (await page.getByText("last used", { exact: false }).count()) === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await page.reload();
    }
    await page.getByText("last used", { exact: false }).waitFor();

    await page.getByRole("button", { name: "Revoke deploy script" }).click();
    await page.getByText("The key is revoked.", { exact: false }).waitFor();
    await page.getByRole("listitem", { name: "deploy script" }).getByText("Revoked").waitFor();
    await shootBoth(page, "with-app-access-keys", { phone: true });
    const refused = await post<{ reason: string }>("/native-api/direct-issue/access-key", {
      applicationAnchor: app.anchor,
      accessKeyIdentifier: identifier,
      accessKeySecret: secret,
    });
    assert.deepEqual([refused.status, refused.body.reason], [401, "AccessKeyDirectDenied"]);
    assert.deepEqual(admin.problems, []);
  });

  it("generates an OIDC client secret in the page that authenticates at /oidc/token, and rotates it", async () => {
    const { page } = admin;
    await page.goto(tab("oidc"));
    await page.getByText("No OIDC rule", { exact: true }).waitFor();
    assert.equal(await page.getByText(`${requireServer()}/oidc/.well-known/openid-configuration`).count(), 1);

    // Add an OIDC rule using client_secret_basic; a bad redirect URI is answered first.
    await page.getByRole("link", { name: "Go to the Rules tab" }).click();
    await page.getByLabel("Add a return method").selectOption("OIDC");
    await page.locator("#layer-return").locator("..").getByRole("button", { name: "Add rule" }).click();
    const oidcRule = page.getByRole("article", { name: "OpenID Connect" });
    await oidcRule.getByLabel("Redirect URIs", { exact: true }).fill("localhost/oidc/callback");
    await oidcRule.getByRole("checkbox", { name: "email" }).check();
    await oidcRule.getByRole("checkbox", { name: "profile" }).check();
    await oidcRule.getByRole("checkbox", { name: "offline_access" }).check();
    await oidcRule.getByLabel("Client authentication at /token").selectOption("client_secret_basic");
    await page.getByRole("button", { name: "Save rules" }).click();
    const uriInput = await oidcRule.getByLabel("Redirect URIs", { exact: true }).getAttribute("id");
    await page.getByText("Nothing was saved.", { exact: false }).waitFor();
    assert.match(await errorOf(page, uriInput!), /is not an absolute http\(s\) URL without a fragment/);
    await oidcRule.getByLabel("Redirect URIs", { exact: true }).fill(REDIRECT_URI);
    await page.getByRole("button", { name: "Save rules" }).click();
    await page.getByText("Rules saved.", { exact: false }).waitFor();

    await page.goto(tab("oidc"));
    await page.getByText(REDIRECT_URI).waitFor();
    await page.getByText("No secret has been generated.").waitFor();
    await page.getByRole("button", { name: "Generate secret" }).click();
    const secret = await page.getByTestId("oidc-client-secret").innerText();
    assert.match(secret, /^ocs_[0-9a-f]{64}$/);
    await shootBoth(page, "with-app-oidc", { phone: true });

    // A real authorization-code flow, the code redeemed with client_secret_basic.
    const oidcApp = { ...app, method: "client_secret_basic" as const, clientSecret: secret };
    const attempt = await authorizationUrl(await discover(oidcApp));
    const redirect = await signInThroughVia(attempt.url, uniqueEmail("cfg-oidc"), undefined, 1, { lastName: "Lovelace" });
    const form = { grant_type: "authorization_code", code: redirect.searchParams.get("code")!, redirect_uri: REDIRECT_URI, code_verifier: attempt.codeVerifier };
    const basic = (value: string) => ({ authorization: `Basic ${Buffer.from(`${app.anchor}:${value}`).toString("base64")}` });
    const wrong = await postForm("/oidc/token", form, basic(`ocs_${"1".repeat(64)}`));
    assert.deepEqual([wrong.status, wrong.body.error], [401, "invalid_client"]);

    // Rotating in the page ends the old secret at once.
    await page.getByRole("button", { name: "Rotate secret" }).click();
    await page.getByText("The current secret stops working at once.", { exact: false }).waitFor();
    await page.getByRole("button", { name: "Yes, replace the secret" }).click();
    await page.waitForFunction((old) => {
      const shown = document.querySelector('[data-testid="oidc-client-secret"]')?.textContent;
      return shown && shown !== old;
    }, secret);
    const rotated = await page.getByTestId("oidc-client-secret").innerText();
    const old = await postForm("/oidc/token", form, basic(secret));
    assert.deepEqual([old.status, old.body.error], [401, "invalid_client"]);
    const exchanged = await postForm("/oidc/token", form, basic(rotated));
    assert.equal(exchanged.status, 200, JSON.stringify(exchanged.body));
    assert.equal(typeof exchanged.body.id_token, "string");
    assert.deepEqual(admin.problems, []);
  });
});
