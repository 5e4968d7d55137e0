// An application's complete rule set — the shape of a JSON rules file and of
// what templates produce. Empty layers are valid (the application is then
// simply unusable, by default-deny); the schema checks form, not usefulness.
import { z } from "zod";
import { authenticationRuleSchema } from "./authentication-schemas";
import { realizeRuleSchema } from "./realize-schemas";
import { returnRuleSchema } from "./return-schemas";

export const ruleSetSchema = z.strictObject({
  authentication: z.array(authenticationRuleSchema),
  realize: z.array(realizeRuleSchema),
  return: z.array(returnRuleSchema),
});
export type RuleSet = z.output<typeof ruleSetSchema>;
export type RuleSetInput = z.input<typeof ruleSetSchema>;
