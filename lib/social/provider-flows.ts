// Each consumer provider's two protocol steps, behind one shape: the
// authorization request (where the browser goes, with what PKCE verifier and
// nonce to remember) and the identity the callback proves. Google is OIDC
// (lib/social/google.ts); GitHub, Discord, Battle.net and X are plain OAuth 2.0 plus their REST APIs;
// Steam is OpenID 2.0 verified keylessly (lib/social/steam.ts).
import type { UpstreamIdentity } from "../federation/upstream-oidc";
import type { Deps } from "../runtime";
import { BATTLENET_SCOPES, battleNetClient, battleNetIdentity } from "./battlenet";
import { discordClient, discordIdentity, DISCORD_SCOPES } from "./discord";
import { GITHUB_ORG_SCOPE, GITHUB_SCOPES, gitHubClient, gitHubIdentity } from "./github";
import { googleAuthorizationRequest, googleIdentity } from "./google";
import { codeChallengeOf, exchangeOAuth2Code, newCodeVerifier, oauth2AuthorizationRequest, type OAuth2Client } from "./oauth2";
import { steamAuthorizationRequest, steamIdentity } from "./steam";
import type { SocialProvider } from "./vocabulary";
import { xClient, xIdentity, X_SCOPES } from "./x";

type FlowDeps = Pick<Deps, "fetch" | "config" | "clock">;

export interface SocialIdentity extends UpstreamIdentity {
  /** GitHub with `read:org`: the organization logins (undefined = membership unknown). */
  gitHubOrgs?: string[];
  /** Steam: the SteamID64, for Layer 2 STEAM_ID rules before a Steam-first account is registered. */
  steamId64?: string;
}

interface ProviderFlow {
  begin(deps: FlowDeps, input: { redirectUri: string; state: string; gitHubOrgs: boolean }): Promise<{ url: string; codeVerifier: string; nonce: string | null }>;
  identity(
    deps: FlowDeps,
    callbackUrl: URL,
    checks: { state: string; nonce: string | null; codeVerifier: string; redirectUri: string; gitHubOrgs: boolean },
  ): Promise<SocialIdentity>;
}

/** A plain OAuth 2.0 provider's two steps: fixed scopes, then the token's user read from its API. */
function oauth2Flow(client: (deps: FlowDeps) => OAuth2Client, scopes: readonly string[], identity: (deps: FlowDeps, token: string) => Promise<SocialIdentity>): ProviderFlow {
  return {
    async begin(deps, input) {
      const codeVerifier = newCodeVerifier();
      const url = oauth2AuthorizationRequest(client(deps), { redirectUri: input.redirectUri, scopes, state: input.state, codeChallenge: await codeChallengeOf(codeVerifier) });
      return { url, codeVerifier, nonce: null };
    },
    async identity(deps, callbackUrl, checks) {
      return identity(deps, await exchangeOAuth2Code(deps, client(deps), callbackUrl, checks));
    },
  };
}

export const PROVIDER_FLOWS: Record<SocialProvider, ProviderFlow> = {
  google: {
    begin: (deps, input) => googleAuthorizationRequest(deps, input),
    identity: (deps, callbackUrl, checks) => googleIdentity(deps, callbackUrl, { ...checks, nonce: checks.nonce ?? "" }),
  },
  github: {
    async begin(deps, input) {
      const codeVerifier = newCodeVerifier();
      // read:org only when some matching rule gates on organizations: ungated apps keep the minimal consent screen.
      const scopes = input.gitHubOrgs ? [...GITHUB_SCOPES, GITHUB_ORG_SCOPE] : GITHUB_SCOPES;
      const url = oauth2AuthorizationRequest(gitHubClient(deps.config), { redirectUri: input.redirectUri, scopes, state: input.state, codeChallenge: await codeChallengeOf(codeVerifier) });
      return { url, codeVerifier, nonce: null };
    },
    async identity(deps, callbackUrl, checks) {
      const token = await exchangeOAuth2Code(deps, gitHubClient(deps.config), callbackUrl, checks);
      return gitHubIdentity(deps, token, checks.gitHubOrgs);
    },
  },
  discord: oauth2Flow((deps) => discordClient(deps.config), DISCORD_SCOPES, discordIdentity),
  battlenet: oauth2Flow((deps) => battleNetClient(deps.config), BATTLENET_SCOPES, battleNetIdentity),
  x: oauth2Flow((deps) => xClient(deps.config), X_SCOPES, xIdentity),
  steam: {
    begin: async (deps, input) => steamAuthorizationRequest(deps, input),
    identity: (deps, callbackUrl, checks) => steamIdentity(deps, callbackUrl, checks),
  },
};
