"use client";

// Writing identity data: the account has no email, and the application
// requires one (or the user may add one to share). A code proves the address
// before it becomes the account's.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { StatusBadge } from "@/components/ui/card";
import { MailIcon } from "@/components/ui/icons";
import { EmailField } from "@/components/ui/text-field";
import { errandApi } from "./errand-api";
import { useErrandAction, useErrandFlow, useErrandMessage } from "./errand-context";
import { ErrandStepHeader } from "./errand-step-header";

const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);

export function ErrandAddEmailStep({
  required,
  initialEmail,
  onCodeSent,
  onSkip,
}: {
  required: boolean;
  initialEmail: string;
  onCodeSent: (email: string, challengeId: string) => void;
  onSkip: () => void;
}) {
  const t = useTranslations("errand.addEmail");
  const flow = useErrandFlow();
  const translate = useErrandMessage();
  const { busy, error, run } = useErrandAction<"send">();
  const [email, setEmail] = useState(initialEmail);
  const [emailError, setEmailError] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (flow.navigated) field.current?.focus();
  }, [flow.navigated]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const address = email.trim();
    if (!looksLikeEmail(address)) {
      setEmailError(translate({ key: "errors.invalidEmail" }));
      field.current?.focus();
      return;
    }
    setEmailError(null);
    void run("send", () => errandApi.startEmail(flow.errandKey, "add-email", address), (data) => onCodeSent(address, data.challengeId));
  };

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
        lead={required ? t("leadRequired", { application: flow.application }) : t("leadOptional", { application: flow.application })}
      />
      {error && (
        <Alert tone="error" className="mt-6">
          {translate(error)}
        </Alert>
      )}
      <form noValidate onSubmit={submit} className="mt-8 space-y-4">
        <EmailField
          ref={field}
          id="errand-add-email"
          required
          label={t("label")}
          placeholder={t("placeholder")}
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          error={emailError}
        />
        <Button type="submit" busy={busy === "send"} busyLabel={t("sending")}>
          {t("sendCode")}
        </Button>
        {!required && (
          <Button variant="secondary" onClick={onSkip} disabled={busy !== null}>
            {t("skip")}
          </Button>
        )}
      </form>
    </>
  );
}
