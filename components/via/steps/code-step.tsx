"use client";

// The emailed one-time code. Six digits, submitted as soon as the last one
// lands; a wrong code says how many attempts this sign-in has left (lives
// belong to the sign-in, never to the account — docs 15 §7).
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { StatusBadge } from "@/components/ui/card";
import { CodeInput } from "@/components/ui/code-input";
import { MailIcon } from "@/components/ui/icons";
import { useFlow } from "../flow-context";
import { StepHeader } from "../step-header";
import { useStepAction } from "../use-step-action";
import { useTranslateMessage } from "../use-translate-message";
import { viaApi, type VerifiedOutcome } from "../via-api";

const CODE_LENGTH = 6;

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
  const [code, setCode] = useState("");
  const [resent, setResent] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // The field is what the user needs next; its label says what this step is.
    if (flow.navigated) input.current?.focus();
  }, [flow.navigated]);

  useEffect(() => {
    // After a failed attempt, start the next one from an empty, focused field.
    if (error && busy === null) {
      setCode("");
      input.current?.focus();
    }
  }, [error, busy]);

  const verify = (value: string) => {
    if (value.length !== CODE_LENGTH) {
      input.current?.focus();
      return;
    }
    setResent(false);
    void run("verify", () => viaApi.verifyEmail(flow.exposureKey, challengeId, value), onVerified);
  };

  const resend = () =>
    run("resend", () => viaApi.startEmail(flow.exposureKey, email), (data) => {
      setCode("");
      setResent(true);
      onResent(data.challengeId);
      input.current?.focus();
    });

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
      {resent && !error && (
        <Alert tone="success" className="mt-6">
          {t("code.resent", { email })}
        </Alert>
      )}
      <form
        noValidate
        className="mt-8 space-y-4"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          verify(code);
        }}
      >
        <CodeInput
          ref={input}
          id="via-code"
          label={t("code.label")}
          value={code}
          onChange={setCode}
          onComplete={verify}
          length={CODE_LENGTH}
          error={translate(error)}
          hint={t("code.hint", { minutes: codeMinutes })}
        />
        <Button type="submit" busy={busy === "verify"} busyLabel={t("code.verifying")}>
          {t("code.verify")}
        </Button>
      </form>
      <div className="mt-6 flex flex-col items-center gap-1 sm:flex-row sm:justify-center sm:gap-2">
        <Button variant="ghost" size="sm" fullWidth={false} busy={busy === "resend"} busyLabel={t("code.sending")} onClick={resend}>
          {t("code.resend")}
        </Button>
        <span aria-hidden="true" className="hidden text-slate-300 sm:inline dark:text-slate-600">
          ·
        </span>
        <Button variant="ghost" size="sm" fullWidth={false} onClick={onBack}>
          {t("differentEmail")}
        </Button>
      </div>
    </>
  );
}
