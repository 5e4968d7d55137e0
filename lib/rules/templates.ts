// Configuration templates (docs: "Configuration templates"): ready-made rule
// sets for common application shapes, each with at least one rule in every
// layer — an empty layer would make the application unusable by
// default-deny. Parameters replace the docs' placeholders; parameters a
// template has no use for are ignored.
import { ruleSetSchema, type RuleSet, type RuleSetInput } from "./rule-set-schema";
import type { TokenEndpointAuthMethod } from "./vocabulary";

export const TEMPLATE_NAMES = [
  "standard-web-app",
  "web-app-social",
  "internal-tool",
  "steam-game",
  "cli-access-key",
  "oidc-relying-party",
  "desktop-browser-polling",
  "public-app",
  "cli-device",
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export interface TemplateParams {
  /** CALLBACK hostnames (default `app.example.com`; internal tool: `tool.yourcompany.com`). */
  callbackDomains?: readonly string[];
  /** EMAIL globs (default `*`; internal tool: `*@yourcompany.com`). */
  emailPatterns?: readonly string[];
  /** STEAM_TICKET App IDs (steam-game default 480, Valve's Spacewar test app; public-app: no ticket path without them). */
  steamAppIds?: readonly number[];
  /** OIDC redirect URIs (default `https://app.example.com/oidc/callback`). */
  redirectUris?: readonly string[];
  /** OIDC post-logout redirect URIs (default none). */
  postLogoutRedirectUris?: readonly string[];
  /** SECTOR_SUBJECT values for the AccessKey template (default `sub_...`). */
  sectorSubjects?: readonly string[];
  /** OIDC client authentication (default `private_key_jwt`). */
  tokenEndpointAuthMethod?: TokenEndpointAuthMethod;
}

/** The list parameters a person sets when applying a template (portal form, admin CLI flags). */
export type TemplateField = "callbackDomains" | "emailPatterns" | "steamAppIds" | "redirectUris" | "sectorSubjects";

/**
 * A parameter a template is applied with. Without a required one the
 * template keeps the docs' placeholder (the portal insists on a value; the
 * admin CLI warns); an optional one changes the rules only when given.
 */
export interface TemplateInputSpec {
  field: TemplateField;
  optional?: true;
}

/** A Steam App ID as a person types it (portal form, CLI flag): a positive whole number, else null. */
export function steamAppIdFromText(text: string): number | null {
  return /^[1-9][0-9]{0,9}$/.test(text) ? Number(text) : null;
}

export interface TemplateDefinition {
  name: TemplateName;
  title: string;
  description: string;
  inputs: readonly TemplateInputSpec[];
  build: (params: TemplateParams) => RuleSetInput;
}

type AuthenticationEntry = RuleSetInput["authentication"][number];
type RealizeEntry = RuleSetInput["realize"][number];
type ReturnEntry = RuleSetInput["return"][number];

// Small builders keep every template a readable three-line table.
const PASSWORDLESS: AuthenticationEntry[] = [
  { method: "PASSKEY_USERNAMELESS", payload: {} },
  { method: "PASSKEY_REASONED", payload: {} },
  { method: "EMAIL_VERIFICATION", payload: {} },
];

const steamTicket = (params: TemplateParams): AuthenticationEntry => ({
  method: "STEAM_TICKET",
  payload: { allowedSteamAppIds: [...(params.steamAppIds ?? [480])] },
});

const emailRule = (patterns: readonly string[]): RealizeEntry => ({
  constraintType: "EMAIL",
  payload: { allowedEmails: [...patterns] },
});

const callback = (domains: readonly string[]): ReturnEntry => ({
  returnMethod: "CALLBACK",
  payload: { allowedCallbackDomains: [...domains] },
});

const bare = (returnMethod: "STATUS_POLL" | "DIRECT_ISSUE" | "DEVICE_CODE"): ReturnEntry => ({
  returnMethod,
  payload: {},
});

const APP_DOMAIN = ["app.example.com"];
const ANY_EMAIL = ["*"];

export const TEMPLATES: Readonly<Record<TemplateName, TemplateDefinition>> = {
  "standard-web-app": {
    name: "standard-web-app",
    title: "Standard web app (passwordless)",
    description:
      "Passkeys plus email one-time codes, open sign-up, and a redirect back to your site. The most common starting point.",
    inputs: [{ field: "callbackDomains" }],
    build: (p) => ({
      authentication: [...PASSWORDLESS],
      realize: [emailRule(p.emailPatterns ?? ANY_EMAIL)],
      return: [callback(p.callbackDomains ?? APP_DOMAIN)],
    }),
  },
  "web-app-social": {
    name: "web-app-social",
    title: "Web app with social sign-in",
    description:
      "The passwordless web app plus Google, GitHub and Discord sign-in buttons. Accounts without a verified email are not admitted by the email rule.",
    inputs: [{ field: "callbackDomains" }],
    build: (p) => ({
      authentication: [
        ...PASSWORDLESS,
        { method: "GOOGLE_OAUTH", payload: {} },
        { method: "GITHUB_OAUTH", payload: { allowedGitHubOrgs: [] } },
        { method: "DISCORD_OAUTH", payload: {} },
      ],
      realize: [emailRule(p.emailPatterns ?? ANY_EMAIL)],
      return: [callback(p.callbackDomains ?? APP_DOMAIN)],
    }),
  },
  "internal-tool": {
    name: "internal-tool",
    title: "Internal / team tool (domain-restricted)",
    description: "Only people with an email address on your company's domain may sign in.",
    inputs: [{ field: "callbackDomains" }, { field: "emailPatterns" }],
    build: (p) => ({
      authentication: [...PASSWORDLESS],
      realize: [emailRule(p.emailPatterns ?? ["*@yourcompany.com"])],
      return: [callback(p.callbackDomains ?? ["tool.yourcompany.com"])],
    }),
  },
  "steam-game": {
    name: "steam-game",
    title: "Steam game (silent, in-game login)",
    description:
      "A game shipped through Steam that signs the player in with a Steam ticket, without a browser. Replace App ID 480 with your own.",
    inputs: [{ field: "steamAppIds" }],
    build: (p) => ({
      authentication: [steamTicket(p)],
      realize: [{ constraintType: "STEAM_ID", payload: { allowedSteamIds: ["*"] } }],
      return: [bare("DIRECT_ISSUE")],
    }),
  },
  "cli-access-key": {
    name: "cli-access-key",
    title: "CLI / headless service (AccessKey)",
    description:
      "A command-line tool or service that signs in as a specific, already-existing account with a pre-issued AccessKey. Layer 2 pins that account by sector subject.",
    inputs: [{ field: "sectorSubjects" }, { field: "emailPatterns", optional: true }],
    build: (p) => ({
      authentication: [{ method: "ACCESS_KEY_DIRECT", payload: {} }],
      realize: [
        { constraintType: "SECTOR_SUBJECT", payload: { allowedSectorSubjects: [...(p.sectorSubjects ?? ["sub_..."])] } },
        // The docs' alternative: an EMAIL rule matching the bound account.
        ...(p.emailPatterns ? [emailRule(p.emailPatterns)] : []),
      ],
      return: [bare("DIRECT_ISSUE")],
    }),
  },
  "oidc-relying-party": {
    name: "oidc-relying-party",
    title: "OIDC relying party",
    description:
      "Expose the application to a standard OpenID Connect client (authorization code + PKCE). Use the `none` auth method for public clients.",
    inputs: [{ field: "redirectUris" }],
    build: (p) => ({
      authentication: [...PASSWORDLESS],
      realize: [emailRule(p.emailPatterns ?? ANY_EMAIL)],
      return: [
        {
          returnMethod: "OIDC",
          payload: {
            redirectUris: [...(p.redirectUris ?? ["https://app.example.com/oidc/callback"])],
            postLogoutRedirectUris: [...(p.postLogoutRedirectUris ?? [])],
            allowedScopes: ["openid", "email", "profile", "offline_access"],
            tokenEndpointAuthMethod: p.tokenEndpointAuthMethod ?? "private_key_jwt",
          },
        },
      ],
    }),
  },
  "desktop-browser-polling": {
    name: "desktop-browser-polling",
    title: "Desktop app (browser polling)",
    description: "A desktop or Electron app that opens the system browser for sign-in, then polls for the result.",
    inputs: [],
    build: (p) => ({
      authentication: [...PASSWORDLESS],
      realize: [emailRule(p.emailPatterns ?? ANY_EMAIL)],
      return: [bare("STATUS_POLL")],
    }),
  },
  "public-app": {
    name: "public-app",
    title: "Genuinely public app (no identity gate)",
    description:
      "Anyone who clears sign-in is admitted, including accounts with no verified email (Steam-only). Use deliberately.",
    inputs: [{ field: "callbackDomains" }, { field: "steamAppIds", optional: true }],
    build: (p) => ({
      authentication: [
        { method: "PASSKEY_USERNAMELESS", payload: {} },
        { method: "EMAIL_VERIFICATION", payload: {} },
        // Browser "Sign in with Steam": the no-email accounts the docs name.
        { method: "STEAM_OPENID", payload: {} },
        // The browserless Steam ticket path only for a game that names its
        // App IDs: a placeholder App ID would open a token path nobody asked for.
        ...(p.steamAppIds ? [steamTicket(p)] : []),
      ],
      realize: [{ constraintType: "EVERYONE", payload: {} }],
      return: [callback(p.callbackDomains ?? APP_DOMAIN), ...(p.steamAppIds ? [bare("DIRECT_ISSUE")] : [])],
    }),
  },
  "cli-device": {
    name: "cli-device",
    title: "CLI / public client (device authorization)",
    description:
      "A CLI, launcher or shared device that shows a code and lets the user approve the sign-in in a browser. Needs no client secret.",
    inputs: [],
    build: (p) => ({
      authentication: [...PASSWORDLESS],
      realize: [emailRule(p.emailPatterns ?? ANY_EMAIL)],
      return: [bare("DEVICE_CODE")],
    }),
  },
};

/** Thrown when parameters would produce a rule set that fails validation. */
export class InvalidTemplateParamsError extends Error {
  constructor(
    readonly template: string,
    readonly problems: string[],
  ) {
    super(`Template "${template}" produced invalid rules: ${problems.join("; ")}`);
    this.name = "InvalidTemplateParamsError";
  }
}

export function isTemplateName(value: string): value is TemplateName {
  return (TEMPLATE_NAMES as readonly string[]).includes(value);
}

/**
 * Builds and validates a template's rule set. The result has passed
 * `ruleSetSchema`, so a bad parameter (say, a URL where a hostname belongs)
 * fails here, loudly, rather than when the rules are saved.
 */
export function buildTemplate(name: TemplateName, params: TemplateParams = {}): RuleSet {
  // Guard for callers outside the type system (JSON, query strings).
  if (!isTemplateName(name)) throw new InvalidTemplateParamsError(String(name), ["unknown template name"]);
  const parsed = ruleSetSchema.safeParse(TEMPLATES[name].build(params));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "rules"}: ${issue.message}`);
    throw new InvalidTemplateParamsError(name, problems);
  }
  return parsed.data;
}
