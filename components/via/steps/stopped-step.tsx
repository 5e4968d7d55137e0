"use client";

// Where a sign-in cannot go on. "ended": the inquiry itself is over (too
// many attempts, expired, disabled) — only the application can start a new
// one. "blocked": this account or address may not sign in here — another may.
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { MessageRef } from "../error-messages";
import { StepHeader, StopBadge } from "../step-header";
import { useTranslateMessage } from "../use-translate-message";

export function StoppedStep({ kind, message, onUseAnother }: { kind: "ended" | "blocked"; message: MessageRef; onUseAnother: () => Promise<void> }) {
  const t = useTranslations("via.stopped");
  const translate = useTranslateMessage();
  const [busy, setBusy] = useState(false);
  return (
    <>
      <StepHeader
        badge={<StopBadge tone="danger" />}
        title={kind === "ended" ? t("endedTitle") : t("blockedTitle")}
      />
      <Alert tone="error" className="mt-6">
        {translate(message)}
      </Alert>
      {kind === "blocked" && (
        <div className="mt-8">
          <Button
            variant="secondary"
            busy={busy}
            onClick={async () => {
              setBusy(true);
              await onUseAnother();
            }}
          >
            {t("useAnother")}
          </Button>
        </div>
      )}
    </>
  );
}
