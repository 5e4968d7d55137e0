// "Continue with Google" and "Continue with GitHub" on the hosted sign-in page (docs 06 GOOGLE_OAUTH,
// 11 and 15 on account linking), in Chromium, against a real OIDC provider
// standing in for Google (tests/fixtures/google-peer.ts, started for the
// whole suite and configured as the server's GOOGLE_ISSUER): the button,
// the provider's own login page, /via/oauth/google/callback, registration
// through the button and the inquiry completing, the same Google user again
// as the same account, an existing account linked by Google's verified
// email — and no link by an email Google does not call verified — and the
// notice after a cancel at the provider. GitHub (tests/fixtures/github-peer.ts):
// the minimal scopes unless a rule gates on organizations, identity by
// GitHub's numeric id, only verified emails, case-insensitive org gating
// with a translated refusal. Discord (tests/fixtures/discord-peer.ts):
// scopes identify email, identity by Discord's id, the email only when
// Discord says verified: true.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import type { DiscordUser } from "../fixtures/discord-peer";
import type { GitHubUser } from "../fixtures/github-peer";
import { googleEmailOf } from "../fixtures/google-peer";
import { createTestApplication, webRules } from "../support/applications";
import { launchBrowser } from "../support/browser";
import { callback, establish, type TestApplication } from "../support/connect-client";
import { testEnv } from "../support/env";
import { uniqueEmail } from "../support/mailbox";
import { shoot, signInAtUpstreamIdp, signInUrl, signUpByEmail, subjectAfterSignIn, withVia } from "../support/via-page";

let browser: Browser;
let app: TestApplication;
let emailOnlyApp: TestApplication;
const login = (name: string) => `${name}-${crypto.randomBytes(3).toString("hex")}`;

const socialRules = () =>
  webRules({
    authentication: [
      { method: "GOOGLE_OAUTH", payload: {} },
      { method: "GITHUB_OAUTH", payload: { allowedGitHubOrgs: [] } },
      { method: "DISCORD_OAUTH", payload: {} },
      { method: "EMAIL_VERIFICATION", payload: {} },
      { method: "PASSKEY_USERNAMELESS", payload: {} },
    ],
    realize: [{ constraintType: "EVERYONE", payload: {} }],
  });

const subjectAfter = (act: (page: Page) => Promise<void>) => subjectAfterSignIn(browser, app, act);
const withGoogle = (user: string) => (page: Page) => signInAtUpstreamIdp(page, testEnv.googleIssuer, "Continue with Google", user);

describe("via: continue with Google", () => {
  before(async () => {
    assert.ok(testEnv.googleIssuer, "the Google stand-in runs (tests/run.ts)");
    browser = await launchBrowser();
    app = await createTestApplication({ anchorPrefix: "social", rules: socialRules() });
    emailOnlyApp = await createTestApplication({ anchorPrefix: "social-off", rules: webRules() });
  });
  after(async () => {
    await browser?.close();
  });

  it("shows the buttons where Layer 1 allows the methods (screenshots at 1280 and 390), and not elsewhere", async () => {
    for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
      const inquiry = await establish(app, { returnMethods: [callback()] });
      await withVia(browser, async (via) => {
        await via.page.goto(signInUrl(inquiry.exposureKey));
        await via.page.getByRole("button", { name: "Continue with Google" }).waitFor();
        await via.page.getByRole("button", { name: "Continue with GitHub" }).waitFor();
        await via.page.getByRole("button", { name: "Continue with Discord" }).waitFor();
        await shoot(via.page, `via-social-start-${viewport.width}`);
      }, { viewport });
    }
    const inquiry = await establish(emailOnlyApp, { returnMethods: [callback()] });
    await withVia(browser, async (via) => {
      await via.page.goto(signInUrl(inquiry.exposureKey));
      await via.page.getByLabel("Email address").waitFor();
      assert.equal(await via.page.getByRole("button", { name: "Continue with Google" }).count(), 0);
      // The start route refuses a method the application does not allow: back to the page, nobody signed in.
      await via.page.goto(`${testEnv.baseUrl}/via/social/start?exposure-key=${encodeURIComponent(inquiry.exposureKey)}&provider=google`);
      assert.equal(new URL(via.page.url()).pathname, "/via");
      await via.page.getByRole("alert").filter({ hasText: "Google sign-in isn’t available right now." }).waitFor();
    });
  });

  it("registers a new user through the button, the inquiry completes, and the same Google user signs in as the same account", async () => {
    const user = login("robin");
    const first = await subjectAfter(withGoogle(user));
    assert.match(first, /^sub_[0-9A-Z]{16}$/);
    assert.equal(await subjectAfter(withGoogle(user)), first, "the same Google subject is the same account");
  });

  it("links to the account that owns the verified email Google asserts, and never by an unverified one", async () => {
    const verified = login("sam");
    const byEmail = await subjectAfter((page) => signUpByEmail(page, googleEmailOf(verified)));
    assert.equal(await subjectAfter(withGoogle(verified)), byEmail, "linked by Google's verified email");

    const unverified = login("kim");
    const owner = await subjectAfter((page) => signUpByEmail(page, googleEmailOf(unverified)));
    const stranger = await subjectAfter(withGoogle(`unverified-${unverified}`));
    assert.notEqual(stranger, owner, "an email Google does not call verified links to no account");
    assert.equal(await subjectAfter(withGoogle(`unverified-${unverified}`)), stranger, "and that Google user is its own account");
  });

  it("comes back with a notice when the user cancels at Google, in the visitor's language", async () => {
    for (const [locale, text] of [
      ["en-US", "Sign-in with Google was cancelled."],
      ["de-DE", "Die Anmeldung mit Google wurde abgebrochen."],
      ["fr-FR", "La connexion avec Google a été annulée."],
    ] as const) {
      const inquiry = await establish(app, { returnMethods: [callback()] });
      await withVia(browser, async (via) => {
        await via.page.goto(signInUrl(inquiry.exposureKey));
        await via.page.locator("button", { hasText: "Google" }).click();
        await via.page.locator("input[name=login]").waitFor();
        const back = via.page.waitForRequest((request) => request.url().includes("/via/oauth/google/callback"));
        await via.page.getByRole("link", { name: /Cancel/ }).click();
        assert.equal(new URL((await back).url()).searchParams.get("error"), "access_denied");
        await via.page.getByRole("status").filter({ hasText: text }).waitFor();
        if (locale === "en-US") await shoot(via.page, "via-social-cancelled");
      }, { locale });
    }
  });
});

