"use client";

// Entering an emailed one-time code — the part every code step shares (via
// sign-in, the errand page): six digits submitted as soon as the last one
// lands, an empty focused field after a failed attempt, "send a new code"
// and a way back. The step around it decides what verifying and resending do.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CodeInput } from "@/components/ui/code-input";

export const CODE_LENGTH = 6;

export interface EmailCodeLabels {
  label: string;
  hint: string;
  verify: string;
  verifying: string;
  resend: string;
  sending: string;
  /** Shown after a new code was sent. */
  resent: string;
  back: string;
}

export interface EmailCodeFormProps {
  id: string;
  labels: EmailCodeLabels;
  busy: "verify" | "resend" | null;
  /** The translated inline error of the last attempt. */
  error: string | null;
  /** Focus the field on mount (after a step change, not on first page load). */
  focusOnMount: boolean;
  /** Bumped by the step each time a new code was sent: clears the field and says so. */
  resentCount: number;
  onVerify(code: string): void;
  onResend(): void;
  onBack(): void;
}

export function EmailCodeForm({ id, labels, busy, error, focusOnMount, resentCount, onVerify, onResend, onBack }: EmailCodeFormProps) {
  const [code, setCode] = useState("");
  const [showResent, setShowResent] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // The field is what the user needs next; its label says what this step is.
    if (focusOnMount) input.current?.focus();
  }, [focusOnMount]);

  useEffect(() => {
    // After a failed attempt, start the next one from an empty, focused field.
    if (error && busy === null) {
      setCode("");
      input.current?.focus();
    }
  }, [error, busy]);

  useEffect(() => {
    if (resentCount === 0) return;
    setCode("");
    setShowResent(true);
    input.current?.focus();
  }, [resentCount]);

  const verify = (value: string) => {
    if (value.length !== CODE_LENGTH) {
      input.current?.focus();
      return;
    }
    setShowResent(false);
    onVerify(value);
  };

  return (
    <>
      {showResent && !error && (
        <Alert tone="success" className="mt-6">
          {labels.resent}
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
        <CodeInput ref={input} id={id} label={labels.label} value={code} onChange={setCode} onComplete={verify} length={CODE_LENGTH} error={error} hint={labels.hint} />
        <Button type="submit" busy={busy === "verify"} busyLabel={labels.verifying}>
          {labels.verify}
        </Button>
      </form>
      <div className="mt-6 flex flex-col items-center gap-1 sm:flex-row sm:justify-center sm:gap-2">
        <Button variant="ghost" size="sm" fullWidth={false} busy={busy === "resend"} busyLabel={labels.sending} onClick={onResend}>
          {labels.resend}
        </Button>
        <span aria-hidden="true" className="hidden text-slate-300 sm:inline dark:text-slate-600">
          ·
        </span>
        <Button variant="ghost" size="sm" fullWidth={false} onClick={onBack}>
          {labels.back}
        </Button>
      </div>
    </>
  );
}
