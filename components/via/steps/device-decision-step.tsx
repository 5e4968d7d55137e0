"use client";

// DEVICE (docs 19): signed in, the user compares the code their device shows
// with this one and approves or denies. The device then finishes on its own
// poll; this page never sees its device code or any token.
import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { StatusBadge } from "@/components/ui/card";
import { deviceApi } from "../device/device-api";
import { DeviceIcon } from "../device/device-icon";
import { deviceErrorKey } from "../device/device-errors";
import { UserCodeDisplay } from "../device/user-code-display";
import { useFlow } from "../flow-context";
import { keep } from "../keep-together";
import { DoneBadge, StepHeader, StopBadge } from "../step-header";

type Shown = { name: "ask"; error: string | null } | { name: "approved" | "denied" } | { name: "ended"; reason: "expired" | "used" | "forbidden" };

export function DeviceDecisionStep({ userCode }: { userCode: string }) {
  const t = useTranslations("device");
  const flow = useFlow();
  const [shown, setShown] = useState<Shown>({ name: "ask", error: null });
  const [busy, setBusy] = useState<"approve" | "deny" | null>(null);
  const running = useRef(false);

  const decide = async (decision: "approve" | "deny") => {
    if (running.current) return;
    running.current = true;
    setBusy(decision);
    const result = await deviceApi.decide(flow.exposureKey, decision);
    running.current = false;
    setBusy(null);
    if (result.ok) return setShown({ name: result.data.decision });
    const { reason } = result.error;
    if (reason === "UserCodeExpired" || reason === "InquiryExpired") return setShown({ name: "ended", reason: "expired" });
    if (reason === "UserCodeUsed") return setShown({ name: "ended", reason: "used" });
    if (reason === "Forbidden") return setShown({ name: "ended", reason: "forbidden" });
    // The browser's sign-in lapsed (or the request is gone): the sign-in card knows how to show that.
    if (reason === "SignInRequired" || reason === "InquiryNotFound") return flow.escalate(result.error);
    setShown({ name: "ask", error: t(deviceErrorKey(result.error), { seconds: result.error.retryAfterSeconds ?? 60 }) });
  };

  switch (shown.name) {
    case "approved":
      return (
        <StepHeader
          badge={<DoneBadge />}
          title={t("approved.title")}
          lead={t("approved.lead", { application: flow.application })}
        />
      );
    case "denied":
      return <DeviceDeniedStep />;
    case "ended":
      return (
        <StepHeader
          badge={<StopBadge tone="danger" />}
          title={t(`ended.${shown.reason}.title`)}
          lead={t(`ended.${shown.reason}.lead`)}
        />
      );
    case "ask":
      return (
        <>
          <StepHeader
            badge={
              <StatusBadge tone="brand">
                <DeviceIcon />
              </StatusBadge>
            }
            title={t.rich("decide.title", { application: flow.application, keep })}
            lead={t("decide.lead")}
          />
          <div className="mt-6">
            <UserCodeDisplay code={userCode} label={t("decide.codeLabel")} />
          </div>
          <div className="mt-6 space-y-3">
            {shown.error && <Alert tone="error">{shown.error}</Alert>}
            <Alert tone="warning">{t("decide.warning")}</Alert>
          </div>
          <div className="mt-8 grid gap-3 sm:grid-cols-2">
            <Button variant="secondary" busy={busy === "deny"} busyLabel={t("decide.denying")} onClick={() => void decide("deny")}>
              {t("decide.deny")}
            </Button>
            <Button busy={busy === "approve"} busyLabel={t("decide.approving")} onClick={() => void decide("approve")}>
              {t("decide.approve")}
            </Button>
          </div>
        </>
      );
  }
}

/** The device was denied — here, or by a Cancel on the consent step (lib/inquiry/deliveries/device.ts). */
export function DeviceDeniedStep() {
  const t = useTranslations("device");
  const flow = useFlow();
  return (
    <StepHeader
      badge={<StopBadge />}
      title={t("denied.title")}
      lead={t("denied.lead", { application: flow.application })}
    />
  );
}
