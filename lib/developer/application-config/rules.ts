// Reading and writing an application's rules from the portal. Every write is
// authorized here (ADMIN+, organization not retired), validated by the rules
// engine's schema, and stored in one transaction that replaces all three
// layers — a save is never half-written.
import { listAllRules } from "@/db/queries/applications";
import { replaceRuleSet, type RuleSetInput } from "@/lib/applications/rule-set";
import { buildTemplate, InvalidTemplateParamsError, steamAppIdFromText, TEMPLATE_NAMES, TEMPLATES, type TemplateField, type TemplateName, type TemplateParams } from "@/lib/rules/templates";
import { ruleSetSchema } from "@/lib/rules/rule-set-schema";
import type { Deps } from "@/lib/runtime";
import { applicationFor } from "../access";
import { draftFromRule, LAYERS, listEntries, ruleSetFromDraft, type RuleSetDraft } from "./rule-fields";
import { fieldErrorsFromIssues, type FieldError } from "./rule-issues";

/** The application's rules as editor drafts, disabled rules included. */
export async function loadRuleDraft(db: Deps["db"], applicationId: string): Promise<RuleSetDraft> {
  const stored = await listAllRules(db, applicationId);
  return {
    authentication: stored.authentication.map((rule) => draftFromRule("authentication", rule)),
    realize: stored.realize.map((rule) => draftFromRule("realize", rule)),
    return: stored.return.map((rule) => draftFromRule("return", rule)),
  };
}

export type SaveRulesResult = { ok: true } | { ok: false; errors: FieldError[] };

/** Validates a draft with the engine's schema; field errors or the parsed rules. */
export function validateRuleDraft(draft: RuleSetDraft) {
  const { rules, enabled } = ruleSetFromDraft(draft);
  const parsed = ruleSetSchema.safeParse(rules);
  if (parsed.success) return { ok: true as const, rules: parsed.data, enabled };
  const entryAt = (layer: (typeof LAYERS)[number], index: number, field: string, item: number) => {
    const payload = (rules[layer][index]?.payload ?? {}) as Record<string, unknown>;
    const list = payload[field];
    return Array.isArray(list) ? String(list[item] ?? "") : "";
  };
  return { ok: false as const, errors: fieldErrorsFromIssues(parsed.error.issues, entryAt) };
}

export async function saveRules(deps: Pick<Deps, "db">, accountId: string, anchor: string, draft: RuleSetDraft): Promise<SaveRulesResult> {
  const { application } = await applicationFor(deps.db, accountId, anchor, "editApplications");
  const checked = validateRuleDraft(draft);
  if (!checked.ok) return checked;
  await deps.db.transaction(async (tx) => {
    // Re-check inside the transaction: a role revoked between the two reads must not slip through.
    await applicationFor(tx, accountId, anchor, "editApplications");
    await replaceRuleSet(tx, application.id, checked.rules, checked.enabled);
  });
  return { ok: true };
}

/**
 * All three layers at once from the docs' shape (the CLI's set-rules): every
 * stored rule is replaced, switched-off ones too. Invalid rules answer
 * `Invalid rules` with the first problem's path, and nothing is written.
 */
export async function replaceRules(deps: Pick<Deps, "db">, accountId: string, anchor: string, rules: unknown): Promise<void> {
  // One role check, inside the transaction that writes (nothing to validate before it, unlike a portal draft).
  await deps.db.transaction(async (tx) => {
    const { application } = await applicationFor(tx, accountId, anchor, "editApplications");
    await replaceRuleSet(tx, application.id, rules as RuleSetInput);
  });
}

/** The picker's form: the template's name and each input as typed (one entry per line). */
export type TemplateInput = { template: string } & Partial<Record<TemplateField, string>>;

export type ApplyTemplateResult = { ok: true } | { ok: false; field: string; key: string; values?: Record<string, string> };


/**
 * Replaces the rules with a template's. Inputs the template needs must be
 * given (no silent `app.example.com`); the template's own validation decides
 * whether they are acceptable.
 */
export async function applyTemplate(deps: Pick<Deps, "db">, accountId: string, anchor: string, input: TemplateInput): Promise<ApplyTemplateResult> {
  const { application } = await applicationFor(deps.db, accountId, anchor, "editApplications");
  if (!(TEMPLATE_NAMES as readonly string[]).includes(input.template)) return { ok: false, field: "template", key: "templateUnknown" };
  const name = input.template as TemplateName;
  const params: { -readonly [K in keyof TemplateParams]: TemplateParams[K] } = {};
  for (const { field: needed, optional } of TEMPLATES[name].inputs) {
    const values = listEntries(input[needed], needed !== "redirectUris");
    if (values.length === 0) {
      if (optional) continue;
      return { ok: false, field: needed, key: "templateInputRequired" };
    }
    if (needed === "steamAppIds") {
      const bad = values.find((value) => steamAppIdFromText(value) === null);
      if (bad !== undefined) return { ok: false, field: needed, key: "steamAppId", values: { entry: bad } };
      params.steamAppIds = values.map(Number);
    } else {
      params[needed] = values;
    }
  }
  let rules;
  try {
    rules = buildTemplate(name, params);
  } catch (error) {
    if (!(error instanceof InvalidTemplateParamsError)) throw error;
    return templateProblem(name, params);
  }
  await deps.db.transaction(async (tx) => {
    await applicationFor(tx, accountId, anchor, "editApplications");
    await replaceRuleSet(tx, application.id, rules);
  });
  return { ok: true };
}

// Which input made the template invalid: re-run the schema on the built set
// and map the first issue back to the template parameter that produced it.
function templateProblem(name: TemplateName, params: TemplateParams): ApplyTemplateResult {
  const parsed = ruleSetSchema.safeParse(TEMPLATES[name].build(params));
  const issue = parsed.success ? undefined : parsed.error.issues[0];
  const path = issue?.path ?? [];
  const payloadField = String(path[3] ?? "");
  const byPayload: Record<string, { field: string; key: string }> = {
    allowedCallbackDomains: { field: "callbackDomains", key: "callbackDomain" },
    allowedEmails: { field: "emailPatterns", key: "entryTooLong" },
    redirectUris: { field: "redirectUris", key: "redirectUri" },
    postLogoutRedirectUris: { field: "redirectUris", key: "redirectUri" },
    allowedSectorSubjects: { field: "sectorSubjects", key: "entryTooLong" },
    allowedSteamAppIds: { field: "steamAppIds", key: "steamAppId" },
  };
  const target = byPayload[payloadField] ?? { field: "template", key: "templateInvalid" };
  const item = typeof path[4] === "number" ? path[4] : 0;
  const built = parsed.success ? undefined : (TEMPLATES[name].build(params) as unknown as Record<string, Array<{ payload: Record<string, unknown[]> }>>);
  const layer = String(path[0] ?? "");
  const index = typeof path[1] === "number" ? path[1] : 0;
  const entry = built?.[layer]?.[index]?.payload?.[payloadField]?.[item];
  return { ok: false, field: target.field, key: target.key, values: { entry: String(entry ?? "") } };
}
