// "Continue with Battle.net" and "Continue with X" on the hosted sign-in page
// (docs 06 BATTLENET_OAUTH and X_OAUTH, 11), in Chromium, against the
// stand-ins tests/fixtures/battlenet-peer.ts and x-peer.ts (real HTTP): the
// buttons where Layer 1 allows the methods, registration through the button
// with the relying party redeeming tokens, the same provider id as the same
// account, no email from either provider — so an application whose Layer 2
// admits by email refuses such a user with the page's notice — and the
// notice after a cancel at the provider.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import type { BattleNetUser } from "../fixtures/battlenet-peer";
import type { XUser } from "../fixtures/x-peer";
import { createTestApplication, webRules } from "../support/applications";
import { launchBrowser } from "../support/browser";
import { callback, establish, type TestApplication } from "../support/connect-client";
import { testEnv } from "../support/env";
import { shoot, signInUrl, subjectAfterSignIn, withVia } from "../support/via-page";

let browser: Browser;
let everyone: TestApplication;
let emailOnly: TestApplication;
let elsewhere: TestApplication;

const rules = (realize: { constraintType: string; payload: object }[]) =>
  webRules({
    authentication: [
      { method: "BATTLENET_OAUTH", payload: {} },
      { method: "X_OAUTH", payload: {} },
      { method: "EMAIL_VERIFICATION", payload: {} },
    ],
    realize,
  });

const approvesNext = async (peerUrl: string, user: BattleNetUser | XUser | { deny: true }) => {
  const response = await fetch(`${peerUrl}/__admin/user`, { method: "PUT", body: JSON.stringify(user) });
  assert.equal(response.status, 200);
};
const lastScopes = async (peerUrl: string) => ((await (await fetch(`${peerUrl}/__admin/authorizations`)).json()) as string[][]).at(-1);
const press = (name: string) => (page: Page) => page.getByRole("button", { name }).click();

const battleNetUser = (name: string): BattleNetUser => ({ id: crypto.randomInt(1, 2 ** 40), battletag: `${name}#${crypto.randomInt(1000, 99999)}` });
const xUser = (name: string): XUser => ({ id: `${crypto.randomInt(1, 2 ** 40)}${crypto.randomInt(100000, 999999)}`, name: `${name} Example`, username: `${name}${crypto.randomBytes(2).toString("hex")}` });

/** Signs in at the page with the button and waits for the page's notice; nobody is sent back to the application. */
async function noticeAfter(app: TestApplication, button: string, role: "alert" | "status", text: string, screenshot?: string): Promise<void> {
  const inquiry = await establish(app, { returnMethods: [callback()] });
  await withVia(browser, async (via) => {
    await via.page.goto(signInUrl(inquiry.exposureKey));
    await press(button)(via.page);
    await via.page.getByRole(role).filter({ hasText: text }).waitFor();
    assert.equal(new URL(via.page.url()).pathname, "/via");
    if (screenshot) await shoot(via.page, screenshot);
  });
}

before(async () => {
  assert.ok(testEnv.battleNetUrl && testEnv.xUrl, "the Battle.net and X stand-ins run (tests/run.ts)");
  browser = await launchBrowser();
  everyone = await createTestApplication({ anchorPrefix: "social-bx", rules: rules([{ constraintType: "EVERYONE", payload: {} }]) });
  emailOnly = await createTestApplication({ anchorPrefix: "social-bx-email", rules: rules([{ constraintType: "EMAIL", payload: { allowedEmails: ["*@example.com"] } }]) });
  elsewhere = await createTestApplication({ anchorPrefix: "social-bx-off", rules: webRules() });
});
after(async () => {
  await browser?.close();
});

describe("via: the Battle.net and X buttons", () => {
  it("shows both where Layer 1 allows them (screenshot), and neither where it does not", async () => {
    const inquiry = await establish(everyone, { returnMethods: [callback()] });
    await withVia(browser, async (via) => {
      await via.page.goto(signInUrl(inquiry.exposureKey));
      await via.page.getByRole("button", { name: "Continue with Battle.net" }).waitFor();
      await via.page.getByRole("button", { name: "Continue with X" }).waitFor();
      await shoot(via.page, "via-social-battlenet-x");
    });
    const other = await establish(elsewhere, { returnMethods: [callback()] });
    await withVia(browser, async (plain) => {
      await plain.page.goto(signInUrl(other.exposureKey));
      await plain.page.getByLabel("Email address").waitFor();
      assert.equal(await plain.page.getByRole("button", { name: "Continue with Battle.net" }).count(), 0);
      assert.equal(await plain.page.getByRole("button", { name: "Continue with X" }).count(), 0);
    });
  });
});

for (const { provider, button, peerUrl, scopes, user, renamed } of [
  {
    provider: "Battle.net",
    button: "Continue with Battle.net",
    peerUrl: () => testEnv.battleNetUrl,
    scopes: ["openid"],
    user: () => battleNetUser("thrall") as BattleNetUser | XUser,
    renamed: (user: BattleNetUser | XUser) => ({ ...user, battletag: "Renamed#4242" }),
  },
  {
    provider: "X",
    button: "Continue with X",
    peerUrl: () => testEnv.xUrl,
    scopes: ["users.read", "tweet.read"],
    user: () => xUser("grace") as BattleNetUser | XUser,
    renamed: (user: BattleNetUser | XUser) => ({ ...user, username: `${(user as XUser).username}x` }),
  },
]) {
  describe(`via: continue with ${provider}`, () => {
    it("registers a new user through the button, the relying party redeems tokens, and the same id is the same account", async () => {
      const someone = user();
      await approvesNext(peerUrl(), someone);
      const first = await subjectAfterSignIn(browser, everyone, press(button));
      assert.match(first, /^sub_[0-9A-Z]{16}$/);
      assert.deepEqual(await lastScopes(peerUrl()), scopes);
      await approvesNext(peerUrl(), renamed(someone));
      assert.equal(await subjectAfterSignIn(browser, everyone, press(button)), first, "keyed by the provider's id, not its changeable name");
    });

    it("is refused by an application whose Layer 2 admits by email: the account would have no verified email", async () => {
      await approvesNext(peerUrl(), user());
      await noticeAfter(emailOnly, button, "alert", `This ${provider} account is not allowed to sign in to this application.`, provider === "X" ? "via-social-x-not-allowed" : undefined);
    });

    it("comes back with a notice when the user cancels at the provider", async () => {
      await approvesNext(peerUrl(), { deny: true });
      await noticeAfter(everyone, button, "status", `Sign-in with ${provider} was cancelled.`);
    });
  });
}
