// The consumer ("social") sign-in providers by the names other modules
// share (the sign-in page, its buttons, the routes): kept free of imports.
// Steam is one of them: its OpenID 2.0 round trip (docs 06 STEAM_OPENID) runs
// through the same start route, round-trip state and upstream sign-in.
export const SOCIAL_PROVIDERS = ["google", "github", "discord", "battlenet", "x", "steam"] as const;
export type SocialProvider = (typeof SOCIAL_PROVIDERS)[number];

/** The Layer 1 method each provider's button is (docs 06). */
export const SOCIAL_METHOD = {
  google: "GOOGLE_OAUTH",
  github: "GITHUB_OAUTH",
  discord: "DISCORD_OAUTH",
  battlenet: "BATTLENET_OAUTH",
  x: "X_OAUTH",
  steam: "STEAM_OPENID",
} as const satisfies Record<SocialProvider, string>;

/** The provider's name as its button and notices say it (a brand, not translated). */
export const SOCIAL_DISPLAY_NAME: Record<SocialProvider, string> = { google: "Google", github: "GitHub", discord: "Discord", battlenet: "Battle.net", x: "X", steam: "Steam" };

export const isSocialProvider = (value: unknown): value is SocialProvider => SOCIAL_PROVIDERS.some((provider) => provider === value);

/** The redirect URI path the operator registers at the provider (Steam's is the OpenID return_to; nothing is registered there). */
export const socialCallbackPath = (provider: SocialProvider) => `/via/oauth/${provider}/callback`;
