// Turns the rules engine's validation issues (English, for API callers) into
// message keys the portal translates, attached to the field they are about.
// The schemas stay the single authority on what is valid; this only decides
// which sentence to show and where.
import type { z } from "zod";
import { TOKEN_TTL_BOUNDS } from "@/lib/rules/vocabulary";
import { fieldKey, LAYERS, type Layer } from "./rule-fields";

export interface FieldError {
  /** `layer.index.field` (see fieldKey); `layer.index.payload` for whole-payload problems. */
  field: string;
  /** Key under withApplication.rules.errors. */
  key: string;
  values?: Record<string, string | number>;
}

const ITEM_MESSAGES: Record<string, string> = {
  allowedCallbackDomains: "callbackDomain",
  redirectUris: "redirectUri",
  postLogoutRedirectUris: "redirectUri",
  allowedSteamAppIds: "steamAppId",
  allowedSteamIds: "steamId",
  allowedScopes: "scope",
};

function messageFor(field: string, issue: z.core.$ZodIssue, isItem: boolean): Pick<FieldError, "key" | "values"> {
  if (field === "accessTokenTtlSeconds" || field === "refreshTokenTtlSeconds") {
    const bounds = field === "accessTokenTtlSeconds" ? TOKEN_TTL_BOUNDS.access : TOKEN_TTL_BOUNDS.refresh;
    return { key: "ttlRange", values: { min: bounds.minSeconds, max: bounds.maxSeconds } };
  }
  if (field === "payload") return { key: "revealNothing" };
  if (field === "allowedScopes" && !isItem && issue.code === "custom") return { key: "scopesNeedOpenid" };
  if (field === "connectorAnchor") return { key: issue.code === "too_big" ? "tooLong" : "required" };
  if (field === "tokenEndpointAuthMethod") return { key: issue.code === "custom" ? "authMethodMismatch" : "invalidValue" };
  if (!isItem) {
    if (issue.code === "too_small") return { key: "listEmpty" };
    if (issue.code === "too_big") return { key: "listTooLong", values: { max: Number((issue as { maximum?: number }).maximum ?? 0) } };
    return { key: "invalidValue" };
  }
  if (issue.code === "too_big") return { key: "entryTooLong" };
  if (issue.code === "too_small" && field !== "allowedSteamAppIds") return { key: "entryEmpty" };
  return { key: ITEM_MESSAGES[field] ?? "invalidEntry" };
}

/**
 * Maps issues from `ruleSetSchema` (paths like `return.0.payload.allowedCallbackDomains.1`)
 * to one error per field — the first issue of a field wins, as one sentence
 * next to an input is all a person reads.
 */
export function fieldErrorsFromIssues(issues: readonly z.core.$ZodIssue[], entryAt: (layer: Layer, index: number, field: string, item: number) => string): FieldError[] {
  const errors = new Map<string, FieldError>();
  for (const issue of issues) {
    const [layer, index, third, fourth, fifth] = issue.path;
    if (!LAYERS.includes(layer as Layer) || typeof index !== "number") continue;
    const field = third === "payload" ? (typeof fourth === "string" ? fourth : "payload") : String(third ?? "payload");
    const isItem = third === "payload" && typeof fifth === "number";
    const key = fieldKey(layer as Layer, index, field);
    if (errors.has(key)) continue;
    const message = messageFor(field, issue, isItem);
    const entry = isItem ? entryAt(layer as Layer, index, field, fifth as number) : undefined;
    errors.set(key, { field: key, key: message.key, values: { ...message.values, ...(entry !== undefined ? { entry } : {}) } });
  }
  return [...errors.values()];
}
