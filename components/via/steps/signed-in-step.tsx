"use client";

// STATUS_POLL: the application is polling for this sign-in; nothing left to
// do here but go back to it.
import { useTranslations } from "next-intl";
import { useFlow } from "../flow-context";
import { DoneBadge, StepHeader } from "../step-header";

export function SignedInStep() {
  const t = useTranslations("via.signedIn");
  const flow = useFlow();
  return (
    <StepHeader
      badge={<DoneBadge />}
      title={t("title")}
      lead={t("lead", { application: flow.application })}
    />
  );
}
