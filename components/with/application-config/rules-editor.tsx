"use client";

// The three rule layers as forms. The whole rule set is edited as one draft
// and saved in one go (the server replaces all three layers in a single
// transaction), so a save is never half-applied. Errors come back per field
// and are shown next to the input they are about.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { inputClasses, inputStateClasses } from "@/components/ui/text-field";
import {
  fieldKey,
  LAYER_KINDS,
  LAYERS,
  newRuleDraft,
  PAYLOAD_FIELDS,
  type FieldSpec,
  type Layer,
  type RuleDraft,
  type RuleSetDraft,
} from "@/lib/developer/application-config/rule-fields";
import type { FieldError } from "@/lib/developer/application-config/rule-issues";
import { OIDC_SCOPES, TOKEN_ENDPOINT_AUTH_METHODS } from "@/lib/rules/vocabulary";
import { Notice, Panel } from "../portal-ui";
import { disabledInput, FieldMessage, selectClasses } from "./form-bits";
import { useErrorText } from "./use-error-text";

export type SaveRules = (anchor: string, draft: RuleSetDraft) => Promise<{ ok: true } | { ok: false; errors?: FieldError[]; error?: string }>;

export function RulesEditor({ anchor, initial, canEdit, readOnlyReason, save }: { anchor: string; initial: RuleSetDraft; canEdit: boolean; readOnlyReason: string | null; save: SaveRules }) {
  const t = useTranslations("withApplication.rules");
  const actionErrorText = useErrorText();
  const router = useRouter();
  const [draft, setDraft] = useState<RuleSetDraft>(initial);
  const [errors, setErrors] = useState<Record<string, FieldError>>({});
  const [status, setStatus] = useState<"idle" | "saved" | "invalid" | string>("idle");
  // After a save or a template the server renders the stored rules again:
  // start over from them, keeping the status line ("Rules saved").
  const [base, setBase] = useState(initial);
  if (base !== initial) {
    setBase(initial);
    setDraft(initial);
    setErrors({});
  }
  const [pending, startTransition] = useTransition();
  const dirty = useMemo(() => JSON.stringify(draft) !== JSON.stringify(initial), [draft, initial]);

  const update = (layer: Layer, index: number, change: (rule: RuleDraft) => RuleDraft) => {
    setDraft((current) => ({ ...current, [layer]: current[layer].map((rule, i) => (i === index ? change(rule) : rule)) }));
    setStatus("idle");
  };
  const remove = (layer: Layer, index: number) => {
    setDraft((current) => ({ ...current, [layer]: current[layer].filter((_, i) => i !== index) }));
    // Errors are keyed by position: after a removal they would point at the wrong rule.
    setErrors({});
    setStatus("idle");
  };
  const add = (layer: Layer, kind: string) => {
    setDraft((current) => ({ ...current, [layer]: [...current[layer], newRuleDraft(layer, kind)] }));
    setStatus("idle");
  };

  const onSave = () =>
    startTransition(async () => {
      const result = await save(anchor, draft);
      if (result.ok) {
        setErrors({});
        setStatus("saved");
        router.refresh();
        return;
      }
      if (result.errors) {
        setErrors(Object.fromEntries(result.errors.map((error) => [error.field, error])));
        setStatus("invalid");
      } else {
        setStatus(result.error ?? "unexpected");
      }
    });

  const errorText = (key: string) => {
    const error = errors[key];
    return error ? t(`errors.${error.key}`, error.values ?? {}) : null;
  };

  return (
    <div>
      {LAYERS.map((layer, layerIndex) => (
        <LayerPanel
          key={layer}
          layer={layer}
          number={layerIndex + 1}
          rules={draft[layer]}
          canEdit={canEdit}
          readOnlyReason={readOnlyReason}
          errorText={errorText}
          onUpdate={(index, change) => update(layer, index, change)}
          onRemove={(index) => remove(layer, index)}
          onAdd={(kind) => add(layer, kind)}
        />
      ))}
      <div className="mt-8 flex flex-wrap items-center justify-between gap-3 rounded-2xl border border-slate-200 bg-white/95 px-5 py-4 shadow-lg backdrop-blur dark:border-slate-800 dark:bg-slate-900/95">
        <p role="status" aria-live="polite" className="text-sm text-slate-600 dark:text-slate-400">
          {status === "saved"
            ? t("saved")
            : status === "invalid"
              ? <span className="font-medium text-red-700 dark:text-red-300">{t("fixErrors")}</span>
              : status !== "idle"
                ? <span className="font-medium text-red-700 dark:text-red-300">{actionErrorText(status)}</span>
                : !canEdit && readOnlyReason
                  ? readOnlyReason
                  : dirty
                    ? t("unsaved")
                    : t("upToDate")}
        </p>
        <div className="flex gap-2">
          {dirty && canEdit && (
            <Button variant="secondary" fullWidth={false} onClick={() => { setDraft(initial); setErrors({}); setStatus("idle"); }}>
              {t("discard")}
            </Button>
          )}
          <Button fullWidth={false} onClick={onSave} busy={pending} busyLabel={t("saving")} disabled={!canEdit} title={readOnlyReason ?? undefined}>
            {t("save")}
          </Button>
        </div>
      </div>
    </div>
  );
}

