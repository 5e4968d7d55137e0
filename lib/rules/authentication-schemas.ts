// Layer 1 shapes: the rules stored on an application, and the per-inquiry
// `authenticationConstraints` accepted on `/establish`. Both share one payload
// vocabulary; only the accepted methods and the list caps differ.
import { z } from "zod";
import {
  MAX_CONNECTOR_ANCHOR_LENGTH,
  MAX_GITHUB_ORG_LENGTH,
  MAX_NARROWING_LIST_ITEMS,
  MAX_RULE_LIST_ITEMS,
} from "./limits";
import { ttlOverrideShape } from "./ttl-fields";
import { AUTHENTICATION_METHODS, CONSTRAINABLE_AUTHENTICATION_METHODS, type AuthenticationMethod } from "./vocabulary";

/** Payload schemas per method; `maxItems` caps list lengths. */
function authenticationPayloads(maxItems: number) {
  // Methods without parameters take exactly `{}` — a stray key is far more
  // likely a misunderstanding (e.g. a flag from an older API) than intent.
  const empty = z.strictObject({});
  return {
    PASSKEY_USERNAMELESS: empty,
    PASSKEY_REASONED: empty,
    EMAIL_VERIFICATION: empty,
    STEAM_TICKET: z.strictObject({
      allowedSteamAppIds: z
        .array(z.int({ error: "Steam App IDs must be integers" }).min(1, "Steam App IDs must be positive integers"))
        .min(1, "allowedSteamAppIds must list at least one Steam App ID")
        .max(maxItems, `allowedSteamAppIds may list at most ${maxItems} Steam App IDs`),
    }),
    STEAM_OPENID: empty,
    ACCESS_KEY_DIRECT: empty,
    GOOGLE_OAUTH: empty,
    // Empty list = no organization gating (any GitHub account).
    GITHUB_OAUTH: z.strictObject({
      allowedGitHubOrgs: z
        .array(z.string().min(1, "GitHub organization logins must not be empty").max(MAX_GITHUB_ORG_LENGTH))
        .max(maxItems, `allowedGitHubOrgs may list at most ${maxItems} organizations`),
    }),
    DISCORD_OAUTH: empty,
    BATTLENET_OAUTH: empty,
    X_OAUTH: empty,
    ENTERPRISE_FEDERATION_APPLICATION_MANAGED: z.strictObject({
      connectorAnchor: z
        .string()
        .min(1, "connectorAnchor must name a federation connector")
        .max(MAX_CONNECTOR_ANCHOR_LENGTH),
    }),
    ENTERPRISE_FEDERATION_DOMAIN_MANAGED: empty,
  } satisfies Record<AuthenticationMethod, z.ZodType>;
}

function variant<M extends AuthenticationMethod, P extends z.ZodType>(method: M, payload: P) {
  return z.strictObject({ method: z.literal(method), payload, ...ttlOverrideShape });
}

function unknownMethod(allowed: readonly string[]) {
  const message = `method must be one of: ${allowed.join(", ")}`;
  return (issue: { code?: string }) => (issue.code === "invalid_union" ? message : undefined);
}

const rule = authenticationPayloads(MAX_RULE_LIST_ITEMS);

/** One Layer 1 rule as stored on an application. */
export const authenticationRuleSchema = z.discriminatedUnion(
  "method",
  [
    variant("PASSKEY_USERNAMELESS", rule.PASSKEY_USERNAMELESS),
    variant("PASSKEY_REASONED", rule.PASSKEY_REASONED),
    variant("EMAIL_VERIFICATION", rule.EMAIL_VERIFICATION),
    variant("STEAM_TICKET", rule.STEAM_TICKET),
    variant("STEAM_OPENID", rule.STEAM_OPENID),
    variant("ACCESS_KEY_DIRECT", rule.ACCESS_KEY_DIRECT),
    variant("GOOGLE_OAUTH", rule.GOOGLE_OAUTH),
    variant("GITHUB_OAUTH", rule.GITHUB_OAUTH),
    variant("DISCORD_OAUTH", rule.DISCORD_OAUTH),
    variant("BATTLENET_OAUTH", rule.BATTLENET_OAUTH),
    variant("X_OAUTH", rule.X_OAUTH),
    variant("ENTERPRISE_FEDERATION_APPLICATION_MANAGED", rule.ENTERPRISE_FEDERATION_APPLICATION_MANAGED),
    variant("ENTERPRISE_FEDERATION_DOMAIN_MANAGED", rule.ENTERPRISE_FEDERATION_DOMAIN_MANAGED),
  ],
  { error: unknownMethod(AUTHENTICATION_METHODS) },
);
export type AuthenticationRule = z.output<typeof authenticationRuleSchema>;

const narrowing = authenticationPayloads(MAX_NARROWING_LIST_ITEMS);

/** One entry of `authenticationConstraints` on `/establish` (wire: AuthenticationRuleConstraint). */
export const authenticationConstraintSchema = z.discriminatedUnion(
  "method",
  [
    variant("PASSKEY_USERNAMELESS", narrowing.PASSKEY_USERNAMELESS),
    variant("PASSKEY_REASONED", narrowing.PASSKEY_REASONED),
    variant("EMAIL_VERIFICATION", narrowing.EMAIL_VERIFICATION),
    variant("STEAM_TICKET", narrowing.STEAM_TICKET),
    variant("STEAM_OPENID", narrowing.STEAM_OPENID),
    variant("ACCESS_KEY_DIRECT", narrowing.ACCESS_KEY_DIRECT),
    variant("GOOGLE_OAUTH", narrowing.GOOGLE_OAUTH),
    variant("GITHUB_OAUTH", narrowing.GITHUB_OAUTH),
    variant("DISCORD_OAUTH", narrowing.DISCORD_OAUTH),
    variant("BATTLENET_OAUTH", narrowing.BATTLENET_OAUTH),
    variant("X_OAUTH", narrowing.X_OAUTH),
  ],
  { error: unknownMethod(CONSTRAINABLE_AUTHENTICATION_METHODS) },
);
export type AuthenticationConstraint = z.output<typeof authenticationConstraintSchema>;
