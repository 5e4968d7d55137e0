"use client";
// Creating a sector in one of the caller's organizations (ADMIN and up).
import { useId } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import type { ActionResult } from "@/lib/portal/portal-action";
import { DisabledReason, FormError, useErrorText, useKeptFormAction } from "./action-ui";
import { OrganizationSelect } from "./organization-select";

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
        <OrganizationSelect id="sector-organization" label={t("organizationLabel")} organizations={organizations} disabled={disabled} className="sm:w-60" />
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
