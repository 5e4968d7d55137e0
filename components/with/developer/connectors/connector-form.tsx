"use client";
// The connector form, for registering one and for editing it (docs 23). The
// client secret is a write-only password field: it starts empty, also when
// editing (blank keeps the stored secret), and is gone from the page once the
// save succeeds. A refusal is shown next to the field it is about — the
// discovery check's next to the issuer. An edit refused for want of the sole
// owner is one of a connector a domain's SSO_ONLY policy pins: it says so.
import { useEffect, useId, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { TextField, type TextFieldProps } from "@/components/ui/text-field";
import type { ActionResult } from "@/lib/portal/portal-action";
import { FormDisabledReason, FormError, useErrorText, useKeptFormAction } from "../action-ui";
import { DISABLED_INPUT } from "../organization-forms";
import { OrganizationSelect } from "../organization-select";

const FIELDS = ["displayName", "issuer", "clientId", "clientSecret", "scopes"] as const;
export const DEFAULT_SCOPES = "openid email profile";

export interface ConnectorValues {
  displayName: string;
  issuer: string;
  clientId: string;
  scopes: string;
}

type FormAction = (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;

export function ConnectorForm({
  action,
  idPrefix,
  values,
  organizations,
  disabledReason,
  onSaved,
  onCancel,
}: {
  action: FormAction;
  idPrefix: string;
  /** The connector being edited; absent when registering a new one. */
  values?: ConnectorValues;
  /** Where a new connector may go (registering only). */
  organizations?: { anchor: string; name: string }[];
  disabledReason?: string | null;
  onSaved?: () => void;
  onCancel?: () => void;
}) {
  const t = useTranslations("withConnectors");
  const errorText = useErrorText();
  const { state, onSubmit, pending } = useKeptFormAction(action);
  const reasonId = useId();
  const editing = values !== undefined;
  const disabled = Boolean(disabledReason);
  const failure = state && !state.ok ? state : null;
  const onField = FIELDS.find((name) => name === failure?.field) ?? null;
  const message =
    failure &&
    (failure.error === "invalid" && onField ? t(`invalid.${onField}`) : failure.error === "soleOwnerOnly" ? t("pinnedNeedsSoleOwner") : errorText(failure.error));
  const errorOf = (name: (typeof FIELDS)[number]) => (onField === name ? message : null);

  // Each registration starts a fresh, empty form (the secret typed is gone with it).
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (!state?.ok) return;
    if (!editing) setGeneration((n) => n + 1);
    onSaved?.();
  }, [state, editing, onSaved]);

  const field = (name: (typeof FIELDS)[number], extra: Partial<TextFieldProps> = {}) => (
    <TextField
      id={`${idPrefix}-${name}`}
      name={name}
      label={t(`${name}Label`)}
      error={errorOf(name)}
      disabled={disabled}
      inputClassName={DISABLED_INPUT}
      spellCheck={false}
      required
      {...extra}
    />
  );

  return (
    <form onSubmit={onSubmit} key={generation} aria-describedby={disabled ? reasonId : undefined}>
      <FormDisabledReason id={reasonId} reason={disabledReason} />
      <div className="grid gap-4 sm:grid-cols-2">
        {organizations && (
          <OrganizationSelect id={`${idPrefix}-organization`} label={t("organizationLabel")} organizations={organizations} disabled={disabled} className="sm:col-span-2 sm:w-1/2 sm:pr-2" />
        )}
        {field("displayName", { defaultValue: values?.displayName, hint: t("displayNameHint"), maxLength: 100, placeholder: "Acme Corp SSO", spellCheck: true })}
        {field("issuer", { defaultValue: values?.issuer, hint: t("issuerHint"), type: "url", maxLength: 500, placeholder: "https://login.acme.example" })}
        {field("clientId", { defaultValue: values?.clientId, maxLength: 500, autoComplete: "off" })}
        {field("clientSecret", {
          type: "password",
          autoComplete: "off",
          maxLength: 2000,
          required: !editing,
          hint: editing ? t("clientSecretHintEdit") : t("clientSecretHintCreate"),
        })}
        {field("scopes", { defaultValue: values?.scopes ?? DEFAULT_SCOPES, hint: t("scopesHint"), autoComplete: "off", className: "sm:col-span-2" })}
      </div>
      {!onField && <FormError message={message} />}
      {state?.ok && !editing && (
        <p role="status" className="mt-3 text-sm text-emerald-700 dark:text-emerald-300">
          {t("created")}
        </p>
      )}
      <div className="mt-5 flex flex-wrap gap-2">
        <Button type="submit" busy={pending} busyLabel={t("checking")} fullWidth={false} disabled={disabled}>
          {editing ? t("save") : t("create")}
        </Button>
        {onCancel && (
          <Button variant="ghost" fullWidth={false} onClick={onCancel}>
            {t("cancel")}
          </Button>
        )}
      </div>
    </form>
  );
}
