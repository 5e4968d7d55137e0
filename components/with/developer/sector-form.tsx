"use client";
// Creating a sector in one of the caller's organizations (ADMIN and up).
import { useId } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { inputClasses, inputStateClasses, TextField } from "@/components/ui/text-field";
import type { ActionResult } from "@/lib/portal/portal-action";
import { DisabledReason, FormError, useErrorText, useKeptFormAction } from "./action-ui";

export function CreateSectorForm({
  action,
  organizations,
  disabledReason,
}: {
  action: (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;
  organizations: { anchor: string; name: string }[];
  disabledReason?: string | null;
}) {
  const t = useTranslations("withDeveloper.sectors");
  const { state, onSubmit, pending } = useKeptFormAction(action);
  const errorText = useErrorText();
  const failure = state && !state.ok ? state : null;
  const reasonId = useId();
  const disabled = Boolean(disabledReason);
  // Nowhere to create a sector: say why instead of showing an empty form.
  if (organizations.length === 0) return <DisabledReason id={reasonId}>{disabledReason}</DisabledReason>;
  return (
    <form onSubmit={onSubmit} key={state?.ok ? "created" : "open"}>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <div className="sm:w-60">
          <label htmlFor="sector-organization" className="block text-sm font-medium text-slate-800 dark:text-slate-200">
            {t("organizationLabel")}
          </label>
          <select id="sector-organization" name="organization" disabled={disabled} className={`mt-1.5 ${inputClasses} ${inputStateClasses(false)}`}>
            {organizations.map((organization) => (
              <option key={organization.anchor} value={organization.anchor}>
                {organization.name}
              </option>
            ))}
          </select>
        </div>
        <TextField
          id="sector-name"
          name="name"
          label={t("nameLabel")}
          hint={t("nameHint")}
          required
          maxLength={80}
          disabled={disabled}
          error={failure?.field === "name" ? errorText(failure.error) : null}
          className="flex-1"
        />
        <div className="sm:mt-7">
          <Button type="submit" busy={pending} fullWidth={false} disabled={disabled} aria-describedby={disabledReason ? reasonId : undefined}>
            {t("create")}
          </Button>
        </div>
      </div>
      {failure?.field !== "name" && <FormError message={errorText(failure?.error)} />}
      {disabledReason && <DisabledReason id={reasonId}>{disabledReason}</DisabledReason>}
    </form>
  );
}
