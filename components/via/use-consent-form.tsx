"use client";

// The claim rows of a consent decision and their state — shared by the
// sign-in consent step and the Errand's review, which differ only in what
// they submit to and what surrounds the rows: one checkbox per claim
// (REQUIRED locked on), missing names typed in place, and on submit either
// the answers or, when a name is still empty, focus on it.
import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { CLAIMS, type Claim, type Requirement } from "@/lib/identity/claims-vocabulary";
import { consentAnswers, type ConsentAnswers, type NameClaim } from "./consent-answers";
import { ConsentRow } from "./steps/consent-row";

const isNameClaim = (claim: Claim): claim is NameClaim => claim === "firstName" || claim === "lastName";

export function useConsentForm({ ask, missing, requirementOf, application }: {
  /** The claims to decide. */
  ask: readonly Claim[];
  /** Claims the account has no data for; the names among them are typed in. */
  missing: readonly Claim[];
  requirementOf: (claim: Claim) => Requirement;
  application: string;
}) {
  const t = useTranslations("via.consent");
  const [checked, setChecked] = useState<Partial<Record<Claim, boolean>>>({});
  const [names, setNames] = useState<Record<NameClaim, string>>({ firstName: "", lastName: "" });
  const [nameErrors, setNameErrors] = useState<Partial<Record<NameClaim, string>>>({});
  const form = useRef<HTMLFormElement>(null);

  const missingNames = missing.filter(isNameClaim);
  const rows = CLAIMS.filter((claim) => ask.includes(claim) || missing.includes(claim));

  /** The answers to submit, or null after focusing the first name still to type. */
  const collect = (): ConsentAnswers | null => {
    const answers = consentAnswers({ missingNames, names, ask, requirementOf, checked, missingError: (claim) => t(`missingError.${claim}`) });
    setNameErrors(answers.nameErrors);
    if (!answers.firstInvalid) return answers;
    form.current?.querySelector<HTMLInputElement>(`#profile-${answers.firstInvalid}`)?.focus();
    return null;
  };

  const fields =
    rows.length === 0 ? null : (
      <fieldset>
        <legend className="sr-only">{t("legend")}</legend>
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
          {rows.map((claim) => (
            <ConsentRow
              key={claim}
              claim={claim}
              requirement={requirementOf(claim)}
              asked={ask.includes(claim)}
              checked={checked[claim] === true}
              onCheckedChange={(value) => setChecked((current) => ({ ...current, [claim]: value }))}
              application={application}
              missing={
                isNameClaim(claim) && missingNames.includes(claim)
                  ? { value: names[claim], error: nameErrors[claim] ?? null, onChange: (value) => setNames((current) => ({ ...current, [claim]: value })) }
                  : null
              }
            />
          ))}
        </ul>
      </fieldset>
    );

  return { form, rows, collect, fields };
}
