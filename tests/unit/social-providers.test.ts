// What Sudomimus makes of GitHub's and Discord's answers (docs 06): the
// identity each provider vouches for, which email counts as verified, and
// GitHub's organization list. Driven through the same provider flows via
// uses, against the HTTP stand-ins in tests/fixtures (GitHub's and
// Discord's documented shapes), and the notice a failed round trip shows.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { parseConfig, type Config } from "@/lib/config";
import { UpstreamError } from "@/lib/federation/upstream-oidc";
import { PROVIDER_FLOWS } from "@/lib/social/provider-flows";
import { askUpstream } from "@/lib/via/upstream-sign-in";
import { startDiscordPeer, type DiscordUser } from "../fixtures/discord-peer";
import { startGitHubPeer, type GitHubUser } from "../fixtures/github-peer";
import type { OAuth2Peer } from "../fixtures/oauth2-peer";

const REDIRECT_URI = "http://localhost:3999/via/oauth/callback";
let github: OAuth2Peer;
let discord: OAuth2Peer;
let config: Config;

before(async () => {
  github = await startGitHubPeer(REDIRECT_URI);
  discord = await startDiscordPeer(REDIRECT_URI);
  config = parseConfig({
    SUDOMIMUS_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "sudomimus-social-")),
    GITHUB_CLIENT_ID: github.clientId,
    GITHUB_CLIENT_SECRET: github.clientSecret,
    GITHUB_URL: github.baseUrl,
    GITHUB_API_URL: github.baseUrl,
    DISCORD_CLIENT_ID: discord.clientId,
    DISCORD_CLIENT_SECRET: discord.clientSecret,
    DISCORD_URL: discord.baseUrl,
    DISCORD_API_URL: `${discord.baseUrl}/api`,
  });
});
after(async () => {
  await github.close();
  await discord.close();
});

/** One whole round trip: the authorization request, the peer's redirect back (approve or deny), the identity. */
async function signIn(provider: "github" | "discord", user: GitHubUser | DiscordUser | { deny: true }, gitHubOrgs = false) {
  const peer = provider === "github" ? github : discord;
  await fetch(`${peer.baseUrl}/__admin/user`, { method: "PUT", body: JSON.stringify(user) });
  const deps = { config, fetch };
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
      PROVIDER_FLOWS.discord.identity({ config, fetch }, forged, { state: "s", nonce: null, codeVerifier: "v".repeat(43), redirectUri: REDIRECT_URI, gitHubOrgs: false }),
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
