"use client";
// Small client pieces every developer page shares: translating an action's
// error key, a one-click action button (with an optional inline confirmation
// step), and the reason shown under a control the member may not use. A
// disabled control is still rendered, so a VIEWER sees everything there is.
import { startTransition, useActionState, useId, useState, useTransition, type FormEvent, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { ConfirmItsYou, RECENT_SIGN_IN_REQUIRED } from "@/components/with/confirm-its-you";
import type { ActionResult } from "@/lib/portal/portal-action";

/**
 * useActionState for a form that keeps what the user typed when the server
 * refuses it: submitting through onSubmit (not the form's `action`) avoids
 * React's automatic form reset, so a translated error appears next to the
 * value that caused it instead of an emptied form.
 */
export function useKeptFormAction<S>(action: (prev: S | null, form: FormData) => Promise<S>) {
  const [state, dispatch, pending] = useActionState(action, null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => dispatch(form));
  };
  return { state, onSubmit, pending };
}

export function useErrorText() {
  const t = useTranslations("withDeveloper.errors");
  return (key: string | null | undefined) => (key ? (t.has(key) ? t(key) : t("unexpected")) : null);
}

/** The reason a control is disabled, tied to it by id (aria-describedby). */
export function DisabledReason({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="mt-2 flex items-start gap-1.5 text-sm text-slate-500 dark:text-slate-400">
      <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" className="mt-0.5 h-4 w-4 shrink-0">
        <rect x="5" y="11" width="14" height="9" rx="2" stroke="currentColor" strokeWidth="1.8" />
        <path d="M8 11V8a4 4 0 1 1 8 0v3" stroke="currentColor" strokeWidth="1.8" />
      </svg>
      <span>{children}</span>
    </p>
  );
}

/** A whole form's disabled reason, above its fields (the form names it with aria-describedby). */
export function FormDisabledReason({ id, reason }: { id: string; reason: string | null | undefined }) {
  if (!reason) return null;
  return (
    <div className="mb-4">
      <DisabledReason id={id}>{reason}</DisabledReason>
    </div>
  );
}

export function FormError({ id, message }: { id?: string; message: string | null }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="mt-2 text-sm font-medium text-red-700 dark:text-red-300">
      {message}
    </p>
  );
}

export interface ActionButtonProps {
  action: () => Promise<ActionResult>;
  label: string;
  busyLabel?: string;
  variant?: ButtonVariant;
  /** When set, the first click asks for confirmation with this text. */
  confirm?: ReactNode;
  confirmLabel?: string;
  /** When set, the button is disabled and this says why. */
  disabledReason?: string | null;
  /** Disabled without a reason of its own (the reason is shown once nearby). */
  disabled?: boolean;
  /** False when the caller shows the refusal itself (onDone), e.g. once for several buttons. */
  showError?: boolean;
  onDone?: (result: ActionResult) => void;
}

export function ActionButton({ action, label, busyLabel, variant = "secondary", confirm, confirmLabel, disabledReason, disabled, showError = true, onDone }: ActionButtonProps) {
  const t = useTranslations("withDeveloper.common");
  const errorText = useErrorText();
  const [pending, start] = useTransition();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reasonId = useId();
  const errorId = useId();

  const run = () =>
    start(async () => {
      setError(null);
      const result = await action();
      if (!result.ok && showError) setError(result.error);
      else setAsking(false);
      onDone?.(result);
    });

  return (
    <div>
      {asking && confirm ? (
        <div className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-900/70 dark:bg-amber-950/50 dark:text-amber-100">
          <div>{confirm}</div>
          <div className="mt-3 flex flex-wrap gap-2">
            <Button variant={variant === "danger" ? "danger" : "primary"} size="sm" fullWidth={false} busy={pending} onClick={run}>
              {confirmLabel ?? label}
            </Button>
            <Button variant="ghost" size="sm" fullWidth={false} onClick={() => setAsking(false)}>
              {t("cancel")}
            </Button>
          </div>
        </div>
      ) : (
        <Button
          variant={variant}
          size="sm"
          fullWidth={false}
          busy={pending}
          busyLabel={busyLabel}
          disabled={Boolean(disabledReason) || disabled}
          aria-describedby={[disabledReason ? reasonId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined}
          onClick={() => (confirm ? setAsking(true) : run())}
        >
          {label}
        </Button>
      )}
      {disabledReason && <DisabledReason id={reasonId}>{disabledReason}</DisabledReason>}
      {error === RECENT_SIGN_IN_REQUIRED ? (
        <div id={errorId} className="mt-3">
          <ConfirmItsYou />
        </div>
      ) : (
        <FormError id={errorId} message={errorText(error)} />
      )}
    </div>
  );
}