function LayerPanel({
  layer,
  number,
  rules,
  canEdit,
  readOnlyReason,
  errorText,
  onUpdate,
  onRemove,
  onAdd,
}: {
  layer: Layer;
  number: number;
  rules: RuleDraft[];
  canEdit: boolean;
  readOnlyReason: string | null;
  errorText: (key: string) => string | null;
  onUpdate: (index: number, change: (rule: RuleDraft) => RuleDraft) => void;
  onRemove: (index: number) => void;
  onAdd: (kind: string) => void;
}) {
  const t = useTranslations("withApplication.rules");
  const [kind, setKind] = useState<string>(LAYER_KINDS[layer][0]!);
  const enabledCount = rules.filter((rule) => rule.enabled).length;
  return (
    <Panel id={`layer-${layer}`} title={t(`layers.${layer}.title`, { number })} lead={t(`layers.${layer}.lead`)}>
      {enabledCount === 0 && (
        <div className="mb-4">
          <Notice tone="warning">{t(`layers.${layer}.empty`)}</Notice>
        </div>
      )}
      {rules.length > 0 && (
        <ol className="space-y-4">
          {rules.map((rule, index) => (
            <li key={index}>
              <RuleCard
                rule={rule}
                index={index}
                canEdit={canEdit}
                errorText={errorText}
                onChange={(change) => onUpdate(index, change)}
                onRemove={() => onRemove(index)}
              />
            </li>
          ))}
        </ol>
      )}
      <div className="mt-5 flex flex-col gap-2 border-t border-slate-100 pt-5 sm:flex-row sm:items-end dark:border-slate-800">
        <div className="min-w-0 flex-1">
          <label htmlFor={`add-${layer}`} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
            {t(`layers.${layer}.addLabel`)}
          </label>
          <select id={`add-${layer}`} value={kind} onChange={(event) => setKind(event.target.value)} disabled={!canEdit} className={`mt-1.5 ${selectClasses}`}>
            {LAYER_KINDS[layer].map((option) => (
              <option key={option} value={option}>
                {t(`kinds.${option}.title`)}
              </option>
            ))}
          </select>
        </div>
        <Button variant="secondary" fullWidth={false} onClick={() => onAdd(kind)} disabled={!canEdit} title={readOnlyReason ?? undefined}>
          {t("addRule")}
        </Button>
      </div>
    </Panel>
  );
}

