// The shapes server actions accept from the browser. A server action is a
// public endpoint: its arguments are checked for form here before any lib
// code sees them (the rules engine then checks them for meaning).
import { z } from "zod";
import { LAYERS } from "./rule-fields";

const text = z.string().max(100_000);

const ruleDraftSchema = z.object({
  layer: z.enum(LAYERS),
  kind: z.string().max(100),
  enabled: z.boolean(),
  fields: z.record(z.string().max(100), z.union([text, z.boolean(), z.array(z.string().max(100)).max(20)])),
  accessTokenTtlSeconds: z.string().max(30),
  refreshTokenTtlSeconds: z.string().max(30),
});

const layerList = z.array(ruleDraftSchema).max(200);

export const ruleSetDraftSchema = z
  .object({ authentication: layerList, realize: layerList, return: layerList })
  // A draft's rules must sit in their own layer: the layer decides which schema applies.
  .refine((draft) => LAYERS.every((layer) => draft[layer].every((rule) => rule.layer === layer)));

export const templateInputSchema = z.object({
  template: z.string().max(100),
  callbackDomains: text.optional(),
  emailPatterns: text.optional(),
  steamAppIds: text.optional(),
  redirectUris: text.optional(),
  sectorSubjects: text.optional(),
});
