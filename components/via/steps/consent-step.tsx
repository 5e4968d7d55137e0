"use client";

// "<app> would like to know:" — the claims this sign-in must settle, and the
// REQUIRED names the account still lacks. Continue records the decisions
// (unchecked = declined, remembered) and finishes the sign-in; Cancel leaves
// (lib/via/decline.ts: an OIDC relying party is sent access_denied at once).
import type { FormEvent } from "react";
import { useTranslations } from "next-intl";
import type { Claim, Requirement } from "@/lib/identity/claims-vocabulary";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Monogram } from "@/components/ui/card";
import { useFlow } from "../flow-context";
import { keep } from "../keep-together";
import { StepHeader } from "../step-header";
import { useStepAction } from "../use-step-action";
import { useConsentForm } from "../use-consent-form";
import { useTranslateMessage } from "../use-translate-message";
import { viaApi } from "../via-api";

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
  const { busy, error, run } = useStepAction<"consent" | "cancel">();
  // A claim the policy no longer names is shown as the user's choice: never force sharing by guesswork.
  const requirementOf = (claim: Claim): Requirement => {
    const requirement = requirements?.[claim];
    return requirement && requirement !== "OFF" ? requirement : "OPTIONAL";
  };
  const consent = useConsentForm({ ask, missing: missingData, requirementOf, application: flow.application });
  // An email cannot be typed in here: an account without one cannot satisfy a REQUIRED email.
  const emailMissing = missingData.includes("email");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const answers = consent.collect();
    if (answers) void run("consent", () => viaApi.consent(flow.exposureKey, answers.decisions, answers.profile), flow.proceed);
  };

  const cancel = () =>
    void run("cancel", () => viaApi.decline(flow.exposureKey), (declined) => (declined.next === "cancelled" ? onCancel() : flow.proceed(declined)));

  return (
    <>
      <StepHeader badge={<Monogram name={flow.application} />} title={t.rich("title", { application: flow.application, keep })} lead={t("lead")} />
      <div className="mt-6 space-y-3 empty:hidden">
        {error && <Alert tone="error">{translate(error)}</Alert>}
        {emailMissing && <Alert tone="warning">{t("emailMissing", { application: flow.application })}</Alert>}
      </div>
      <form ref={consent.form} noValidate onSubmit={submit} className="mt-6">
        {consent.fields}
        <p className="mt-4 text-sm text-slate-500 dark:text-slate-400">{t("changeLater")}</p>
        <div className="mt-6 grid gap-3 sm:grid-cols-2">
          <Button type="submit" busy={busy === "consent"} busyLabel={t("submitting")} disabled={emailMissing} className="sm:order-2">
            {t("continue")}
          </Button>
          <Button variant="secondary" onClick={cancel} busy={busy === "cancel"} busyLabel={t("cancelling")} disabled={busy !== null} className="sm:order-1">
            {t("cancel")}
          </Button>
        </div>
      </form>
    </>
  );
}