describe("via: continue with GitHub", () => {
  let ungated: TestApplication;
  let gated: TestApplication;
  const gitHubUser = (name: string, extra: Partial<GitHubUser> = {}): GitHubUser => {
    const login = `${name}-${crypto.randomBytes(3).toString("hex")}`;
    return { login, id: crypto.randomInt(1, 2 ** 40), name: `${name} Octo`, emails: [{ email: `${login}@users.example`, primary: true, verified: true }], orgs: [], ...extra };
  };
  const approvesNext = async (user: GitHubUser | { deny: true }) => {
    const response = await fetch(`${testEnv.gitHubUrl}/__admin/user`, { method: "PUT", body: JSON.stringify(user) });
    assert.equal(response.status, 200);
  };
  const lastScopes = async () => ((await (await fetch(`${testEnv.gitHubUrl}/__admin/authorizations`)).json()) as string[][]).at(-1);
  const withGitHub = (page: Page) => page.getByRole("button", { name: "Continue with GitHub" }).click();
  const gitHubRules = (allowedGitHubOrgs: string[]) =>
    webRules({
      authentication: [{ method: "GITHUB_OAUTH", payload: { allowedGitHubOrgs } }, { method: "EMAIL_VERIFICATION", payload: {} }],
      realize: [{ constraintType: "EVERYONE", payload: {} }],
    });

  before(async () => {
    assert.ok(testEnv.gitHubUrl, "the GitHub stand-in runs (tests/run.ts)");
    browser = await launchBrowser();
    ungated = await createTestApplication({ anchorPrefix: "social-gh", rules: gitHubRules([]) });
    gated = await createTestApplication({ anchorPrefix: "social-gh-org", rules: gitHubRules(["Acme-Corp"]) });
  });
  after(async () => {
    await browser?.close();
  });

  it("registers a new user through the button with the minimal scopes, and the same GitHub id signs in as the same account", async () => {
    const user = gitHubUser("octo");
    await approvesNext(user);
    const first = await subjectAfterSignIn(browser, ungated, withGitHub);
    assert.deepEqual(await lastScopes(), ["read:user", "user:email"], "no read:org without org gating");
    assert.match(first, /^sub_[0-9A-Z]{16}$/);
    await approvesNext({ ...user, login: `${user.login}-renamed` });
    assert.equal(await subjectAfterSignIn(browser, ungated, withGitHub), first, "keyed by GitHub's numeric id, not the login");
  });

  it("links by a verified email only: an unverified primary address counts for nothing", async () => {
    const owner = uniqueEmail("gh-owner");
    const byEmail = await subjectAfterSignIn(browser, ungated, (page) => signUpByEmail(page, owner));
    const user = gitHubUser("linked", {
      emails: [
        { email: uniqueEmail("gh-unverified"), primary: true, verified: false },
        { email: owner, primary: false, verified: true },
      ],
    });
    await approvesNext(user);
    assert.equal(await subjectAfterSignIn(browser, ungated, withGitHub), byEmail);
  });

  it("gates on organizations: read:org is asked, a member (any case) gets in, an outsider is refused in the visitor's language", async () => {
    await approvesNext(gitHubUser("member", { orgs: ["other-org", "acme-corp"] }));
    assert.match(await subjectAfterSignIn(browser, gated, withGitHub), /^sub_/);
    assert.deepEqual(await lastScopes(), ["read:user", "user:email", "read:org"]);

    await approvesNext(gitHubUser("outsider", { orgs: ["other-org"] }));
    for (const [locale, text] of [
      ["en-US", "Your GitHub account is not a member of an organization this application allows."],
      ["de-DE", "Ihr GitHub-Konto gehört keiner Organisation an, die diese Anwendung zulässt."],
      ["fr-FR", "Votre compte GitHub n’est membre d’aucune organisation autorisée par cette application."],
    ] as const) {
      const inquiry = await establish(gated, { returnMethods: [callback()] });
      await withVia(browser, async (via) => {
        await via.page.goto(signInUrl(inquiry.exposureKey));
        await via.page.locator("button", { hasText: "GitHub" }).click();
        await via.page.getByRole("alert").filter({ hasText: text }).waitFor();
        assert.equal(new URL(via.page.url()).pathname, "/via");
        if (locale === "en-US") await shoot(via.page, "via-social-github-not-in-org");
      }, { locale });
    }
  });

  it("comes back with a notice when the user cancels at GitHub", async () => {
    await approvesNext({ deny: true });
    const inquiry = await establish(ungated, { returnMethods: [callback()] });
    await withVia(browser, async (via) => {
      await via.page.goto(signInUrl(inquiry.exposureKey));
      await withGitHub(via.page);
      await via.page.getByRole("status").filter({ hasText: "Sign-in with GitHub was cancelled." }).waitFor();
    });
  });
});

