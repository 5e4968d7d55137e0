"use client";

// One-click starting points (docs: configuration templates). Choosing a
// template asks for the inputs it cannot guess (callback domains, redirect
// URIs, Steam App IDs…) and then replaces all rules with the template's, in
// one transaction on the server.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { inputClasses, inputStateClasses } from "@/components/ui/text-field";
import { Panel } from "../portal-ui";
import { disabledInput, FieldMessage, selectClasses } from "./form-bits";
import { useErrorText } from "./use-error-text";

import type { TemplateField, TemplateInputSpec } from "@/lib/rules/templates";
export type ApplyTemplate = (
  anchor: string,
  input: { template: string } & Partial<Record<TemplateField, string>>,
) => Promise<{ ok: true } | { ok: false; field?: string; key?: string; error?: string; values?: Record<string, string | number> }>;

export function TemplatePicker({ anchor, templates, canEdit, readOnlyReason, apply }: { anchor: string; templates: ReadonlyArray<{ name: string; inputs: readonly TemplateInputSpec[] }>; canEdit: boolean; readOnlyReason: string | null; apply: ApplyTemplate }) {
  const t = useTranslations("withApplication.templates");
  const tr = useTranslations("withApplication.rules.errors");
  const errorText = useErrorText();
  const router = useRouter();
  const [name, setName] = useState(templates[0]?.name ?? "");
  const [values, setValues] = useState<Partial<Record<TemplateField, string>>>({});
  const [error, setError] = useState<{ field: string; text: string } | null>(null);
  const [applied, setApplied] = useState(false);
  const [pending, startTransition] = useTransition();
  const inputs = templates.find((template) => template.name === name)?.inputs ?? [];

  const onApply = () =>
    startTransition(async () => {
      setApplied(false);
      const picked = Object.fromEntries(inputs.map(({ field }) => [field, values[field] ?? ""]));
      const result = await apply(anchor, { template: name, ...picked });
      if (result.ok) {
        setError(null);
        setApplied(true);
        router.refresh();
      } else if (result.key) {
        setError({ field: result.field ?? "template", text: tr(result.key, result.values ?? {}) });
      } else {
        setError({ field: "template", text: errorText(result.error) });
      }
    });

  return (
    <Panel id="templates" title={t("title")} lead={t("lead")}>
      <div className="grid gap-4">
        <div>
          <label htmlFor="template-name" className="block text-sm font-medium text-slate-800 dark:text-slate-200">{t("choose")}</label>
          <select id="template-name" value={name} disabled={!canEdit} onChange={(event) => { setName(event.target.value); setError(null); setApplied(false); }} className={`mt-1.5 ${selectClasses}`} aria-describedby="template-description">
            {templates.map((template) => (
              <option key={template.name} value={template.name}>{t(`names.${template.name}.title`)}</option>
            ))}
          </select>
          <p id="template-description" className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">{t(`names.${name}.description`)}</p>
          {error?.field === "template" && <FieldMessage id="template-name-error">{error.text}</FieldMessage>}
        </div>
        {inputs.map(({ field, optional }) => {
          const id = `template-${field}`;
          const fieldError = error?.field === field ? error.text : null;
          return (
            <div key={field}>
              <label htmlFor={id} className="block text-sm font-medium text-slate-800 dark:text-slate-200">{t(`inputs.${field}.label`)}{optional && <span className="font-normal text-slate-500 dark:text-slate-400"> {t("optional")}</span>}</label>
              <textarea
                id={id}
                rows={2}
                value={values[field] ?? ""}
                disabled={!canEdit}
                spellCheck={false}
                placeholder={t(`inputs.${field}.placeholder`)}
                onChange={(event) => setValues((current) => ({ ...current, [field]: event.target.value }))}
                aria-invalid={fieldError ? true : undefined}
                aria-describedby={fieldError ? `${id}-error` : `${id}-hint`}
                className={`mt-1.5 ${inputClasses} ${inputStateClasses(Boolean(fieldError))} ${disabledInput} font-mono text-sm`}
              />
              {fieldError ? <FieldMessage id={`${id}-error`}>{fieldError}</FieldMessage> : <p id={`${id}-hint`} className="mt-1.5 text-sm text-slate-500 dark:text-slate-400">{t(optional ? `inputs.${field}.optionalHint` : `inputs.${field}.hint`)}</p>}
            </div>
          );
        })}
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
          <Button fullWidth={false} className="shrink-0 whitespace-nowrap" onClick={onApply} busy={pending} busyLabel={t("applying")} disabled={!canEdit} title={readOnlyReason ?? undefined}>
            {t("apply")}
          </Button>
          <p role="status" aria-live="polite" className="text-sm text-slate-600 dark:text-slate-400">
            {applied ? t("applied", { template: t(`names.${name}.title`) }) : !canEdit && readOnlyReason ? readOnlyReason : t("replacesWarning")}
          </p>
        </div>
      </div>
    </Panel>
  );
}
