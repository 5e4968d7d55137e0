"use client";

// Right after someone creates their account with an email code: offer a
// passkey for next time (docs 06 — registration follows email verification).
// Either way the sign-in then continues with the outcome it already has.
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { StatusBadge } from "@/components/ui/card";
import { PasskeyIcon } from "@/components/ui/icons";
import { addPasskey } from "../passkey-ceremony";
import { StepHeader } from "../step-header";
import { useStepAction } from "../use-step-action";
import { useTranslateMessage } from "../use-translate-message";

/** Long enough to read "Passkey added", short enough not to feel like a wait. */
const CONFIRMATION_MS = 1200;

export function AddPasskeyStep({ onDone }: { onDone: () => void }) {
  const t = useTranslations("via");
  const translate = useTranslateMessage();
  const { busy, error, run } = useStepAction<"add">();
  const [added, setAdded] = useState(false);
  // The parent's callback changes identity on every render; the timer must not restart with it.
  const done = useRef(onDone);
  useEffect(() => {
    done.current = onDone;
  });

  useEffect(() => {
    if (!added) return;
    const timer = setTimeout(() => done.current(), CONFIRMATION_MS);
    return () => clearTimeout(timer);
  }, [added]);

  return (
    <>
      <StepHeader
        badge={
          <StatusBadge tone="brand">
            <PasskeyIcon className="h-7 w-7" />
          </StatusBadge>
        }
        title={t("addPasskey.title")}
        lead={t("addPasskey.lead")}
      />
      <div className="mt-6 space-y-3 empty:hidden">
        {error && <Alert tone="error">{translate(error)}</Alert>}
        {added && <Alert tone="success">{t("addPasskey.added")}</Alert>}
      </div>
      <div className="mt-8 space-y-3">
        <Button
          icon={<PasskeyIcon />}
          busy={busy === "add" || added}
          busyLabel={added ? t("addPasskey.continuing") : t("passkey.waitingDevice")}
          onClick={() => run("add", () => addPasskey(), () => setAdded(true))}
        >
          {t("addPasskey.add")}
        </Button>
        {!added && (
          <Button variant="ghost" onClick={onDone} disabled={busy === "add"}>
            {t("addPasskey.notNow")}
          </Button>
        )}
      </div>
    </>
  );
}
