"use client";

// After the email, when the application offers both: an emailed code or a
// passkey. Shown for every address alike — whether it has an account or a
// passkey is not something this page may reveal.
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Monogram } from "@/components/ui/card";
import { ArrowLeftIcon, MailIcon, PasskeyIcon } from "@/components/ui/icons";
import { useFlow } from "../flow-context";
import { signInWithPasskey } from "../passkey-ceremony";
import { StepHeader } from "../step-header";
import { useStepAction } from "../use-step-action";
import { useTranslateMessage } from "../use-translate-message";
import { viaApi } from "../via-api";

export function ChooseStep({ email, onCodeSent, onBack }: { email: string; onCodeSent: (challengeId: string) => void; onBack: () => void }) {
  const t = useTranslations("via");
  const flow = useFlow();
  const translate = useTranslateMessage();
  const { busy, error, run } = useStepAction<"code" | "passkey">();

  return (
    <>
      <StepHeader
        badge={<Monogram name={flow.application} />}
        title={t("choose.title")}
        lead={
          <>
            {t("choose.lead")} <span className="font-medium wrap-anywhere text-slate-900 dark:text-slate-100">{email}</span>
          </>
        }
      />
      {error && (
        <Alert tone="error" className="mt-6">
          {translate(error)}
        </Alert>
      )}
      <div className="mt-8 space-y-3">
        <Button
          variant="secondary"
          icon={<MailIcon />}
          busy={busy === "code"}
          busyLabel={t("code.sending")}
          onClick={() => run("code", () => viaApi.startEmail(flow.exposureKey, email), (data) => onCodeSent(data.challengeId))}
        >
          {t("choose.emailCode")}
        </Button>
        <Button
          variant="secondary"
          icon={<PasskeyIcon />}
          busy={busy === "passkey"}
          busyLabel={t("passkey.waiting")}
          onClick={() => run("passkey", () => signInWithPasskey(flow.exposureKey, email), flow.proceed)}
        >
          {t("choose.passkey")}
        </Button>
      </div>
      <div className="mt-6 flex justify-center">
        <Button variant="ghost" size="sm" fullWidth={false} icon={<ArrowLeftIcon />} onClick={onBack}>
          {t("differentEmail")}
        </Button>
      </div>
    </>
  );
}
