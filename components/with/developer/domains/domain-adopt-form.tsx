"use client";
// Adopting a domain (docs 21): which organization claims it, and the domain.
// A format refusal is shown next to the domain field, with what was typed kept.
import { useEffect, useId, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import type { ActionResult } from "@/lib/portal/portal-action";
import { FormDisabledReason, FormError, useErrorText, useKeptFormAction } from "../action-ui";
import { DISABLED_INPUT } from "../organization-forms";
import { OrganizationSelect } from "../organization-select";

export function DomainAdoptForm({
  action,
  organizations,
  disabledReason,
}: {
  action: (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;
  organizations: { anchor: string; name: string }[];
  disabledReason: string | null;
}) {
  const t = useTranslations("withDomains");
  const errorText = useErrorText();
  const { state, onSubmit, pending } = useKeptFormAction(action);
  const reasonId = useId();
  const disabled = Boolean(disabledReason);
  const failure = state && !state.ok ? state : null;
  const message = failure ? errorText(failure.error) : null;
  const onDomain = failure?.field === "domain";

  // Each adoption starts a fresh, empty form.
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (state?.ok) setGeneration((n) => n + 1);
  }, [state]);

  return (
    <form onSubmit={onSubmit} key={generation} aria-describedby={disabled ? reasonId : undefined}>
      <FormDisabledReason id={reasonId} reason={disabledReason} />
      <div className="grid gap-4 sm:grid-cols-2">
        <OrganizationSelect id="domain-organization" label={t("organizationLabel")} organizations={organizations} disabled={disabled} />
        <TextField
          id="domain-name"
          name="domain"
          label={t("domainLabel")}
          hint={t("domainHint")}
          error={onDomain ? message : null}
          placeholder="example.com"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={253}
          required
          disabled={disabled}
          inputClassName={DISABLED_INPUT}
        />
      </div>
      {!onDomain && <FormError message={message} />}
      {state?.ok && (
        <p role="status" className="mt-3 text-sm text-emerald-700 dark:text-emerald-300">
          {t("adopted")}
        </p>
      )}
      <div className="mt-5">
        <Button type="submit" busy={pending} fullWidth={false} disabled={disabled}>
          {t("adopt")}
        </Button>
      </div>
    </form>
  );
}
