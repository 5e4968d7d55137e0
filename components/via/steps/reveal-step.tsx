"use client";

// REVEAL (docs 09): the tokens are shown here once — nothing stores them for
// the user — so they can be copied by hand. REVEAL wins over the redirect;
// "Continue to <app>" follows when a CALLBACK was declared too.
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { StatusBadge } from "@/components/ui/card";
import { KeyIcon } from "@/components/ui/icons";
import { useFlow } from "../flow-context";
import { StepHeader } from "../step-header";
import { TokenRow } from "./token-row";

export function RevealStep({ tokens, continueTo }: { tokens: { accessToken?: string; refreshToken?: string }; continueTo: string | null }) {
  const t = useTranslations("via.reveal");
  const flow = useFlow();
  return (
    <>
      <StepHeader
        badge={
          <StatusBadge tone="success">
            <KeyIcon />
          </StatusBadge>
        }
        title={t("title")}
        lead={t("lead", { application: flow.application })}
      />
      <Alert tone="warning" className="mt-6">
        {t("onceWarning")}
      </Alert>
      <div className="mt-6 divide-y divide-slate-200 rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
        {tokens.accessToken && <TokenRow label={t("accessToken")} token={tokens.accessToken} />}
        {tokens.refreshToken && <TokenRow label={t("refreshToken")} token={tokens.refreshToken} />}
      </div>
      <div className="mt-8">
        {continueTo ? (
          <Button onClick={() => window.location.assign(continueTo)}>{t("continue", { application: flow.application })}</Button>
        ) : (
          <p className="text-center text-sm text-slate-600 dark:text-slate-400">{t("closeTab")}</p>
        )}
      </div>
    </>
  );
}
