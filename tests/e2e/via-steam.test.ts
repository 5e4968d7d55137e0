// "Sign in with Steam" on the hosted sign-in page (docs 06 STEAM_OPENID, 08
// STEAM_ID), in Chromium, against the Steam stand-in's OpenID 2.0 provider
// (tests/fixtures/steam-peer.ts, the server's STEAM_OPENID_URL): the button
// where Layer 1 allows the method and nowhere else, the keyless round trip
// through /via/social/start and /via/oauth/steam/callback, the SAME account
// as the in-game ticket path in both orders, the notice after a cancel at
// Steam, an EMAIL-only application refusing a Steam-first stranger, and a
// replayed return URL signing nobody in.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { createTestApplication, webRules } from "../support/applications";
import { launchBrowser } from "../support/browser";
import { callback, decodeJwt, establish, post, type TestApplication } from "../support/connect-client";
import { testEnv } from "../support/env";
import { newSteamId, signInToSteamAs, steamTicket } from "../support/steam";
import { openVia, shoot, signInUrl, subjectAfterSignIn, withVia } from "../support/via-page";

let browser: Browser;
let game: TestApplication;
let emailOnly: TestApplication;
let noSteam: TestApplication;

const STEAM_BUTTON = "Sign in with Steam";

/** The steam-game template plus the browser path the docs suggest adding (doc 10). */
const gameRules = {
  authentication: [
    { method: "STEAM_TICKET", payload: { allowedSteamAppIds: [480] } },
    { method: "STEAM_OPENID", payload: {} },
  ],
  realize: [{ constraintType: "STEAM_ID", payload: { allowedSteamIds: ["*"] } }],
  return: [
    { returnMethod: "DIRECT_ISSUE", payload: {} },
    { returnMethod: "CALLBACK", payload: { allowedCallbackDomains: ["localhost"] } },
  ],
};

const withSteam = (steamId: string) => async (page: Page) => {
  await signInToSteamAs(steamId);
  await page.getByRole("button", { name: STEAM_BUTTON }).click();
};

/** The in-game path: a Steam ticket straight to tokens; answers the subject. */
async function subjectByTicket(app: TestApplication, steamId: string): Promise<string> {
  const issued = await post<{ accessToken: string }>("/native-api/direct-issue/steam-ticket", { applicationAnchor: app.anchor, steamTicketHex: await steamTicket({ steamId }), steamAppId: 480 });
  assert.equal(issued.status, 200, JSON.stringify(issued.body));
  return String(decodeJwt(issued.body.accessToken).body.subject);
}

