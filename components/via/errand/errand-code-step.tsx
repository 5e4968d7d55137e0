"use client";

// The emailed code, for signing in or for proving an address to add. Six
// digits, submitted as soon as the last one lands; the server answers the
// errand's next view.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { StatusBadge } from "@/components/ui/card";
import { CodeInput } from "@/components/ui/code-input";
import { MailIcon } from "@/components/ui/icons";
import { errandApi, type ErrandPurpose } from "./errand-api";
import { useErrandAction, useErrandFlow, useErrandMessage } from "./errand-context";
import { ErrandStepHeader } from "./errand-step-header";

const CODE_LENGTH = 6;

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
  const [code, setCode] = useState("");
  const [resent, setResent] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (flow.navigated) input.current?.focus();
  }, [flow.navigated]);

  useEffect(() => {
    // After a failed attempt, the next one starts from an empty, focused field.
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
    void run("verify", () => errandApi.verifyEmail(flow.errandKey, challengeId, value), flow.show);
  };

  const resend = () =>
    run("resend", () => errandApi.startEmail(flow.errandKey, purpose, email), (data) => {
      setCode("");
      setResent(true);
      onResent(data.challengeId);
      input.current?.focus();
    });

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
        lead={t.rich("lead", { email, strong: (chunks) => <span className="font-medium wrap-anywhere text-slate-900 dark:text-slate-100">{chunks}</span> })}
      />
      {resent && !error && (
        <Alert tone="success" className="mt-6">
          {t("resent", { email })}
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
          id="errand-code"
          label={t("label")}
          value={code}
          onChange={setCode}
          onComplete={verify}
          length={CODE_LENGTH}
          error={translate(error)}
          hint={t("hint", { minutes: codeMinutes })}
        />
        <Button type="submit" busy={busy === "verify"} busyLabel={t("verifying")}>
          {t("verify")}
        </Button>
      </form>
      <div className="mt-6 flex flex-col items-center gap-1 sm:flex-row sm:justify-center sm:gap-2">
        <Button variant="ghost" size="sm" fullWidth={false} busy={busy === "resend"} busyLabel={t("sending")} onClick={resend}>
          {t("resend")}
        </Button>
        <span aria-hidden="true" className="hidden text-slate-300 sm:inline dark:text-slate-600">
          ·
        </span>
        <Button variant="ghost" size="sm" fullWidth={false} onClick={onBack}>
          {t("back")}
        </Button>
      </div>
    </>
  );
}