function RuleCard({
  rule,
  index,
  canEdit,
  errorText,
  onChange,
  onRemove,
}: {
  rule: RuleDraft;
  index: number;
  canEdit: boolean;
  errorText: (key: string) => string | null;
  onChange: (change: (rule: RuleDraft) => RuleDraft) => void;
  onRemove: () => void;
}) {
  const t = useTranslations("withApplication.rules");
  const id = (field: string) => `rule-${rule.layer}-${index}-${field}`;
  const fields = PAYLOAD_FIELDS[rule.kind] ?? [];
  const payloadError = errorText(fieldKey(rule.layer, index, "payload"));
  const accessError = errorText(fieldKey(rule.layer, index, "accessTokenTtlSeconds"));
  const refreshError = errorText(fieldKey(rule.layer, index, "refreshTokenTtlSeconds"));
  const hasTtl = rule.accessTokenTtlSeconds !== "" || rule.refreshTokenTtlSeconds !== "";
  const title = t(`kinds.${rule.kind}.title`);
  return (
    <article
      aria-label={title}
      className={`rounded-xl border p-4 sm:p-5 ${rule.enabled ? "border-slate-200 dark:border-slate-700" : "border-dashed border-slate-300 bg-slate-50 dark:border-slate-700 dark:bg-slate-950/50"}`}
    >
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 sm:flex-1">
          <h3 className="font-semibold text-slate-900 dark:text-white">
            {title}
            {!rule.enabled && (
              <span className="ml-2 rounded-full bg-slate-200 px-2 py-0.5 align-middle text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-300">{t("disabledBadge")}</span>
            )}
          </h3>
          <p className="mt-0.5 font-mono text-xs text-slate-500 dark:text-slate-400">{rule.kind}</p>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t(`kinds.${rule.kind}.description`)}</p>
        </div>
        <div className="flex shrink-0 items-center gap-3">
          <label className="inline-flex items-center gap-2 text-sm font-medium text-slate-700 dark:text-slate-300">
            <input
              type="checkbox"
              checked={rule.enabled}
              disabled={!canEdit}
              onChange={(event) => onChange((current) => ({ ...current, enabled: event.target.checked }))}
              className="h-4 w-4 rounded border-slate-300 accent-brand-600"
            />
            {t("enabled")}
          </label>
          <Button variant="danger" size="sm" fullWidth={false} onClick={onRemove} disabled={!canEdit} aria-label={t("removeNamed", { rule: title })}>
            {t("remove")}
          </Button>
        </div>
      </div>
      {payloadError && <FieldMessage id={id("payload-error")}>{payloadError}</FieldMessage>}
      {fields.length > 0 && (
        <div className="mt-4 grid gap-4">
          {fields.map((field) => (
            <PayloadField
              key={field.name}
              id={id(field.name)}
              field={field}
              value={rule.fields[field.name]}
              disabled={!canEdit}
              error={errorText(fieldKey(rule.layer, index, field.name))}
              onChange={(value) => onChange((current) => ({ ...current, fields: { ...current.fields, [field.name]: value } }))}
            />
          ))}
        </div>
      )}
      <details className="mt-4 group" open={hasTtl || Boolean(accessError || refreshError)}>
        <summary className="cursor-pointer text-sm font-medium text-brand-700 dark:text-brand-300">{t("ttl.summary")}</summary>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{t("ttl.lead")}</p>
        <div className="mt-3 grid gap-4 sm:grid-cols-2">
          <TtlInput id={id("accessTokenTtlSeconds")} label={t("ttl.access")} hint={t("ttl.accessHint")} value={rule.accessTokenTtlSeconds} error={accessError} disabled={!canEdit} onChange={(value) => onChange((current) => ({ ...current, accessTokenTtlSeconds: value }))} />
          <TtlInput id={id("refreshTokenTtlSeconds")} label={t("ttl.refresh")} hint={t("ttl.refreshHint")} value={rule.refreshTokenTtlSeconds} error={refreshError} disabled={!canEdit} onChange={(value) => onChange((current) => ({ ...current, refreshTokenTtlSeconds: value }))} />
        </div>
      </details>
    </article>
  );
}

