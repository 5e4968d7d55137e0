"use client";

// One claim on the consent screen (docs 12): REQUIRED is locked on, OPTIONAL
// and SYNTHETIC start unchecked (the user opts in), SYNTHETIC says what
// declining means. A REQUIRED name the account lacks is typed in right here.
import { useTranslations } from "next-intl";
import type { Claim, Requirement } from "@/lib/identity/claims-vocabulary";
import { TextField } from "@/components/ui/text-field";

export interface ConsentRowProps {
  claim: Claim;
  requirement: Requirement;
  asked: boolean;
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  /** Present when the account lacks this (REQUIRED) name: the value being typed. */
  missing: { value: string; error: string | null; onChange: (value: string) => void } | null;
  application: string;
}

const checkboxClasses =
  "mt-0.5 h-5 w-5 shrink-0 rounded border-slate-300 accent-brand-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:opacity-70 dark:border-slate-600";

export function ConsentRow({ claim, requirement, asked, checked, onCheckedChange, missing, application }: ConsentRowProps) {
  const t = useTranslations("via.consent");
  const locked = requirement === "REQUIRED" || !asked;
  const checkboxId = `claim-${claim}`;
  const disclosureId = `claim-${claim}-disclosure`;
  const requiredId = `claim-${claim}-required`;
  // Screen readers hear why a box cannot be unchecked, and what declining a synthetic claim means.
  const describedBy = [requirement === "REQUIRED" ? requiredId : null, requirement === "SYNTHETIC" ? disclosureId : null].filter(Boolean).join(" ") || undefined;
  return (
    <li className="px-4 py-4 sm:px-5">
      <div className="flex items-start gap-3">
        <input
          id={checkboxId}
          type="checkbox"
          checked={locked || checked}
          disabled={locked}
          onChange={(event) => onCheckedChange(event.currentTarget.checked)}
          aria-describedby={describedBy}
          className={checkboxClasses}
        />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <label htmlFor={checkboxId} className="font-medium text-slate-900 dark:text-slate-100">
              {t(`claims.${claim}`)}
            </label>
            {requirement === "REQUIRED" && (
              <span id={requiredId} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-300">{t("required")}</span>
            )}
          </div>
          {requirement === "SYNTHETIC" && (
            <p id={disclosureId} className="mt-1 text-sm text-slate-600 dark:text-slate-400">
              {t("syntheticDisclosure", { application })}
            </p>
          )}
          {missing && (
            <TextField
              id={`profile-${claim}`}
              className="mt-3"
              label={t(`missing.${claim}`)}
              autoComplete={claim === "firstName" ? "given-name" : "family-name"}
              required
              maxLength={100}
              value={missing.value}
              error={missing.error}
              onChange={(event) => missing.onChange(event.currentTarget.value)}
            />
          )}
        </div>
      </div>
    </li>
  );
}
