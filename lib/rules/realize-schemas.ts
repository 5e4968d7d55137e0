// Layer 2 shapes: the realize rules stored on an application, and the
// per-inquiry `realizeConstraints` accepted on `/establish`.
import { z } from "zod";
import {
  MAX_EMAIL_PATTERN_LENGTH,
  MAX_NARROWING_LIST_ITEMS,
  MAX_OPAQUE_VALUE_LENGTH,
  MAX_RULE_LIST_ITEMS,
} from "./limits";
import { ttlOverrideShape } from "./ttl-fields";
import { CONSTRAINABLE_REALIZE_TYPES, REALIZE_CONSTRAINT_TYPES, type RealizeConstraintType } from "./vocabulary";

// Either the literal wildcard or a decimal SteamID64 (wire pattern).
const STEAM_ID_ENTRY = /^(?:\*|[0-9]{1,20})$/;

function nonEmptyList<T extends z.ZodType>(item: T, field: string, noun: string, maxItems: number) {
  // An empty allowlist would admit nobody; say so instead of storing a
  // rule that silently matches nothing.
  return z
    .array(item)
    .min(1, `${field} must list at least one ${noun}`)
    .max(maxItems, `${field} may list at most ${maxItems} entries`);
}

function opaqueValue(noun: string) {
  // Aliases and subjects are opaque: length-checked, never format-checked.
  return z
    .string()
    .min(1, `${noun} must not be empty`)
    .max(MAX_OPAQUE_VALUE_LENGTH, `${noun} must be at most ${MAX_OPAQUE_VALUE_LENGTH} characters`);
}

function realizePayloads(maxItems: number) {
  return {
    EMAIL: z.strictObject({
      allowedEmails: nonEmptyList(
        z
          .string()
          .min(1, "email patterns must not be empty")
          .max(MAX_EMAIL_PATTERN_LENGTH, `email patterns must be at most ${MAX_EMAIL_PATTERN_LENGTH} characters`),
        "allowedEmails",
        "email address or pattern",
        maxItems,
      ),
    }),
    STEAM_ID: z.strictObject({
      allowedSteamIds: nonEmptyList(
        z.string().regex(STEAM_ID_ENTRY, 'Steam IDs must be "*" or a decimal SteamID64 of 1 to 20 digits'),
        "allowedSteamIds",
        "Steam ID",
        maxItems,
      ),
    }),
    ACCOUNT_ALIAS: z.strictObject({
      allowedAccountAliases: nonEmptyList(opaqueValue("account aliases"), "allowedAccountAliases", "account alias", maxItems),
    }),
    SECTOR_SUBJECT: z.strictObject({
      allowedSectorSubjects: nonEmptyList(
        opaqueValue("sector subjects"),
        "allowedSectorSubjects",
        "sector subject",
        maxItems,
      ),
    }),
    EVERYONE: z.strictObject({}),
  } satisfies Record<RealizeConstraintType, z.ZodType>;
}

function variant<T extends RealizeConstraintType, P extends z.ZodType>(constraintType: T, payload: P) {
  return z.strictObject({ constraintType: z.literal(constraintType), payload, ...ttlOverrideShape });
}

function unknownType(allowed: readonly string[]) {
  const message = `constraintType must be one of: ${allowed.join(", ")}`;
  return (issue: { code?: string }) => (issue.code === "invalid_union" ? message : undefined);
}

const rule = realizePayloads(MAX_RULE_LIST_ITEMS);

/** One Layer 2 rule as stored on an application. */
export const realizeRuleSchema = z.discriminatedUnion(
  "constraintType",
  [
    variant("EMAIL", rule.EMAIL),
    variant("STEAM_ID", rule.STEAM_ID),
    variant("ACCOUNT_ALIAS", rule.ACCOUNT_ALIAS),
    variant("SECTOR_SUBJECT", rule.SECTOR_SUBJECT),
    variant("EVERYONE", rule.EVERYONE),
  ],
  { error: unknownType(REALIZE_CONSTRAINT_TYPES) },
);
export type RealizeRule = z.output<typeof realizeRuleSchema>;

const narrowing = realizePayloads(MAX_NARROWING_LIST_ITEMS);

/** One entry of `realizeConstraints` on `/establish` (wire: RealizeRuleConstraint). */
export const realizeConstraintSchema = z.discriminatedUnion(
  "constraintType",
  [
    variant("EMAIL", narrowing.EMAIL),
    variant("STEAM_ID", narrowing.STEAM_ID),
    variant("ACCOUNT_ALIAS", narrowing.ACCOUNT_ALIAS),
    variant("SECTOR_SUBJECT", narrowing.SECTOR_SUBJECT),
  ],
  { error: unknownType(CONSTRAINABLE_REALIZE_TYPES) },
);
export type RealizeConstraint = z.output<typeof realizeConstraintSchema>;