function TtlInput({ id, label, hint, value, error, disabled, onChange }: { id: string; label: string; hint: string; value: string; error: string | null; disabled: boolean; onChange: (value: string) => void }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
        {label}
      </label>
      <input
        id={id}
        inputMode="numeric"
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        className={`mt-1.5 ${inputClasses} ${inputStateClasses(Boolean(error))} ${disabledInput}`}
      />
      {error ? <FieldMessage id={`${id}-error`}>{error}</FieldMessage> : <p id={`${id}-hint`} className="mt-1.5 text-sm text-slate-500 dark:text-slate-400">{hint}</p>}
    </div>
  );
}

function PayloadField({ id, field, value, disabled, error, onChange }: { id: string; field: FieldSpec; value: unknown; disabled: boolean; error: string | null; onChange: (value: string | boolean | string[]) => void }) {
  const t = useTranslations("withApplication.rules.fields");
  const label = t(`${field.name}.label`);
  const hint = t(`${field.name}.hint`);
  const describedBy = error ? `${id}-error` : `${id}-hint`;
  const message = error ? <FieldMessage id={`${id}-error`}>{error}</FieldMessage> : <p id={`${id}-hint`} className="mt-1.5 text-sm text-slate-500 dark:text-slate-400">{hint}</p>;

  if (field.type === "boolean") {
    return (
      <div>
        <label className="inline-flex items-center gap-2 text-sm font-medium text-slate-800 dark:text-slate-200">
          <input type="checkbox" checked={value === true} disabled={disabled} onChange={(event) => onChange(event.target.checked)} aria-describedby={describedBy} className="h-4 w-4 rounded border-slate-300 accent-brand-600" />
          {label}
        </label>
        {message}
      </div>
    );
  }
  if (field.type === "scopes") {
    const selected = Array.isArray(value) ? (value as string[]) : [];
    return (
      <fieldset aria-describedby={describedBy}>
        <legend className="block text-sm font-medium text-slate-800 dark:text-slate-200">{label}</legend>
        <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
          {OIDC_SCOPES.map((scope) => (
            <label key={scope} className="inline-flex items-center gap-2 font-mono text-sm text-slate-700 dark:text-slate-300">
              <input
                type="checkbox"
                checked={selected.includes(scope)}
                disabled={disabled}
                onChange={(event) => onChange(event.target.checked ? [...selected, scope] : selected.filter((entry) => entry !== scope))}
                className="h-4 w-4 rounded border-slate-300 accent-brand-600"
              />
              {scope}
            </label>
          ))}
        </div>
        {message}
      </fieldset>
    );
  }
  if (field.type === "authMethod") {
    return (
      <div>
        <label htmlFor={id} className="block text-sm font-medium text-slate-800 dark:text-slate-200">{label}</label>
        <select id={id} value={String(value ?? "")} disabled={disabled} onChange={(event) => onChange(event.target.value)} aria-describedby={describedBy} aria-invalid={error ? true : undefined} className={`mt-1.5 ${selectClasses}`}>
          {TOKEN_ENDPOINT_AUTH_METHODS.map((method) => (
            <option key={method} value={method}>{method}</option>
          ))}
        </select>
        {message}
      </div>
    );
  }
  const multiline = field.type === "lines" || field.type === "uriLines" || field.type === "numberLines";
  const common = {
    id,
    value: String(value ?? ""),
    disabled,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy,
    className: `mt-1.5 ${inputClasses} ${inputStateClasses(Boolean(error))} ${disabledInput} font-mono text-sm`,
  };
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800 dark:text-slate-200">{label}</label>
      {multiline ? (
        <textarea {...common} rows={Math.min(6, Math.max(2, String(value ?? "").split("\n").length + 1))} onChange={(event) => onChange(event.target.value)} spellCheck={false} />
      ) : (
        <input {...common} onChange={(event) => onChange(event.target.value)} spellCheck={false} />
      )}
      {message}
    </div>
  );
}
