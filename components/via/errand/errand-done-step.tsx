"use client";

// The errand is COMPLETED: the native client sees it (or the user tells it)
// and retries its direct-issue call.
import { useTranslations } from "next-intl";
import { StatusBadge } from "@/components/ui/card";
import { CheckIcon } from "@/components/ui/icons";
import { useErrandFlow } from "./errand-context";
import { ErrandStepHeader } from "./errand-step-header";

export function ErrandDoneStep() {
  const t = useTranslations("errand.done");
  const flow = useErrandFlow();
  return (
    <ErrandStepHeader
      badge={
        <StatusBadge tone="success">
          <CheckIcon />
        </StatusBadge>
      }
      title={t("title")}
      lead={t("lead", { application: flow.application })}
    />
  );
}