describe("via: continue with Discord", () => {
  let discordApp: TestApplication;
  const discordUser = (name: string, extra: Partial<DiscordUser> = {}): DiscordUser => ({
    id: String(crypto.randomInt(1, 2 ** 40)) + String(crypto.randomInt(100000, 999999)),
    username: `${name}${crypto.randomBytes(2).toString("hex")}`,
    globalName: `${name} Player`,
    email: uniqueEmail(`discord-${name}`),
    verified: true,
    ...extra,
  });
  const approvesNext = async (user: DiscordUser | { deny: true }) => {
    const response = await fetch(`${testEnv.discordUrl}/__admin/user`, { method: "PUT", body: JSON.stringify(user) });
    assert.equal(response.status, 200);
  };
  const lastScopes = async () => ((await (await fetch(`${testEnv.discordUrl}/__admin/authorizations`)).json()) as string[][]).at(-1);
  const withDiscord = (page: Page) => page.getByRole("button", { name: "Continue with Discord" }).click();

  before(async () => {
    assert.ok(testEnv.discordUrl, "the Discord stand-in runs (tests/run.ts)");
    browser = await launchBrowser();
    discordApp = await createTestApplication({
      anchorPrefix: "social-dc",
      rules: webRules({ authentication: [{ method: "DISCORD_OAUTH", payload: {} }, { method: "EMAIL_VERIFICATION", payload: {} }], realize: [{ constraintType: "EVERYONE", payload: {} }] }),
    });
  });
  after(async () => {
    await browser?.close();
  });

  it("registers a new user through the button (scopes identify email), and the same Discord id signs in as the same account", async () => {
    const user = discordUser("nova");
    await approvesNext(user);
    const first = await subjectAfterSignIn(browser, discordApp, withDiscord);
    assert.deepEqual(await lastScopes(), ["identify", "email"]);
    assert.match(first, /^sub_[0-9A-Z]{16}$/);
    await approvesNext({ ...user, username: `${user.username}x` });
    assert.equal(await subjectAfterSignIn(browser, discordApp, withDiscord), first);
  });

  it("links by the email only when Discord says verified: true", async () => {
    const verifiedOwner = uniqueEmail("dc-owner");
    const byEmail = await subjectAfterSignIn(browser, discordApp, (page) => signUpByEmail(page, verifiedOwner));
    await approvesNext(discordUser("linked", { email: verifiedOwner }));
    assert.equal(await subjectAfterSignIn(browser, discordApp, withDiscord), byEmail);

    const unverifiedOwner = uniqueEmail("dc-unverified");
    const owner = await subjectAfterSignIn(browser, discordApp, (page) => signUpByEmail(page, unverifiedOwner));
    await approvesNext(discordUser("stranger", { email: unverifiedOwner, verified: false }));
    assert.notEqual(await subjectAfterSignIn(browser, discordApp, withDiscord), owner);
  });

  it("comes back with a notice when the user cancels at Discord", async () => {
    await approvesNext({ deny: true });
    const inquiry = await establish(discordApp, { returnMethods: [callback()] });
    await withVia(browser, async (via) => {
      await via.page.goto(signInUrl(inquiry.exposureKey));
      await via.page.getByRole("button", { name: "Continuer avec Discord" }).click();
      await via.page.getByRole("status").filter({ hasText: "La connexion avec Discord a été annulée." }).waitFor();
      await shoot(via.page, "via-social-discord-cancelled");
    }, { locale: "fr-FR" });
  });
});
