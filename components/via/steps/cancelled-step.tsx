"use client";

// The user declined the consent screen: nothing was shared and the
// application is not told anything; its inquiry simply expires. They may
// still change their mind while this page is open.
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { useFlow } from "../flow-context";
import { StepHeader, StopBadge } from "../step-header";

export function CancelledStep({ onReview }: { onReview: () => void }) {
  const t = useTranslations("via.cancelled");
  const flow = useFlow();
  return (
    <>
      <StepHeader
        badge={<StopBadge />}
        title={t("title")}
        lead={t("lead", { application: flow.application })}
      />
      <div className="mt-8">
        <Button variant="secondary" onClick={onReview}>
          {t("review")}
        </Button>
      </div>
    </>
  );
}
