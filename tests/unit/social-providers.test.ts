// What Sudomimus makes of GitHub's, Discord's, Battle.net's and X's answers
// (docs 06): the identity each provider vouches for, which email counts as
// verified (none at all from Battle.net and X), and GitHub's organization list. Driven through the same provider flows via
// uses, against the HTTP stand-ins in tests/fixtures (GitHub's and
// Discord's documented shapes), and the notice a failed round trip shows.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { systemClock } from "@/lib/clock";
import { parseConfig, type Config } from "@/lib/config";
import { UpstreamError } from "@/lib/federation/upstream-oidc";
import { battleTagName } from "@/lib/social/battlenet";
import { PROVIDER_FLOWS } from "@/lib/social/provider-flows";
import { askUpstream } from "@/lib/via/upstream-sign-in";
import { startBattleNetPeer, type BattleNetUser } from "../fixtures/battlenet-peer";
import { startDiscordPeer, type DiscordUser } from "../fixtures/discord-peer";
import { startGitHubPeer, type GitHubUser } from "../fixtures/github-peer";
import type { OAuth2Peer } from "../fixtures/oauth2-peer";
import { startXPeer, type XUser } from "../fixtures/x-peer";
import { tempDir } from "../support/temp-dir";

const REDIRECT_URI = "http://localhost:3999/via/oauth/callback";
let github: OAuth2Peer;
let discord: OAuth2Peer;
let battlenet: OAuth2Peer;
let x: OAuth2Peer;
let config: Config;

before(async () => {
  github = await startGitHubPeer(REDIRECT_URI);
  discord = await startDiscordPeer(REDIRECT_URI);
  battlenet = await startBattleNetPeer(REDIRECT_URI);
  x = await startXPeer(REDIRECT_URI);
  config = parseConfig({
    SUDOMIMUS_DATA_DIR: tempDir("sudomimus-social"),
    GITHUB_CLIENT_ID: github.clientId,
    GITHUB_CLIENT_SECRET: github.clientSecret,
    GITHUB_URL: github.baseUrl,
    GITHUB_API_URL: github.baseUrl,
    DISCORD_CLIENT_ID: discord.clientId,
    DISCORD_CLIENT_SECRET: discord.clientSecret,
    DISCORD_URL: discord.baseUrl,
    DISCORD_API_URL: `${discord.baseUrl}/api`,
    BATTLENET_CLIENT_ID: battlenet.clientId,
    BATTLENET_CLIENT_SECRET: battlenet.clientSecret,
    BATTLENET_URL: battlenet.baseUrl,
    X_CLIENT_ID: x.clientId,
    X_CLIENT_SECRET: x.clientSecret,
    X_URL: x.baseUrl,
    X_API_URL: x.baseUrl,
  });
});
after(async () => {
  await github.close();
  await discord.close();
  await battlenet.close();
  await x.close();
});

/** One whole round trip: the authorization request, the peer's redirect back (approve or deny), the identity. */
async function signIn(provider: "github" | "discord" | "battlenet" | "x", user: GitHubUser | DiscordUser | BattleNetUser | XUser | { deny: true }, gitHubOrgs = false) {
  const peer = { github, discord, battlenet, x }[provider];
  await fetch(`${peer.baseUrl}/__admin/user`, { method: "PUT", body: JSON.stringify(user) });
  const deps = { config, fetch, clock: systemClock };
  const begun = await PROVIDER_FLOWS[provider].begin(deps, { redirectUri: REDIRECT_URI, state: "state-1", gitHubOrgs });
  const redirect = await fetch(begun.url, { redirect: "manual" });
  const callbackUrl = new URL(redirect.headers.get("location")!);
  return PROVIDER_FLOWS[provider].identity(deps, callbackUrl, { state: "state-1", nonce: begun.nonce, codeVerifier: begun.codeVerifier, redirectUri: REDIRECT_URI, gitHubOrgs });
}

const octo = (over: Partial<GitHubUser>): GitHubUser => ({ login: "octo", id: 4242, name: "Ada Lovelace King", emails: [], orgs: [], ...over });