describe("via: sign in with Steam", () => {
  before(async () => {
    assert.ok(testEnv.baseUrl, "the server runs (tests/run.ts)");
    browser = await launchBrowser();
    game = await createTestApplication({ anchorPrefix: "steam-web", name: "Spacewar", rules: gameRules });
    emailOnly = await createTestApplication({
      anchorPrefix: "steam-email-only",
      rules: webRules({ authentication: [{ method: "STEAM_OPENID", payload: {} }, { method: "EMAIL_VERIFICATION", payload: {} }] }),
    });
    noSteam = await createTestApplication({ anchorPrefix: "steam-off", rules: webRules() });
  });
  after(async () => {
    await browser?.close();
  });

  it("shows the button where Layer 1 allows STEAM_OPENID; elsewhere no button and the start route refuses", async () => {
    const inquiry = await establish(game, { returnMethods: [callback()] });
    await withVia(browser, async (via) => {
      await via.page.goto(signInUrl(inquiry.exposureKey));
      await via.page.getByRole("button", { name: STEAM_BUTTON }).waitFor();
      await shoot(via.page, "via-steam-start");
    });

    const refused = await establish(noSteam, { returnMethods: [callback()] });
    await withVia(browser, async (other) => {
      await other.page.goto(signInUrl(refused.exposureKey));
      await other.page.getByLabel("Email address").waitFor();
      assert.equal(await other.page.getByRole("button", { name: STEAM_BUTTON }).count(), 0);
      await other.page.goto(`${testEnv.baseUrl}/via/social/start?exposure-key=${encodeURIComponent(refused.exposureKey)}&provider=steam`);
      assert.equal(new URL(other.page.url()).pathname, "/via", "not sent to Steam");
      await other.page.getByText("Steam sign-in isn’t available right now.").waitFor();
    });
  });

  it("a player who started in the game signs in on the web as the same account, and the other way round", async () => {
    const ticketFirst = newSteamId();
    const byTicket = await subjectByTicket(game, ticketFirst);
    assert.equal(await subjectAfterSignIn(browser, game, withSteam(ticketFirst)), byTicket, "the button finds the ticket's STEAM_ID64 identity");

    const webFirst = newSteamId();
    const byButton = await subjectAfterSignIn(browser, game, withSteam(webFirst));
    assert.match(byButton, /^sub_[0-9A-Z]{16}$/);
    assert.notEqual(byButton, byTicket);
    assert.equal(await subjectByTicket(game, webFirst), byButton, "the ticket finds the account the button registered");
    assert.equal(await subjectAfterSignIn(browser, game, withSteam(webFirst)), byButton);
  });

  it("comes back with a notice when the player cancels at Steam, in the visitor's language", async () => {
    for (const [locale, text] of [
      ["en-US", "Sign-in with Steam was cancelled."],
      ["de-DE", "Die Anmeldung mit Steam wurde abgebrochen."],
      ["fr-FR", "La connexion avec Steam a été annulée."],
    ] as const) {
      const inquiry = await establish(game, { returnMethods: [callback()] });
      await withVia(browser, async (via) => {
        await via.page.goto(signInUrl(inquiry.exposureKey));
        await signInToSteamAs(null);
        const back = via.page.waitForRequest((request) => request.url().includes("/via/oauth/steam/callback"));
        await via.page.locator("button", { hasText: "Steam" }).click();
        assert.equal(new URL((await back).url()).searchParams.get("openid.mode"), "cancel");
        await via.page.getByText(text).waitFor();
        if (locale === "en-US") await shoot(via.page, "via-steam-cancelled");
      }, { locale });
    }
  });

  it("an EMAIL-only application refuses a Steam-first player (no account is made) with the notice", async () => {
    const inquiry = await establish(emailOnly, { returnMethods: [callback()] });
    await withVia(browser, async (via) => {
      await via.page.goto(signInUrl(inquiry.exposureKey));
      await withSteam(newSteamId())(via.page);
      await via.page.getByText("This Steam account is not allowed to sign in to this application.").waitFor();
      assert.equal(new URL(via.page.url()).searchParams.get("exposure-key"), inquiry.exposureKey);
    });
  });

  it("a replayed return URL signs nobody in", async () => {
    const steamId = newSteamId();
    const inquiry = await establish(game, { returnMethods: [callback()] });
    const via = await openVia(browser);
    let returnUrl = "";
    try {
      await via.page.goto(signInUrl(inquiry.exposureKey));
      const back = via.page.waitForRequest((request) => request.url().includes("/via/oauth/steam/callback"));
      await withSteam(steamId)(via.page);
      returnUrl = (await back).url();
      await via.page.waitForURL((url) => url.hostname === "localhost" && url.pathname === "/auth/return");
      // The same browser again: the state is spent, nothing to continue.
      await via.page.goto(returnUrl);
      assert.equal(new URL(via.page.url()).search, "");
    } finally {
      await via.close();
    }
    // Another browser with the captured URL: not its round trip, and it stays signed out.
    await withVia(browser, async (thief) => {
      await thief.page.goto(returnUrl);
      assert.equal(new URL(thief.page.url()).pathname, "/via");
      assert.equal(new URL(thief.page.url()).search, "");
      const fresh = await establish(game, { returnMethods: [callback()] });
      await thief.page.goto(signInUrl(fresh.exposureKey));
      await thief.page.getByRole("button", { name: STEAM_BUTTON }).waitFor();
      assert.equal(new URL(thief.page.url()).pathname, "/via", "no sign-in carried the inquiry on");
    });
  });
});
