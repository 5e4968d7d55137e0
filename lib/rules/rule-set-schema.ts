// An application's complete rule set — the shape of a JSON rules file and of
// what templates produce. Empty layers are valid (the application is then
// simply unusable, by default-deny); the schema checks form, not usefulness.
// Across rules it checks one thing: an application is one OIDC client, and a
// client has one way to authenticate at /token — were two OIDC rules to
// differ, a public rule's `none` would let codes and refresh tokens of a
// confidential rule be redeemed without its secret.
import { z } from "zod";
import { authenticationRuleSchema } from "./authentication-schemas";
import { realizeRuleSchema } from "./realize-schemas";
import { returnRuleSchema } from "./return-schemas";

export const ruleSetSchema = z
  .strictObject({
    authentication: z.array(authenticationRuleSchema),
    realize: z.array(realizeRuleSchema),
    return: z.array(returnRuleSchema),
  })
  .superRefine((rules, context) => {
    let first: string | null = null;
    rules.return.forEach((rule, index) => {
      if (rule.returnMethod !== "OIDC") return;
      first ??= rule.payload.tokenEndpointAuthMethod;
      if (rule.payload.tokenEndpointAuthMethod === first) return;
      context.addIssue({
        code: "custom",
        path: ["return", index, "payload", "tokenEndpointAuthMethod"],
        message: `every OIDC rule of an application uses the same tokenEndpointAuthMethod (here ${first}): one client, one way to authenticate`,
      });
    });
  });
export type RuleSet = z.output<typeof ruleSetSchema>;
export type RuleSetInput = z.input<typeof ruleSetSchema>;
