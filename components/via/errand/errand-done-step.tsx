"use client";

// The errand is COMPLETED: the native client sees it (or the user tells it)
// and retries its direct-issue call.
import { useTranslations } from "next-intl";
import { DoneBadge } from "../step-header";
import { useErrandFlow } from "./errand-context";
import { ErrandStepHeader } from "./errand-step-header";

export function ErrandDoneStep() {
  const t = useTranslations("errand.done");
  const flow = useErrandFlow();
  return (
    <ErrandStepHeader
      badge={<DoneBadge />}
      title={t("title")}
      lead={t("lead", { application: flow.application })}
    />
  );
}
