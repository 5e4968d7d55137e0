"use server";
// Rules tab mutations. Authorization and validation happen in
// lib/developer/application-config; nothing from the client is trusted.
import { applyTemplate, saveRules } from "@/lib/developer/application-config/rules";
import type { RuleSetDraft } from "@/lib/developer/application-config/rule-fields";
import { runApplicationAction } from "@/lib/developer/application-config/run-action";
import { ruleSetDraftSchema, templateInputSchema } from "@/lib/developer/application-config/action-inputs";

export async function saveRulesAction(anchor: string, draft: RuleSetDraft) {
  return runApplicationAction(async ({ deps, account }) => {
    const parsed = ruleSetDraftSchema.safeParse(draft);
    if (!parsed.success || typeof anchor !== "string") return { ok: false as const, error: "failed" as const };
    return saveRules(deps, account.id, anchor, parsed.data);
  });
}

export async function applyTemplateAction(anchor: string, input: { template: string }) {
  return runApplicationAction(async ({ deps, account }) => {
    const parsed = templateInputSchema.safeParse(input);
    if (!parsed.success || typeof anchor !== "string") return { ok: false as const, error: "failed" as const };
    return applyTemplate(deps, account.id, anchor, parsed.data);
  });
}
