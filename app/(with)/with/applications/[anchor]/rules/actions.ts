"use server";
// Rules tab mutations. Authorization and validation happen in
// lib/developer/application-config; nothing from the client is trusted.
import { applyTemplate, saveRules } from "@/lib/developer/application-config/rules";
import type { RuleSetDraft } from "@/lib/developer/application-config/rule-fields";
import { ruleSetDraftSchema, templateInputSchema } from "@/lib/developer/application-config/action-inputs";
import { portalAction, refusal, UNEXPECTED } from "@/lib/portal/portal-action";

export async function saveRulesAction(anchor: string, draft: RuleSetDraft) {
  return portalAction("rules.save", async ({ deps, account }) => {
    const parsed = ruleSetDraftSchema.safeParse(draft);
    if (!parsed.success || typeof anchor !== "string") return refusal(UNEXPECTED);
    return saveRules(deps, account.id, anchor, parsed.data);
  });
}

export async function applyTemplateAction(anchor: string, input: { template: string }) {
  return portalAction("rules.apply-template", async ({ deps, account }) => {
    const parsed = templateInputSchema.safeParse(input);
    if (!parsed.success || typeof anchor !== "string") return refusal(UNEXPECTED);
    return applyTemplate(deps, account.id, anchor, parsed.data);
  });
}
