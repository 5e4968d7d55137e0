// The names the three rule layers speak, kept in one place so schemas,
// evaluators, templates and UI all agree. Array order is the display order:
// it follows the documentation tables, which is also how the sign-in UI lists
// methods, so "stable order" anywhere in the engine means "this order".

/** Layer 1 — which authentication methods an application accepts. */
export const AUTHENTICATION_METHODS = [
  "PASSKEY_USERNAMELESS",
  "PASSKEY_REASONED",
  "EMAIL_VERIFICATION",
  "STEAM_TICKET",
  "STEAM_OPENID",
  "ACCESS_KEY_DIRECT",
  "GOOGLE_OAUTH",
  "GITHUB_OAUTH",
  "DISCORD_OAUTH",
  "BATTLENET_OAUTH",
  "X_OAUTH",
  "ENTERPRISE_FEDERATION_APPLICATION_MANAGED",
  "ENTERPRISE_FEDERATION_DOMAIN_MANAGED",
] as const;
export type AuthenticationMethod = (typeof AUTHENTICATION_METHODS)[number];

/**
 * The subset `/establish` accepts in `authenticationConstraints`. The wire
 * contract omits both enterprise-federation methods: application-managed
 * federation is bound to a connector owned by the application's organization
 * and domain-managed federation is imposed by a domain owner, so neither is
 * something a single inquiry can name.
 */
export const CONSTRAINABLE_AUTHENTICATION_METHODS = [
  "PASSKEY_USERNAMELESS",
  "PASSKEY_REASONED",
  "EMAIL_VERIFICATION",
  "STEAM_TICKET",
  "STEAM_OPENID",
  "ACCESS_KEY_DIRECT",
  "GOOGLE_OAUTH",
  "GITHUB_OAUTH",
  "DISCORD_OAUTH",
  "BATTLENET_OAUTH",
  "X_OAUTH",
] as const satisfies readonly AuthenticationMethod[];
export type ConstrainableAuthenticationMethod = (typeof CONSTRAINABLE_AUTHENTICATION_METHODS)[number];

/** Layer 2 — which identities may realize. */
export const REALIZE_CONSTRAINT_TYPES = ["EMAIL", "STEAM_ID", "ACCOUNT_ALIAS", "SECTOR_SUBJECT", "EVERYONE"] as const;
export type RealizeConstraintType = (typeof REALIZE_CONSTRAINT_TYPES)[number];

/**
 * The subset `/establish` accepts in `realizeConstraints`. EVERYONE is left
 * out by the wire contract: as a narrowing it would narrow nothing.
 */
export const CONSTRAINABLE_REALIZE_TYPES = [
  "EMAIL",
  "STEAM_ID",
  "ACCOUNT_ALIAS",
  "SECTOR_SUBJECT",
] as const satisfies readonly RealizeConstraintType[];
export type ConstrainableRealizeType = (typeof CONSTRAINABLE_REALIZE_TYPES)[number];

/** Layer 3 — how the result reaches the application. */
export const RETURN_METHODS = ["CALLBACK", "STATUS_POLL", "REVEAL", "DIRECT_ISSUE", "OIDC", "DEVICE_CODE"] as const;
export type ReturnMethod = (typeof RETURN_METHODS)[number];

/**
 * The `type`s a `returnMethods` declaration may carry on the wire. DEVICE_CODE
 * is absent: device authorization never passes through `/establish`.
 */
export const RETURN_DECLARATION_TYPES = [
  "CALLBACK",
  "STATUS_POLL",
  "REVEAL",
  "DIRECT_ISSUE",
  "OIDC",
] as const satisfies readonly ReturnMethod[];
export type ReturnDeclarationType = (typeof RETURN_DECLARATION_TYPES)[number];

/** OIDC scopes an OIDC return rule may allow, in discovery-document order. */
export const OIDC_SCOPES = ["openid", "email", "profile", "offline_access"] as const;
export type OidcScope = (typeof OIDC_SCOPES)[number];

export const TOKEN_ENDPOINT_AUTH_METHODS = [
  "private_key_jwt",
  "client_secret_basic",
  "client_secret_post",
  "none",
] as const;
export type TokenEndpointAuthMethod = (typeof TOKEN_ENDPOINT_AUTH_METHODS)[number];

// Token lifetimes, in seconds (docs: Tokens and verification → TTL bounds).
export const ACCESS_TOKEN_TTL_DEFAULT_SECONDS = 10_800; // 3 hours
export const ACCESS_TOKEN_TTL_MIN_SECONDS = 60; // 1 minute
export const ACCESS_TOKEN_TTL_MAX_SECONDS = 604_800; // 7 days
export const REFRESH_TOKEN_TTL_DEFAULT_SECONDS = 2_592_000; // 30 days
export const REFRESH_TOKEN_TTL_MIN_SECONDS = 86_400; // 1 day
export const REFRESH_TOKEN_TTL_MAX_SECONDS = 31_536_000; // 365 days

/** Bounds grouped per token kind, for code that handles both alike. */
export const TOKEN_TTL_BOUNDS = {
  access: {
    field: "accessTokenTtlSeconds",
    defaultSeconds: ACCESS_TOKEN_TTL_DEFAULT_SECONDS,
    minSeconds: ACCESS_TOKEN_TTL_MIN_SECONDS,
    maxSeconds: ACCESS_TOKEN_TTL_MAX_SECONDS,
  },
  refresh: {
    field: "refreshTokenTtlSeconds",
    defaultSeconds: REFRESH_TOKEN_TTL_DEFAULT_SECONDS,
    minSeconds: REFRESH_TOKEN_TTL_MIN_SECONDS,
    maxSeconds: REFRESH_TOKEN_TTL_MAX_SECONDS,
  },
} as const;
export type TokenKind = keyof typeof TOKEN_TTL_BOUNDS;
