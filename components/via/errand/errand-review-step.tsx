"use client";

// "<app> would like to know:" — the decisions the errand is for: REQUIRED
// claims locked on, OPTIONAL and SYNTHETIC ones unchecked by default (the
// same rows as the sign-in consent step), and REQUIRED names the account
// lacks typed in place. Continue settles it; COMPLETED comes back when
// nothing is owed any more.
import type { FormEvent } from "react";
import { useTranslations } from "next-intl";
import type { ClaimPolicy } from "@/lib/applications/claim-policy";
import type { NameClaim } from "@/lib/errand/errand-view";
import type { Claim, Requirement } from "@/lib/identity/claims-vocabulary";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Monogram } from "@/components/ui/card";
import { keep } from "../keep-together";
import { useConsentForm } from "../use-consent-form";
import { errandApi } from "./errand-api";
import { useErrandAction, useErrandFlow, useErrandMessage } from "./errand-context";
import { ErrandStepHeader } from "./errand-step-header";

export function ErrandReviewStep({ ask, missingNames, requirements }: { ask: Claim[]; missingNames: NameClaim[]; requirements: ClaimPolicy }) {
  const t = useTranslations("errand.review");
  const tConsent = useTranslations("via.consent");
  const flow = useErrandFlow();
  const translate = useErrandMessage();
  const { busy, error, run } = useErrandAction<"complete">();
  const requirementOf = (claim: Claim): Requirement => (requirements[claim] !== "OFF" ? requirements[claim] : "OPTIONAL");
  const consent = useConsentForm({ ask, missing: missingNames, requirementOf, application: flow.application });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const answers = consent.collect();
    if (answers) void run("complete", () => errandApi.complete(flow.errandKey, answers.decisions, answers.profile), flow.show);
  };

  return (
    <>
      <ErrandStepHeader
        badge={<Monogram name={flow.application} />}
        title={t.rich("title", { application: flow.application, keep })}
        lead={consent.rows.length > 0 ? t("lead") : t("nothingToDecide")}
      />
      {error && (
        <Alert tone="error" className="mt-6">
          {translate(error)}
        </Alert>
      )}
      <form ref={consent.form} noValidate onSubmit={submit} className="mt-6">
        {consent.fields}
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
