"use client";

// "<app> would like to know:" — the claims this sign-in must settle, and the
// REQUIRED names the account still lacks. Continue records the decisions
// (unchecked = declined, remembered) and finishes the sign-in; Cancel leaves.
import { useRef, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { CLAIMS, type Claim, type Requirement } from "@/lib/identity/claims-vocabulary";
import { consentAnswers, type NameClaim } from "../consent-answers";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Monogram } from "@/components/ui/card";
import { useFlow } from "../flow-context";
import { keep } from "../keep-together";
import { StepHeader } from "../step-header";
import { useStepAction } from "../use-step-action";
import { useTranslateMessage } from "../use-translate-message";
import { viaApi } from "../via-api";
import { ConsentRow } from "./consent-row";

const isNameClaim = (claim: Claim): claim is NameClaim => claim === "firstName" || claim === "lastName";

export interface ConsentStepProps {
  ask: Claim[];
  missingData: Claim[];
  requirements: Record<Claim, Requirement> | null;
  onCancel: () => void;
}

export function ConsentStep({ ask, missingData, requirements, onCancel }: ConsentStepProps) {
  const t = useTranslations("via.consent");
  const flow = useFlow();
  const translate = useTranslateMessage();
  const { busy, error, run } = useStepAction<"consent">();
  const [checked, setChecked] = useState<Partial<Record<Claim, boolean>>>({});
  const [names, setNames] = useState<Record<NameClaim, string>>({ firstName: "", lastName: "" });
  const [nameErrors, setNameErrors] = useState<Partial<Record<NameClaim, string>>>({});
  const form = useRef<HTMLFormElement>(null);

  const rows = CLAIMS.filter((claim) => ask.includes(claim) || missingData.includes(claim));
  // A claim the policy no longer names is shown as the user's choice: never force sharing by guesswork.
  const requirementOf = (claim: Claim): Requirement => {
    const requirement = requirements?.[claim];
    return requirement && requirement !== "OFF" ? requirement : "OPTIONAL";
  };
  // An email cannot be typed in here: an account without one cannot satisfy a REQUIRED email.
  const emailMissing = missingData.includes("email");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const answers = consentAnswers({ missingNames: missingData.filter(isNameClaim), names, ask, requirementOf, checked, missingError: (claim) => t(`missingError.${claim}`) });
    setNameErrors(answers.nameErrors);
    if (answers.firstInvalid) {
      form.current?.querySelector<HTMLInputElement>(`#profile-${answers.firstInvalid}`)?.focus();
      return;
    }
    void run("consent", () => viaApi.consent(flow.exposureKey, answers.decisions, answers.profile), flow.proceed);
  };

  return (
    <>
      <StepHeader badge={<Monogram name={flow.application} />} title={t.rich("title", { application: flow.application, keep })} lead={t("lead")} />
      <div className="mt-6 space-y-3 empty:hidden">
        {error && <Alert tone="error">{translate(error)}</Alert>}
        {emailMissing && <Alert tone="warning">{t("emailMissing", { application: flow.application })}</Alert>}
      </div>
      <form ref={form} noValidate onSubmit={submit} className="mt-6">
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
                application={flow.application}
                missing={
                  isNameClaim(claim) && missingData.includes(claim)
                    ? {
                        value: names[claim],
                        error: nameErrors[claim] ?? null,
                        onChange: (value) => setNames((current) => ({ ...current, [claim]: value })),
                      }
                    : null
                }
              />
            ))}
          </ul>
        </fieldset>
        <p className="mt-4 text-sm text-slate-500 dark:text-slate-400">{t("changeLater")}</p>
        <div className="mt-6 grid gap-3 sm:grid-cols-2">
          <Button type="submit" busy={busy === "consent"} busyLabel={t("submitting")} disabled={emailMissing} className="sm:order-2">
            {t("continue")}
          </Button>
          <Button variant="secondary" onClick={onCancel} disabled={busy !== null} className="sm:order-1">
            {t("cancel")}
          </Button>
        </div>
      </form>
    </>
  );
}
