"use client";

// "Connect a device": the user types the code their device shows, or
// confirms the one the device's link filled in. Typing is forgiven the way
// the code's alphabet intends (case, spaces, hyphens, O/0, I/L/1).
import { useRef, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { normalizeUserCode } from "@/lib/device/user-code";
import type { DeviceLookup } from "@/lib/device/lookup";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CardHeader, StatusBadge, cardTitleClasses } from "@/components/ui/card";
import { FocusHeading } from "@/components/ui/focus-heading";
import { TextField } from "@/components/ui/text-field";
import { deviceApi } from "./device-api";
import { DeviceIcon } from "./device-icon";
import { deviceErrorKey } from "./device-errors";

export interface EnterCodeStepProps {
  initialCode: string;
  /** A notice above the form (the device's link carried no usable code, the sign-in lapsed…). */
  notice: string | null;
  /** True after the flow moved back here: the title takes focus. */
  navigated: boolean;
  onFound: (lookup: DeviceLookup) => void;
}

export function EnterCodeStep({ initialCode, notice, navigated, onFound }: EnterCodeStepProps) {
  const t = useTranslations("device");
  const [code, setCode] = useState(initialCode);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  const confirming = initialCode !== "";

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (running.current) return;
    const userCode = normalizeUserCode(code);
    if (!userCode) {
      setError(t("errors.invalid"));
      input.current?.focus();
      return;
    }
    running.current = true;
    setBusy(true);
    setError(null);
    const result = await deviceApi.lookup(userCode);
    running.current = false;
    setBusy(false);
    if (result.ok) return onFound(result.data);
    setError(t(deviceErrorKey(result.error), { seconds: result.error.retryAfterSeconds ?? 60 }));
    input.current?.focus();
  };

  return (
    <>
      <CardHeader
        badge={
          <StatusBadge tone="brand">
            <DeviceIcon />
          </StatusBadge>
        }
        title={
          <FocusHeading focusOnMount={navigated} className={cardTitleClasses}>
            {confirming ? t("enter.confirmTitle") : t("enter.title")}
          </FocusHeading>
        }
        lead={confirming ? t("enter.confirmLead") : t("enter.lead")}
      />
      {notice && (
        <Alert tone="info" className="mt-6">
          {notice}
        </Alert>
      )}
      <form noValidate onSubmit={(event) => void submit(event)} className="mt-6 space-y-5">
        <TextField
          ref={input}
          id="user-code"
          name="user_code"
          label={t("enter.label")}
          hint={t("enter.hint")}
          error={error}
          value={code}
          onChange={(event) => setCode(event.currentTarget.value.toUpperCase())}
          placeholder={t("enter.placeholder")}
          autoComplete="off"
          autoCapitalize="characters"
          autoCorrect="off"
          spellCheck={false}
          maxLength={24}
          autoFocus={!confirming}
          inputClassName="text-center font-mono text-2xl! font-semibold tracking-[0.2em] placeholder:font-normal"
        />
        <Button type="submit" busy={busy} busyLabel={t("enter.checking")}>
          {t("enter.continue")}
        </Button>
      </form>
    </>
  );
}
