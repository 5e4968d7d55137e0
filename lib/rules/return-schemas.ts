// Layer 3 shapes: the return rules stored on an application, and the
// per-inquiry `returnMethods` declarations accepted on `/establish`. The two
// differ in payload: a CALLBACK rule lists allowed hostnames, while a CALLBACK
// declaration carries the one concrete URL for this inquiry.
import { z } from "zod";
import { MAX_RULE_LIST_ITEMS, MAX_URL_LENGTH } from "./limits";
import { ttlOverrideShape } from "./ttl-fields";
import { isBareHostname, isCredentialFreeHttpUrl, isFragmentFreeHttpUrl } from "./url-checks";
import {
  OIDC_SCOPES,
  RETURN_DECLARATION_TYPES,
  RETURN_METHODS,
  TOKEN_ENDPOINT_AUTH_METHODS,
  type ReturnDeclarationType,
  type ReturnMethod,
} from "./vocabulary";

const empty = z.strictObject({});

const callbackDomain = z
  .string()
  .refine(isBareHostname, "callback domains must be bare hostnames such as app.example.com (no scheme, port or path)");

// OIDC redirect URIs are compared byte-for-byte, so they are stored exactly
// as given — only their form is checked.
function oidcUriList(field: string) {
  return z
    .array(
      z
        .string()
        .max(MAX_URL_LENGTH, `${field} entries must be at most ${MAX_URL_LENGTH} characters`)
        .refine(isFragmentFreeHttpUrl, `${field} entries must be absolute http(s) URLs without a fragment`),
    )
    .max(MAX_RULE_LIST_ITEMS, `${field} may list at most ${MAX_RULE_LIST_ITEMS} URLs`);
}

const returnRulePayloads = {
  CALLBACK: z.strictObject({
    allowedCallbackDomains: z
      .array(callbackDomain)
      .min(1, "allowedCallbackDomains must list at least one hostname")
      .max(MAX_RULE_LIST_ITEMS, `allowedCallbackDomains may list at most ${MAX_RULE_LIST_ITEMS} hostnames`),
  }),
  STATUS_POLL: empty,
  REVEAL: z
    .strictObject({ includeAccessToken: z.boolean(), includeRefreshToken: z.boolean() })
    // A REVEAL that shows nothing is a misconfiguration, not a feature.
    .refine((payload) => payload.includeAccessToken || payload.includeRefreshToken, {
      message: "REVEAL must include the access token, the refresh token, or both",
    }),
  DIRECT_ISSUE: empty,
  OIDC: z.strictObject({
    redirectUris: oidcUriList("redirectUris").min(1, "redirectUris must list at least one URL"),
    postLogoutRedirectUris: oidcUriList("postLogoutRedirectUris").default([]),
    allowedScopes: z
      .array(z.enum(OIDC_SCOPES, { error: `allowedScopes entries must be one of: ${OIDC_SCOPES.join(", ")}` }))
      .refine((scopes) => scopes.includes("openid"), 'allowedScopes must include "openid"'),
    tokenEndpointAuthMethod: z.enum(TOKEN_ENDPOINT_AUTH_METHODS, {
      error: `tokenEndpointAuthMethod must be one of: ${TOKEN_ENDPOINT_AUTH_METHODS.join(", ")}`,
    }),
  }),
  DEVICE_CODE: empty,
} satisfies Record<ReturnMethod, z.ZodType>;

function ruleVariant<M extends ReturnMethod, P extends z.ZodType>(returnMethod: M, payload: P) {
  return z.strictObject({ returnMethod: z.literal(returnMethod), payload, ...ttlOverrideShape });
}

function unknownName(field: string, allowed: readonly string[]) {
  const message = `${field} must be one of: ${allowed.join(", ")}`;
  return (issue: { code?: string }) => (issue.code === "invalid_union" ? message : undefined);
}

/** One Layer 3 rule as stored on an application. */
export const returnRuleSchema = z.discriminatedUnion(
  "returnMethod",
  [
    ruleVariant("CALLBACK", returnRulePayloads.CALLBACK),
    ruleVariant("STATUS_POLL", returnRulePayloads.STATUS_POLL),
    ruleVariant("REVEAL", returnRulePayloads.REVEAL),
    ruleVariant("DIRECT_ISSUE", returnRulePayloads.DIRECT_ISSUE),
    ruleVariant("OIDC", returnRulePayloads.OIDC),
    ruleVariant("DEVICE_CODE", returnRulePayloads.DEVICE_CODE),
  ],
  { error: unknownName("returnMethod", RETURN_METHODS) },
);
/** A validated return rule (OIDC `postLogoutRedirectUris` defaulted to []). */
export type ReturnRule = z.output<typeof returnRuleSchema>;
/** What a return rule may look like before validation (defaults not applied). */
export type ReturnRuleInput = z.input<typeof returnRuleSchema>;

function declarationVariant<T extends ReturnDeclarationType, P extends z.ZodType>(type: T, payload: P) {
  // The wire shape has no TTL fields on declarations.
  return z.strictObject({ type: z.literal(type), payload });
}

/** One entry of `returnMethods` on `/establish` (wire: ReturnMethodDeclaration). */
export const returnMethodDeclarationSchema = z.discriminatedUnion(
  "type",
  [
    declarationVariant(
      "CALLBACK",
      z.strictObject({
        callbackUrl: z
          .string()
          .max(MAX_URL_LENGTH, `callbackUrl must be at most ${MAX_URL_LENGTH} characters`)
          // Credentials in a redirect target have no legitimate use and are
          // a classic way to make a URL read as a different host.
          .refine(isCredentialFreeHttpUrl, "callbackUrl must be an absolute http or https URL without credentials"),
      }),
    ),
    declarationVariant("STATUS_POLL", empty),
    declarationVariant("REVEAL", empty),
    // Accepted for symmetry with the wire contract; rejected later by
    // validateReturnDeclarations because those flows skip /establish.
    declarationVariant("DIRECT_ISSUE", empty),
    declarationVariant("OIDC", empty),
  ],
  { error: unknownName("type", RETURN_DECLARATION_TYPES) },
);
export type ReturnMethodDeclaration = z.output<typeof returnMethodDeclarationSchema>;
