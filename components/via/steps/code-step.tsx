"use client";

// The emailed one-time code on the sign-in page; a wrong code says how many
// attempts this sign-in has left (lives belong to the sign-in, never to the
// account — docs 15 §7).
import { useState } from "react";
import { useTranslations } from "next-intl";
import { StatusBadge } from "@/components/ui/card";
import { MailIcon } from "@/components/ui/icons";
import { EmailCodeForm } from "../email-code-form";
import { useFlow } from "../flow-context";
import { StepHeader } from "../step-header";
import { useStepAction } from "../use-step-action";
import { useTranslateMessage } from "../use-translate-message";
import { viaApi, type VerifiedOutcome } from "../via-api";

export interface CodeStepProps {
  email: string;
  challengeId: string;
  codeMinutes: number;
  onResent: (challengeId: string) => void;
  onVerified: (outcome: VerifiedOutcome) => void;
  onBack: () => void;
}

export function CodeStep({ email, challengeId, codeMinutes, onResent, onVerified, onBack }: CodeStepProps) {
  const t = useTranslations("via");
  const flow = useFlow();
  const translate = useTranslateMessage();
  const { busy, error, run } = useStepAction<"verify" | "resend">();
  const [resentCount, setResentCount] = useState(0);

  return (
    <>
      <StepHeader
        badge={
          <StatusBadge tone="brand">
            <MailIcon className="h-7 w-7" />
          </StatusBadge>
        }
        title={t("code.title")}
        focusTitle={false}
        lead={t.rich("code.lead", { email, strong: (chunks) => <span className="font-medium wrap-anywhere text-slate-900 dark:text-slate-100">{chunks}</span> })}
      />
      <EmailCodeForm
        id="via-code"
        labels={{
          label: t("code.label"),
          hint: t("code.hint", { minutes: codeMinutes }),
          verify: t("code.verify"),
          verifying: t("code.verifying"),
          resend: t("code.resend"),
          sending: t("code.sending"),
          resent: t("code.resent", { email }),
          back: t("differentEmail"),
        }}
        busy={busy}
        error={translate(error)}
        focusOnMount={flow.navigated}
        resentCount={resentCount}
        onVerify={(code) => void run("verify", () => viaApi.verifyEmail(flow.exposureKey, challengeId, code), onVerified)}
        onResend={() =>
          void run("resend", () => viaApi.startEmail(flow.exposureKey, email), (data) => {
            onResent(data.challengeId);
            setResentCount((count) => count + 1);
          })
        }
        onBack={onBack}
      />
    </>
  );
}
