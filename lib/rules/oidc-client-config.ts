// The OIDC client view of an application: all of its OIDC return rules
// merged. Rules OR within a layer, so the merged client accepts whatever any
// one rule accepts — the union of URIs and scopes. A single client has one
// token-endpoint auth method in OIDC terms, and the rule set's schema holds
// every OIDC rule to the same one (rule-set-schema.ts). Rules stored before
// that check may still differ: then every method that authenticates counts,
// never `none` — a confidential rule's tokens are not redeemed without its
// credentials.
import type { ReturnRuleInput } from "./return-schemas";
import { OIDC_SCOPES, TOKEN_ENDPOINT_AUTH_METHODS, type OidcScope, type TokenEndpointAuthMethod } from "./vocabulary";

export interface OidcClientConfig {
  /** Exact-match redirect URIs, in first-seen order. */
  redirectUris: string[];
  /** Exact-match post-logout redirect URIs, in first-seen order. */
  postLogoutRedirectUris: string[];
  /** Allowed scopes, in discovery-document order. */
  allowedScopes: OidcScope[];
  /** The auth method the OIDC rules name (several only for rules stored before they had to agree; then never `none`), in vocabulary order. */
  tokenEndpointAuthMethods: TokenEndpointAuthMethod[];
}

/** The merged OIDC client, or null when the application has no OIDC rule. */
export function oidcClientConfig(appReturnRules: readonly ReturnRuleInput[]): OidcClientConfig | null {
  const redirectUris = new Set<string>();
  const postLogoutRedirectUris = new Set<string>();
  const scopes = new Set<OidcScope>();
  const authMethods = new Set<TokenEndpointAuthMethod>();
  let found = false;
  for (const rule of appReturnRules) {
    if (rule.returnMethod !== "OIDC") continue;
    found = true;
    for (const uri of rule.payload.redirectUris) redirectUris.add(uri);
    for (const uri of rule.payload.postLogoutRedirectUris ?? []) postLogoutRedirectUris.add(uri);
    for (const scope of rule.payload.allowedScopes) scopes.add(scope);
    authMethods.add(rule.payload.tokenEndpointAuthMethod);
  }
  if (!found) return null;
  return {
    redirectUris: [...redirectUris],
    postLogoutRedirectUris: [...postLogoutRedirectUris],
    allowedScopes: OIDC_SCOPES.filter((scope) => scopes.has(scope)),
    tokenEndpointAuthMethods: TOKEN_ENDPOINT_AUTH_METHODS.filter((method) => authMethods.has(method) && (method !== "none" || authMethods.size === 1)),
  };
}
