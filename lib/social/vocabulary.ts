// The consumer ("social") sign-in providers (docs 06): every fact about one
// provider that other modules share — the sign-in page, its buttons, the
// routes, account linking — in one descriptor per provider, so a new
// provider is one entry here plus its flow. Kept free of runtime imports
// (client components read it).
// Steam is one of them: its OpenID 2.0 round trip (STEAM_OPENID) runs
// through the same start route, round-trip state and upstream sign-in.

interface SocialProviderFacts {
  /** The Layer 1 method its button is. */
  method: string;
  /** Its name as the button and notices say it (a brand, not translated). */
  displayName: string;
  /** The identity kind its user id is linked under (Steam shares the in-game ticket's STEAM_ID64). */
  identityKind: string;
  /** How an email it vouches for counts as verified; null: it shares none (Layer 2 EMAIL rules refuse its users). */
  emailVerifiedBy: string | null;
  /** Offered only when the operator configured client credentials; false for keyless OpenID (Steam). */
  needsCredentials: boolean;
  /** The button's wording: "Continue with X", or "Sign in with X" where the brand asks for it. */
  button: "continueWith" | "signInWith";
}

export const SOCIAL = {
  google: { method: "GOOGLE_OAUTH", displayName: "Google", identityKind: "GOOGLE", emailVerifiedBy: "GOOGLE", needsCredentials: true, button: "continueWith" },
  github: { method: "GITHUB_OAUTH", displayName: "GitHub", identityKind: "GITHUB", emailVerifiedBy: "GITHUB", needsCredentials: true, button: "continueWith" },
  discord: { method: "DISCORD_OAUTH", displayName: "Discord", identityKind: "DISCORD", emailVerifiedBy: "DISCORD", needsCredentials: true, button: "continueWith" },
  battlenet: { method: "BATTLENET_OAUTH", displayName: "Battle.net", identityKind: "BATTLENET", emailVerifiedBy: null, needsCredentials: true, button: "continueWith" },
  x: { method: "X_OAUTH", displayName: "X", identityKind: "X", emailVerifiedBy: null, needsCredentials: true, button: "continueWith" },
  steam: { method: "STEAM_OPENID", displayName: "Steam", identityKind: "STEAM_ID64", emailVerifiedBy: null, needsCredentials: false, button: "signInWith" },
} as const satisfies Record<string, SocialProviderFacts>;

export type SocialProvider = keyof typeof SOCIAL;
/** In the order the sign-in page shows the buttons. */
export const SOCIAL_PROVIDERS = Object.keys(SOCIAL) as SocialProvider[];

/** The providers that need operator credentials (the config has a block for each). */
export type CredentialedProvider = { [P in SocialProvider]: (typeof SOCIAL)[P]["needsCredentials"] extends true ? P : never }[SocialProvider];
export const needsCredentials = (provider: SocialProvider): provider is CredentialedProvider => SOCIAL[provider].needsCredentials;

export const isSocialProvider = (value: unknown): value is SocialProvider => typeof value === "string" && Object.hasOwn(SOCIAL, value);

/** The redirect URI path the operator registers at the provider (Steam's is the OpenID return_to; nothing is registered there). */
export const socialCallbackPath = (provider: SocialProvider) => `/via/oauth/${provider}/callback`;
