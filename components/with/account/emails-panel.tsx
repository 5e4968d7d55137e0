"use client";

// Verified email addresses: choose the primary, remove another one, add a new
// one by proving it with a one-time code sent to it.
import { useState, useTransition } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { EmailField, TextField } from "@/components/ui/text-field";
import { Notice } from "@/components/with/portal-ui";
import { makePrimaryEmailAction, removeEmailAction, startAddEmailAction, verifyAddEmailAction } from "@/app/(with)/with/sign-in-methods/actions";
import { ConfirmItsYou, RECENT_SIGN_IN_REQUIRED } from "@/components/with/confirm-its-you";
import { useAccountError } from "./use-account-error";

export interface EmailItem {
  email: string;
  isPrimary: boolean;
  verifiedHow: string;
  verifiedAt: string;
}

type Message = { tone: "success" | "danger"; text: string } | null;

export function EmailsPanel({ emails }: { emails: EmailItem[] }) {
  const t = useTranslations("withAccount.emails");
  const [message, setMessage] = useState<Message>(null);
  return (
    <div className="space-y-4">
      {emails.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800" aria-label={t("listLabel")}>
          {emails.map((email) => (
            <EmailRow key={email.email} email={email} onMessage={setMessage} />
          ))}
        </ul>
      )}
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      <AddEmailForm onMessage={setMessage} />
    </div>
  );
}

function EmailRow({ email, onMessage }: { email: EmailItem; onMessage: (message: Message) => void }) {
  const t = useTranslations("withAccount.emails");
  const format = useFormatter();
  const errorText = useAccountError();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();

  const run = (action: () => Promise<{ ok: boolean; error?: string }>, success: string) =>
    startTransition(async () => {
      const result = await action();
      setConfirming(false);
      if (!result.ok) return onMessage({ tone: "danger", text: errorText(result.error ?? "unexpected") });
      onMessage({ tone: "success", text: success });
      router.refresh();
    });

  return (
    <li className="p-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0">
          <p className="font-medium break-all text-slate-900 dark:text-white">
            {email.email}
            {email.isPrimary && <span className="ml-2 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-800 dark:bg-brand-900/50 dark:text-brand-100">{t("primary")}</span>}
          </p>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {t("verified", { how: t.has(`how.${email.verifiedHow}` as "how.EMAIL_OTP") ? t(`how.${email.verifiedHow}` as "how.EMAIL_OTP") : email.verifiedHow, date: format.dateTime(new Date(email.verifiedAt), { dateStyle: "medium" }) })}
          </p>
        </div>
        {!email.isPrimary && !confirming && (
          <div className="flex shrink-0 gap-2">
            <Button variant="secondary" size="sm" fullWidth={false} busy={pending} onClick={() => run(() => makePrimaryEmailAction({ email: email.email }), t("primaryChanged", { email: email.email }))} aria-label={t("makePrimaryLabel", { email: email.email })}>
              {t("makePrimary")}
            </Button>
            <Button variant="danger" size="sm" fullWidth={false} onClick={() => setConfirming(true)} aria-label={t("removeLabel", { email: email.email })}>
              {t("remove")}
            </Button>
          </div>
        )}
      </div>
      {confirming && (
        <div className="mt-3 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100">
          <p>{t("removeConfirm", { email: email.email })}</p>
          <div className="mt-3 flex gap-2">
            <Button variant="danger" size="sm" fullWidth={false} busy={pending} onClick={() => run(() => removeEmailAction({ email: email.email }), t("removed", { email: email.email }))}>
              {t("removeYes")}
            </Button>
            <Button variant="secondary" size="sm" fullWidth={false} onClick={() => setConfirming(false)}>
              {t("cancel")}
            </Button>
          </div>
        </div>
      )}
    </li>
  );
}

function AddEmailForm({ onMessage }: { onMessage: (message: Message) => void }) {
  const t = useTranslations("withAccount.emails");
  const errorText = useAccountError();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState("");
  const [code, setCode] = useState("");
  const [challenge, setChallenge] = useState<{ id: string; email: string } | null>(null);
  const [error, setError] = useState<{ field: "email" | "code"; text: string } | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [pending, startTransition] = useTransition();

  const reset = () => {
    setOpen(false);
    setConfirm(false);
    setEmail("");
    setCode("");
    setChallenge(null);
    setError(null);
  };

  const send = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await startAddEmailAction({ email });
      if (!result.ok && result.error === RECENT_SIGN_IN_REQUIRED) return setConfirm(true);
      if (!result.ok) return setError({ field: "email", text: errorText(result.error, result.values) });
      setError(null);
      setChallenge({ id: result.challengeId, email: result.email });
    });
  };

  const verify = (event: React.FormEvent) => {
    event.preventDefault();
    if (!challenge) return;
    startTransition(async () => {
      const result = await verifyAddEmailAction({ challengeId: challenge.id, code });
      if (!result.ok) return setError({ field: "code", text: errorText(result.error, result.values) });
      reset();
      onMessage({ tone: "success", text: t("added", { email: result.email }) });
      router.refresh();
    });
  };

  if (!open) {
    return (
      <Button variant="secondary" fullWidth={false} onClick={() => { setOpen(true); onMessage(null); }}>
        {t("add")}
      </Button>
    );
  }
  return (
    <div className="rounded-xl border border-slate-200 p-4 dark:border-slate-800">
      {!challenge ? (
        <form onSubmit={send} noValidate className="space-y-3">
          <EmailField id="add-email" name="email" label={t("newAddress")} hint={t("newAddressHint")} value={email} error={error?.field === "email" ? error.text : null} onChange={(event) => setEmail(event.target.value)} autoFocus />
          <SubmitOrCancel submit={t("sendCode")} busyLabel={t("sending")} busy={pending} cancel={t("cancel")} onCancel={reset} />
        </form>
      ) : (
        <form onSubmit={verify} noValidate className="space-y-3">
          <p className="text-sm text-slate-700 dark:text-slate-300">{t("codeSent", { email: challenge.email })}</p>
          <TextField id="add-email-code" name="code" label={t("code")} inputMode="numeric" autoComplete="one-time-code" maxLength={12} value={code} error={error?.field === "code" ? error.text : null} onChange={(event) => setCode(event.target.value)} autoFocus />
          <SubmitOrCancel submit={t("verify")} busyLabel={t("verifying")} busy={pending} cancel={t("cancel")} onCancel={reset} />
        </form>
      )}
      {confirm && (
        <div className="mt-3">
          <ConfirmItsYou returnTo="/with/sign-in-methods" />
        </div>
      )}
    </div>
  );
}

/** The two buttons under each step of adding an address. */
function SubmitOrCancel({ submit, busyLabel, busy, cancel, onCancel }: { submit: string; busyLabel: string; busy: boolean; cancel: string; onCancel: () => void }) {
  return (
    <div className="flex gap-2">
      <Button type="submit" fullWidth={false} busy={busy} busyLabel={busyLabel}>
        {submit}
      </Button>
      <Button variant="secondary" fullWidth={false} onClick={onCancel}>
        {cancel}
      </Button>
    </div>
  );
}
