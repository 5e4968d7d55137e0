"use client";

// "<app> would like to know:" — the decisions the errand is for: REQUIRED
// claims locked on, OPTIONAL and SYNTHETIC ones unchecked by default (the
// same rows as the sign-in consent step), and REQUIRED names the account
// lacks typed in place. Continue settles it; COMPLETED comes back when
// nothing is owed any more.
import { useRef, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import type { ClaimPolicy } from "@/lib/applications/claim-policy";
import type { NameClaim } from "@/lib/errand/errand-view";
import { CLAIMS, type Claim, type Requirement } from "@/lib/identity/claims-vocabulary";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Monogram } from "@/components/ui/card";
import { consentAnswers } from "../consent-answers";
import { keep } from "../keep-together";
import { ConsentRow } from "../steps/consent-row";
import { errandApi } from "./errand-api";
import { useErrandAction, useErrandFlow, useErrandMessage } from "./errand-context";
import { ErrandStepHeader } from "./errand-step-header";

export function ErrandReviewStep({ ask, missingNames, requirements }: { ask: Claim[]; missingNames: NameClaim[]; requirements: ClaimPolicy }) {
  const t = useTranslations("errand.review");
  const tConsent = useTranslations("via.consent");
  const flow = useErrandFlow();
  const translate = useErrandMessage();
  const { busy, error, run } = useErrandAction<"complete">();
  const [checked, setChecked] = useState<Partial<Record<Claim, boolean>>>({});
  const [names, setNames] = useState<Record<NameClaim, string>>({ firstName: "", lastName: "" });
  const [nameErrors, setNameErrors] = useState<Partial<Record<NameClaim, string>>>({});
  const form = useRef<HTMLFormElement>(null);

  const isMissing = (claim: Claim): claim is NameClaim => (missingNames as Claim[]).includes(claim);
  const rows = CLAIMS.filter((claim) => ask.includes(claim) || isMissing(claim));
  const requirementOf = (claim: Claim): Requirement => (requirements[claim] !== "OFF" ? requirements[claim] : "OPTIONAL");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const answers = consentAnswers({ missingNames, names, ask, requirementOf, checked, missingError: (claim) => tConsent(`missingError.${claim}`) });
    setNameErrors(answers.nameErrors);
    if (answers.firstInvalid) {
      form.current?.querySelector<HTMLInputElement>(`#profile-${answers.firstInvalid}`)?.focus();
      return;
    }
    void run("complete", () => errandApi.complete(flow.errandKey, answers.decisions, answers.profile), flow.show);
  };

  return (
    <>
      <ErrandStepHeader
        badge={<Monogram name={flow.application} />}
        title={t.rich("title", { application: flow.application, keep })}
        lead={rows.length > 0 ? t("lead") : t("nothingToDecide")}
      />
      {error && (
        <Alert tone="error" className="mt-6">
          {translate(error)}
        </Alert>
      )}
      <form ref={form} noValidate onSubmit={submit} className="mt-6">
        {rows.length > 0 && (
          <fieldset>
            <legend className="sr-only">{tConsent("legend")}</legend>
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
                    isMissing(claim)
                      ? { value: names[claim], error: nameErrors[claim] ?? null, onChange: (value) => setNames((current) => ({ ...current, [claim]: value })) }
                      : null
                  }
                />
              ))}
            </ul>
          </fieldset>
        )}
        <p className="mt-4 text-sm text-slate-500 dark:text-slate-400">{tConsent("changeLater")}</p>
        <div className="mt-6">
          <Button type="submit" busy={busy === "complete"} busyLabel={t("submitting")}>
            {t("continue")}
          </Button>
        </div>
      </form>
    </>
  );
}
