"use client";

// The emailed code, for signing in or for proving an address to add; the
// server answers the errand's next view.
import { useState } from "react";
import { useTranslations } from "next-intl";
import { StatusBadge } from "@/components/ui/card";
import { MailIcon } from "@/components/ui/icons";
import { EmailCodeForm } from "../email-code-form";
import { errandApi, type ErrandPurpose } from "./errand-api";
import { useErrandAction, useErrandFlow, useErrandMessage } from "./errand-context";
import { ErrandStepHeader } from "./errand-step-header";

export function ErrandCodeStep({
  purpose,
  email,
  challengeId,
  codeMinutes,
  onResent,
  onBack,
}: {
  purpose: ErrandPurpose;
  email: string;
  challengeId: string;
  codeMinutes: number;
  onResent: (challengeId: string) => void;
  onBack: () => void;
}) {
  const t = useTranslations("errand.code");
  const flow = useErrandFlow();
  const translate = useErrandMessage();
  const { busy, error, run } = useErrandAction<"verify" | "resend">();
  const [resentCount, setResentCount] = useState(0);

  return (
    <>
      <ErrandStepHeader
        badge={
          <StatusBadge tone="brand">
            <MailIcon className="h-7 w-7" />
          </StatusBadge>
        }
        title={t("title")}
        focusTitle={false}
        // Signing in, the page cannot say the code was sent: only an address of the request's account gets one.
        lead={t.rich(purpose === "sign-in" ? "leadSignIn" : "lead", { email, application: flow.application, strong: (chunks) => <span className="font-medium wrap-anywhere text-slate-900 dark:text-slate-100">{chunks}</span> })}
      />
      <EmailCodeForm
        id="errand-code"
        labels={{
          label: t("label"),
          hint: t("hint", { minutes: codeMinutes }),
          verify: t("verify"),
          verifying: t("verifying"),
          resend: t("resend"),
          sending: t("sending"),
          resent: t("resent", { email }),
          back: t("back"),
        }}
        busy={busy}
        error={translate(error)}
        focusOnMount={flow.navigated}
        resentCount={resentCount}
        onVerify={(code) => void run("verify", () => errandApi.verifyEmail(flow.errandKey, challengeId, code), flow.show)}
        onResend={() =>
          void run("resend", () => errandApi.startEmail(flow.errandKey, purpose, email), (data) => {
            onResent(data.challengeId);
            setResentCount((count) => count + 1);
          })
        }
        onBack={onBack}
      />
    </>
  );
}
