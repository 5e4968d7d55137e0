"use client";

// CALLBACK: send the browser to the application. A script navigation, not a
// form post — the CSP's form-action 'self' would block a cross-origin post.
// The link is the fallback for a blocked or slow navigation. A declined
// sign-in goes back too when the application waits for the answer (OIDC).
import { useEffect } from "react";
import { useTranslations } from "next-intl";
import { StatusBadge } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { useFlow } from "../flow-context";
import { keep } from "../keep-together";
import { StepHeader } from "../step-header";

export function ReturningStep({ redirectTo, declined = false }: { redirectTo: string; declined?: boolean }) {
  const t = useTranslations("via.returning");
  const flow = useFlow();
  useEffect(() => {
    window.location.assign(redirectTo);
  }, [redirectTo]);
  return (
    <>
      <StepHeader
        badge={
          <StatusBadge tone="brand">
            <Spinner className="h-7 w-7" />
          </StatusBadge>
        }
        title={t.rich("title", { application: flow.application, keep })}
        lead={declined ? t("declinedLead") : t("lead")}
      />
      <p className="mt-8 text-center text-sm text-slate-600 dark:text-slate-400">
        {t.rich("fallback", {
          application: flow.application,
          link: (chunks) => (
            <a href={redirectTo} className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800 dark:text-brand-300">
              {chunks}
            </a>
          ),
        })}
      </p>
    </>
  );
}
