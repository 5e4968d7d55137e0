// The portal's rule editor works on drafts: every payload field as the text a
// person types (lists one entry per line), every TTL as a string. This file
// says which fields each method/type has and converts between a stored rule
// and its draft. Pure and framework-free: the client editor renders from it,
// the server action converts back with it and then validates with the rules
// engine's own schemas (there is no second validator).
import {
  AUTHENTICATION_METHODS,
  OIDC_SCOPES,
  REALIZE_CONSTRAINT_TYPES,
  RETURN_METHODS,
  TOKEN_ENDPOINT_AUTH_METHODS,
} from "@/lib/rules/vocabulary";

export const LAYERS = ["authentication", "realize", "return"] as const;
export type Layer = (typeof LAYERS)[number];

/** The kinds each layer offers, in the docs' order. */
export const LAYER_KINDS: Record<Layer, readonly string[]> = {
  authentication: AUTHENTICATION_METHODS,
  realize: REALIZE_CONSTRAINT_TYPES,
  return: RETURN_METHODS,
};

/** The key naming the kind in the docs' rule shape, per layer. */
export const KIND_KEY: Record<Layer, "method" | "constraintType" | "returnMethod"> = {
  authentication: "method",
  realize: "constraintType",
  return: "returnMethod",
};

/** `uriLines`: one entry per line only — a comma is legal inside a URI. The other list types also split on commas. */
export type FieldType = "lines" | "uriLines" | "numberLines" | "text" | "boolean" | "scopes" | "authMethod";
export interface FieldSpec {
  name: string;
  type: FieldType;
}

const lines = (name: string): FieldSpec => ({ name, type: "lines" });

/** Payload fields per kind; a kind not listed takes an empty payload. */
export const PAYLOAD_FIELDS: Record<string, readonly FieldSpec[]> = {
  STEAM_TICKET: [{ name: "allowedSteamAppIds", type: "numberLines" }],
  GITHUB_OAUTH: [lines("allowedGitHubOrgs")],
  ENTERPRISE_FEDERATION_APPLICATION_MANAGED: [{ name: "connectorAnchor", type: "text" }],
  EMAIL: [lines("allowedEmails")],
  STEAM_ID: [lines("allowedSteamIds")],
  ACCOUNT_ALIAS: [lines("allowedAccountAliases")],
  SECTOR_SUBJECT: [lines("allowedSectorSubjects")],
  CALLBACK: [lines("allowedCallbackDomains")],
  REVEAL: [
    { name: "includeAccessToken", type: "boolean" },
    { name: "includeRefreshToken", type: "boolean" },
  ],
  OIDC: [
    { name: "redirectUris", type: "uriLines" },
    { name: "postLogoutRedirectUris", type: "uriLines" },
    { name: "allowedScopes", type: "scopes" },
    { name: "tokenEndpointAuthMethod", type: "authMethod" },
  ],
};

export type FieldValue = string | boolean | string[];

export interface RuleDraft {
  layer: Layer;
  kind: string;
  enabled: boolean;
  fields: Record<string, FieldValue>;
  accessTokenTtlSeconds: string;
  refreshTokenTtlSeconds: string;
}

export type RuleSetDraft = Record<Layer, RuleDraft[]>;

/** What a newly added rule of `kind` starts with: sensible defaults, empty lists. */
export function newRuleDraft(layer: Layer, kind: string): RuleDraft {
  const fields: Record<string, FieldValue> = {};
  for (const field of PAYLOAD_FIELDS[kind] ?? []) {
    if (field.type === "boolean") fields[field.name] = true;
    else if (field.type === "scopes") fields[field.name] = ["openid"];
    else if (field.type === "authMethod") fields[field.name] = TOKEN_ENDPOINT_AUTH_METHODS[0];
    else fields[field.name] = "";
  }
  return { layer, kind, enabled: true, fields, accessTokenTtlSeconds: "", refreshTokenTtlSeconds: "" };
}

/** A stored (valid) rule as a draft. */
export function draftFromRule(
  layer: Layer,
  rule: { kind: string; payload: Record<string, unknown>; enabled?: boolean; accessTokenTtlSeconds?: number | null; refreshTokenTtlSeconds?: number | null },
): RuleDraft {
  const draft = newRuleDraft(layer, rule.kind);
  for (const field of PAYLOAD_FIELDS[rule.kind] ?? []) {
    const value = rule.payload[field.name];
    if (field.type === "boolean") draft.fields[field.name] = value === true;
    else if (field.type === "scopes") draft.fields[field.name] = Array.isArray(value) ? value.map(String) : [];
    else if (field.type === "authMethod" || field.type === "text") draft.fields[field.name] = typeof value === "string" ? value : "";
    else draft.fields[field.name] = Array.isArray(value) ? value.map(String).join("\n") : "";
  }
  draft.enabled = rule.enabled ?? true;
  draft.accessTokenTtlSeconds = rule.accessTokenTtlSeconds == null ? "" : String(rule.accessTokenTtlSeconds);
  draft.refreshTokenTtlSeconds = rule.refreshTokenTtlSeconds == null ? "" : String(rule.refreshTokenTtlSeconds);
  return draft;
}

/** The entries of a list as typed: one per line, or also comma-separated unless they are URIs. */
export function listEntries(value: FieldValue | undefined, commas = true): string[] {
  return String(typeof value === "string" ? value : "")
    .split(commas ? /[\n,]/ : /\n/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
}

// Non-numeric text is passed on as-is so the schema rejects it with its own
// message rather than this file inventing a rule.
const toNumberIfNumeric = (entry: string) => (/^-?[0-9]+$/.test(entry) ? Number(entry) : entry);

function ttlFromText(text: string): number | string | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  return /^-?[0-9]+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** A draft in the docs' rule shape, ready for the rules engine's schemas. */
export function ruleFromDraft(draft: RuleDraft): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const field of PAYLOAD_FIELDS[draft.kind] ?? []) {
    const value = draft.fields[field.name];
    if (field.type === "boolean") payload[field.name] = value === true;
    else if (field.type === "scopes") payload[field.name] = OIDC_SCOPES.filter((scope) => Array.isArray(value) && value.includes(scope));
    else if (field.type === "authMethod" || field.type === "text") payload[field.name] = typeof value === "string" ? value.trim() : "";
    else if (field.type === "numberLines") payload[field.name] = listEntries(value).map(toNumberIfNumeric);
    else payload[field.name] = listEntries(value, field.type !== "uriLines");
  }
  return {
    [KIND_KEY[draft.layer]]: draft.kind,
    payload,
    accessTokenTtlSeconds: ttlFromText(draft.accessTokenTtlSeconds),
    refreshTokenTtlSeconds: ttlFromText(draft.refreshTokenTtlSeconds),
  };
}

/** The draft as the `{ authentication, realize, return }` rule set plus each rule's on/off switch. */
export function ruleSetFromDraft(draft: RuleSetDraft) {
  return {
    rules: {
      authentication: draft.authentication.map(ruleFromDraft),
      realize: draft.realize.map(ruleFromDraft),
      return: draft.return.map(ruleFromDraft),
    },
    enabled: {
      authentication: draft.authentication.map((rule) => rule.enabled),
      realize: draft.realize.map((rule) => rule.enabled),
      return: draft.return.map((rule) => rule.enabled),
    },
  };
}

/** The id of a field's input and the key its error is reported under. */
export const fieldKey = (layer: Layer, index: number, field: string) => `${layer}.${index}.${field}`;