describe("GitHub's answers", () => {
  it("takes the numeric id as the subject, splits the name, and prefers the verified primary address", async () => {
    const identity = await signIn(
      "github",
      octo({
        emails: [
          { email: "unverified@example.com", primary: false, verified: false },
          { email: "second@example.com", primary: false, verified: true },
          { email: "Primary@Example.com", primary: true, verified: true },
        ],
      }),
    );
    assert.equal(identity.subject, "4242");
    assert.equal(identity.email, "primary@example.com");
    assert.equal(identity.emailVerified, true);
    assert.deepEqual([identity.firstName, identity.lastName], ["Ada", "Lovelace King"]);
    assert.equal(identity.gitHubOrgs, undefined, "organizations are not asked for unless a rule gates on them");
  });

  it("counts a verified secondary address when the primary one is unverified, and none when nothing is verified", async () => {
    const secondary = await signIn(
      "github",
      octo({ emails: [{ email: "primary@example.com", primary: true, verified: false }, { email: "other@example.com", primary: false, verified: true }] }),
    );
    assert.equal(secondary.email, "other@example.com");
    const none = await signIn("github", octo({ name: undefined, emails: [{ email: "primary@example.com", primary: true, verified: false }] }));
    assert.deepEqual([none.email, none.emailVerified, none.firstName, none.lastName], [null, false, null, null]);
  });

  it("reads every organization, across GitHub's pages of 100", async () => {
    const orgs = Array.from({ length: 230 }, (_, index) => `org-${index}`);
    const identity = await signIn("github", octo({ orgs }), true);
    assert.deepEqual(identity.gitHubOrgs, orgs);
    const scopes = (await (await fetch(`${github.baseUrl}/__admin/authorizations`)).json()) as string[][];
    assert.ok(scopes.at(-1)!.includes("read:org"), "read:org is requested when organizations are needed");
  });

  it("knows an empty membership from an unknown one", async () => {
    const identity = await signIn("github", octo({ orgs: [] }), true);
    assert.deepEqual(identity.gitHubOrgs, []);
  });
});

describe("Discord's answers", () => {
  const user = (over: Partial<DiscordUser>): DiscordUser => ({ id: "80351110224678912", username: "nelly", globalName: "Nelly", email: "nelly@example.com", verified: true, ...over });

  it("takes the snowflake as the subject and the display name as the first name", async () => {
    const identity = await signIn("discord", user({}));
    assert.deepEqual(
      { subject: identity.subject, email: identity.email, emailVerified: identity.emailVerified, firstName: identity.firstName, lastName: identity.lastName },
      { subject: "80351110224678912", email: "nelly@example.com", emailVerified: true, firstName: "Nelly", lastName: null },
    );
  });

  it("counts the email only when Discord says it is verified", async () => {
    const identity = await signIn("discord", user({ verified: false }));
    assert.deepEqual([identity.email, identity.emailVerified], [null, false]);
  });
});

const scopesAsked = async (peer: OAuth2Peer) => ((await (await fetch(`${peer.baseUrl}/__admin/authorizations`)).json()) as string[][]).at(-1);

describe("Battle.net's answers", () => {
  it("takes the account id as the subject, the BattleTag's name as the first name, and never an email", async () => {
    const identity = await signIn("battlenet", { id: 123456789, battletag: "Thrall#1234" });
    assert.deepEqual(
      { subject: identity.subject, email: identity.email, emailVerified: identity.emailVerified, firstName: identity.firstName, lastName: identity.lastName },
      { subject: "123456789", email: null, emailVerified: false, firstName: "Thrall", lastName: null },
    );
    assert.deepEqual(await scopesAsked(battlenet), ["openid"]);
  });

  it("keeps a BattleTag's name whole but for the number, and has no name without one", () => {
    assert.equal(battleTagName("Jaina Proudmoore#21"), "Jaina Proudmoore");
    assert.equal(battleTagName("NoNumber"), "NoNumber");
    assert.equal(battleTagName("#1234"), null);
    assert.equal(battleTagName(undefined), null);
  });
});

