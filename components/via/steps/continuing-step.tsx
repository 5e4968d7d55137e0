"use client";

// Someone is already signed in to this browser with a sign-in this
// application accepts: continue as them right away, with a way out.
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Monogram } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { useFlow } from "../flow-context";
import { describeError, type MessageRef } from "../error-messages";
import { StepHeader } from "../step-header";
import { useTranslateMessage } from "../use-translate-message";
import { viaApi } from "../via-api";

export function ContinuingStep({ displayName, onUseAnother }: { displayName: string; onUseAnother: () => Promise<void> }) {
  const t = useTranslations("via.continuing");
  const flow = useFlow();
  const translate = useTranslateMessage();
  const [error, setError] = useState<MessageRef | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [leaving, setLeaving] = useState(false);
  // Once the user chose another account, a late answer must not carry them off.
  const abandoned = useRef(false);
  const started = useRef(-1);

  useEffect(() => {
    if (started.current === attempt) return;
    started.current = attempt;
    void viaApi.continueSignedIn(flow.exposureKey).then((result) => {
      if (abandoned.current) return;
      if (result.ok) return flow.proceed(result.data);
      const described = describeError(result.error);
      if (described.kind === "inline") setError(described.message);
      else flow.escalate(result.error);
    });
  }, [attempt, flow]);

  const useAnother = async () => {
    abandoned.current = true;
    setLeaving(true);
    await onUseAnother();
  };

  return (
    <>
      <StepHeader badge={<Monogram name={flow.application} />} title={t("title", { name: displayName })} lead={t("lead", { application: flow.application })} />
      {error ? (
        <div className="mt-6 space-y-3">
          <Alert tone="error">{translate(error)}</Alert>
          <Button
            onClick={() => {
              setError(null);
              setAttempt((value) => value + 1);
            }}
          >
            {t("retry")}
          </Button>
        </div>
      ) : (
        <div role="status" className="mt-8 flex items-center justify-center gap-3 text-sm text-slate-600 dark:text-slate-400">
          <Spinner className="h-5 w-5 text-brand-600 dark:text-brand-300" />
          {t("working")}
        </div>
      )}
      <div className="mt-6">
        <Button variant="secondary" busy={leaving} onClick={useAnother}>
          {t("useAnother")}
        </Button>
      </div>
    </>
  );
}
