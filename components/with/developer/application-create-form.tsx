"use client";
// Creating an application: organization, anchor, localized names, sector (a
// fresh one by default). On success the form gives way to the private key,
// shown once, and the way on to the Rules tab — a new application has no rules
// and so cannot be signed in to yet (default-deny).
import Link from "next/link";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { inputClasses, inputStateClasses, TextField } from "@/components/ui/text-field";
import { Alert } from "@/components/ui/alert";
import type { CreateApplicationResult } from "./actions/applications";
import { FormError, useErrorText, useKeptFormAction } from "./action-ui";
import { PrivateKeyOnce } from "./private-key-once";

export interface CreatableOrganization {
  anchor: string;
  name: string;
  sectors: { anchor: string; name: string }[];
}

const LOCALES = ["en-US", "de-DE", "fr-FR"] as const;

export function ApplicationCreateForm({
  action,
  organizations,
}: {
  action: (prev: CreateApplicationResult | null, form: FormData) => Promise<CreateApplicationResult>;
  organizations: CreatableOrganization[];
}) {
  const t = useTranslations("withDeveloper.newApplication");
  const { state, onSubmit, pending } = useKeptFormAction(action);
  const [organization, setOrganization] = useState(organizations[0]?.anchor ?? "");
  const errorText = useErrorText();

  if (state?.ok) {
    return (
      <div className="grid gap-5">
        <Alert tone="success">{t("created", { anchor: state.anchor })}</Alert>
        <PrivateKeyOnce anchor={state.anchor} privateKey={state.privateKey} />
        <Alert tone="info">{t("noRulesYet")}</Alert>
        <div className="flex flex-wrap gap-3">
          <Link
            href={`/with/applications/${state.anchor}/rules`}
            className="inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 py-2.5 font-semibold text-white hover:bg-brand-700 dark:bg-brand-500 dark:hover:bg-brand-400"
          >
            {t("toRules")}
          </Link>
          <Link
            href={`/with/applications/${state.anchor}`}
            className="inline-flex min-h-11 items-center rounded-lg border border-slate-300 px-4 py-2.5 font-semibold text-slate-900 hover:bg-slate-50 dark:border-slate-700 dark:text-slate-100 dark:hover:bg-slate-800"
          >
            {t("toOverview")}
          </Link>
        </div>
      </div>
    );
  }

  const failure = state && !state.ok ? state : null;
  const fieldError = (name: string) => (failure?.field === name ? errorText(failure.error) : null);
  const sectors = organizations.find((o) => o.anchor === organization)?.sectors ?? [];
  const selectClasses = `mt-1.5 ${inputClasses} ${inputStateClasses(false)}`;

  return (
    <form onSubmit={onSubmit} className="grid gap-5">
      <div>
        <label htmlFor="application-organization" className="block text-sm font-medium text-slate-800 dark:text-slate-200">
          {t("organization")}
        </label>
        <select id="application-organization" name="organization" value={organization} onChange={(event) => setOrganization(event.target.value)} className={selectClasses}>
          {organizations.map((o) => (
            <option key={o.anchor} value={o.anchor}>
              {o.name}
            </option>
          ))}
        </select>
      </div>
      <TextField
        id="application-anchor"
        name="anchor"
        label={t("anchor")}
        hint={t("anchorHint")}
        required
        minLength={3}
        maxLength={64}
        autoComplete="off"
        spellCheck={false}
        placeholder="my-app"
        inputClassName="font-mono"
        error={fieldError("anchor")}
      />
      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 text-sm font-medium text-slate-800 dark:text-slate-200">{t("names")}</legend>
        {LOCALES.map((locale) => (
          <TextField
            key={locale}
            id={`name-${locale}`}
            name={`name-${locale}`}
            label={t(`name.${locale}`)}
            required={locale === "en-US"}
            maxLength={80}
            error={fieldError(`name-${locale}`)}
          />
        ))}
      </fieldset>
      <div>
        <label htmlFor="application-sector" className="block text-sm font-medium text-slate-800 dark:text-slate-200">
          {t("sector")}
        </label>
        <select id="application-sector" name="sector" defaultValue="new" key={organization} className={selectClasses} aria-describedby="application-sector-hint">
          <option value="new">{t("sectorNew")}</option>
          {sectors.map((sector) => (
            <option key={sector.anchor} value={sector.anchor}>
              {sector.name}
            </option>
          ))}
        </select>
        <p id="application-sector-hint" className="mt-1.5 text-sm text-slate-500 dark:text-slate-400">
          {t("sectorHint")}
        </p>
        <FormError message={fieldError("sector")} />
      </div>
      {failure && !["anchor", "sector", "name-en-US", "name-de-DE", "name-fr-FR"].includes(failure.field ?? "") && <FormError message={errorText(failure.error)} />}
      <div>
        <Button type="submit" busy={pending} busyLabel={t("creating")} fullWidth={false}>
          {t("create")}
        </Button>
      </div>
    </form>
  );
}