describe("X's answers", () => {
  it("takes the numeric id as the subject (not the changeable @username), the name as the first name, and never an email", async () => {
    const identity = await signIn("x", { id: "1449372612345678901", name: "Grace Hopper", username: "grace" });
    assert.deepEqual(
      { subject: identity.subject, email: identity.email, emailVerified: identity.emailVerified, firstName: identity.firstName, lastName: identity.lastName },
      { subject: "1449372612345678901", email: null, emailVerified: false, firstName: "Grace Hopper", lastName: null },
    );
    assert.deepEqual(await scopesAsked(x), ["users.read", "tweet.read"]);
  });

  it("authenticates the client with HTTP Basic: the stand-in, like X, refuses the secret in the form", async () => {
    // The peer refuses form credentials (tests/fixtures/x-peer.ts), so the sign-in above proves Basic was sent;
    // here the same exchange with form credentials fails, and the notice is "failed".
    const begun = await PROVIDER_FLOWS.x.begin({ config, fetch, clock: systemClock }, { redirectUri: REDIRECT_URI, state: "s", gitHubOrgs: false });
    await fetch(`${x.baseUrl}/__admin/user`, { method: "PUT", body: JSON.stringify({ id: "1", name: "A", username: "a" }) });
    const callbackUrl = new URL((await fetch(begun.url, { redirect: "manual" })).headers.get("location")!);
    const form = await fetch(`${x.baseUrl}/2/oauth2/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "authorization_code", code: callbackUrl.searchParams.get("code")!, redirect_uri: REDIRECT_URI, code_verifier: begun.codeVerifier, client_id: x.clientId, client_secret: x.clientSecret }),
    });
    assert.equal(form.status, 401);
  });

  it("is 'cancelled' when the user refuses at X", async () => {
    assert.deepEqual(await askUpstream(() => signIn("x", { deny: true })), { ok: false, notice: "cancelled" });
  });
});

describe("which providers are configured", () => {
  it("offers Battle.net and X only with both client id and secret (the sign-in page shows no button otherwise)", () => {
    const dataDir = tempDir("sudomimus-social");
    const partial = parseConfig({ SUDOMIMUS_DATA_DIR: dataDir, BATTLENET_CLIENT_ID: "id", X_CLIENT_SECRET: "secret" });
    assert.deepEqual([partial.social.battlenet, partial.social.x], [null, null]);
    const full = parseConfig({ SUDOMIMUS_DATA_DIR: dataDir, BATTLENET_CLIENT_ID: "id", BATTLENET_CLIENT_SECRET: "s", X_CLIENT_ID: "id", X_CLIENT_SECRET: "s" });
    assert.equal(full.social.battlenet?.url, "https://oauth.battle.net");
    assert.deepEqual([full.social.x?.url, full.social.x?.apiUrl], ["https://x.com", "https://api.x.com"]);
  });
});

describe("a failed round trip's notice", () => {
  it("is 'cancelled' when the user refused at the provider", async () => {
    const asked = await askUpstream(() => signIn("github", { deny: true }));
    assert.deepEqual(asked, { ok: false, notice: "cancelled" });
  });

  it("is 'unavailable' when the provider cannot be reached, 'failed' when its answer does not verify", async () => {
    const unreachable = await askUpstream(async () => {
      throw new UpstreamError("unreachable", "connection refused");
    });
    assert.deepEqual(unreachable, { ok: false, notice: "unavailable" });
    const forged = new URL(REDIRECT_URI);
    forged.searchParams.set("code", "not-a-code-the-provider-issued");
    const asked = await askUpstream(() =>
      PROVIDER_FLOWS.discord.identity({ config, fetch, clock: systemClock }, forged, { state: "s", nonce: null, codeVerifier: "v".repeat(43), redirectUri: REDIRECT_URI, gitHubOrgs: false }),
    );
    assert.deepEqual(asked, { ok: false, notice: "failed" });
  });

  it("lets errors that are not the provider's through (a bug is not a notice)", async () => {
    await assert.rejects(
      askUpstream(async () => {
        throw new TypeError("bug");
      }),
      TypeError,
    );
  });
});
