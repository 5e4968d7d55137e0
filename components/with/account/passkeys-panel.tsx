"use client";

// The account's passkeys: add one (the platform's passkey prompt, user
// verification required, discoverable), rename, remove — never the last way in.
import { startRegistration, WebAuthnError } from "@simplewebauthn/browser";
import { useState, useTransition } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { EmptyState, Notice } from "@/components/with/portal-ui";
import { passkeyOptions, passkeyVerify, removePasskeyAction, renamePasskeyAction } from "@/app/(with)/with/sign-in-methods/actions";
import { ConfirmItsYou, RECENT_SIGN_IN_REQUIRED } from "@/components/with/confirm-its-you";
import { useAccountError } from "./use-account-error";

export interface PasskeyItem {
  credentialId: string;
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
  synced: boolean;
}

function cancelled(error: unknown): boolean {
  const name = error instanceof WebAuthnError ? (error.cause as { name?: string } | undefined)?.name : error instanceof Error ? error.name : undefined;
  return name === "NotAllowedError" || name === "AbortError" || (error instanceof WebAuthnError && error.code === "ERROR_CEREMONY_ABORTED");
}

export function PasskeysPanel({ passkeys, removable }: { passkeys: PasskeyItem[]; removable: boolean }) {
  const t = useTranslations("withAccount.passkeys");
  const errorText = useAccountError();
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: "success" | "danger" | "info"; text: string } | null>(null);
  const [adding, startAdding] = useTransition();
  const [confirm, setConfirm] = useState(false);

  const add = () =>
    startAdding(async () => {
      setMessage(null);
      const options = await passkeyOptions();
      setConfirm(!options.ok && options.error === RECENT_SIGN_IN_REQUIRED);
      if (!options.ok) return options.error === RECENT_SIGN_IN_REQUIRED ? undefined : setMessage({ tone: "danger", text: errorText(options.error) });
      let response;
      try {
        response = await startRegistration({ optionsJSON: options.options });
      } catch (error) {
        if (error instanceof WebAuthnError && error.code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED") return setMessage({ tone: "info", text: t("exists") });
        return setMessage({ tone: cancelled(error) ? "info" : "danger", text: cancelled(error) ? t("cancelled") : t("unavailable") });
      }
      const verified = await passkeyVerify({ challengeId: options.challengeId, response, label: defaultLabel() });
      if (!verified.ok) return setMessage({ tone: "danger", text: errorText(verified.error) });
      setMessage({ tone: "success", text: t("added", { label: verified.label }) });
      router.refresh();
    });

  return (
    <div className="space-y-4">
      {passkeys.length === 0 ? (
        <EmptyState title={t("emptyTitle")} body={t("emptyBody")} />
      ) : (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800" aria-label={t("listLabel")}>
          {passkeys.map((passkey) => (
            <PasskeyRow key={passkey.credentialId} passkey={passkey} removable={removable} onMessage={setMessage} />
          ))}
        </ul>
      )}
      {!removable && passkeys.length > 0 && <p className="text-sm text-slate-600 dark:text-slate-400">{t("lastWayHint")}</p>}
      <div className="flex flex-wrap items-center gap-3">
        <Button fullWidth={false} onClick={add} busy={adding} busyLabel={t("adding")} icon={<KeyIcon />}>
          {t("add")}
        </Button>
      </div>
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      {confirm && <ConfirmItsYou returnTo="/with/sign-in-methods" />}
    </div>
  );
}

/** A helpful default name: the platform the passkey was made on. */
function defaultLabel(): string {
  const ua = navigator.userAgent;
  if (/iPhone|iPad/.test(ua)) return "iPhone / iPad";
  if (/Android/.test(ua)) return "Android";
  if (/Mac OS X/.test(ua)) return "Mac";
  if (/Windows/.test(ua)) return "Windows";
  if (/CrOS/.test(ua)) return "Chromebook";
  if (/Linux/.test(ua)) return "Linux";
  return "Passkey";
}

function PasskeyRow({ passkey, removable, onMessage }: { passkey: PasskeyItem; removable: boolean; onMessage: (message: { tone: "success" | "danger"; text: string } | null) => void }) {
  const t = useTranslations("withAccount.passkeys");
  const format = useFormatter();
  const errorText = useAccountError();
  const router = useRouter();
  const [mode, setMode] = useState<"view" | "rename" | "remove">("view");
  const [label, setLabel] = useState(passkey.label);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium" });

  const rename = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await renamePasskeyAction({ credentialId: passkey.credentialId, label });
      if (!result.ok) return setError(errorText(result.error));
      setError(null);
      setMode("view");
      onMessage({ tone: "success", text: t("renamed", { label: result.label }) });
      router.refresh();
    });
  };

  const remove = () =>
    startTransition(async () => {
      const result = await removePasskeyAction({ credentialId: passkey.credentialId });
      if (!result.ok) {
        setMode("view");
        return onMessage({ tone: "danger", text: errorText(result.error) });
      }
      onMessage({ tone: "success", text: t("removed", { label: passkey.label }) });
      router.refresh();
    });

  return (
    <li className="p-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex min-w-0 items-start gap-3">
          <span className="mt-0.5 flex h-9 w-9 shrink-0 items-center justify-center rounded-lg bg-brand-50 text-brand-700 dark:bg-brand-900/40 dark:text-brand-200">
            <KeyIcon />
          </span>
          <div className="min-w-0">
            <p className="font-medium break-words text-slate-900 dark:text-white">
              {passkey.label}
              {passkey.synced && <span className="ml-2 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-300">{t("synced")}</span>}
            </p>
            <p className="text-sm text-slate-600 dark:text-slate-400">
              {t("created", { date: date(passkey.createdAt) })} · {passkey.lastUsedAt ? t("lastUsed", { date: date(passkey.lastUsedAt) }) : t("neverUsed")}
            </p>
          </div>
        </div>
        {mode === "view" && (
          <div className="flex shrink-0 gap-2">
            <Button variant="secondary" size="sm" fullWidth={false} onClick={() => setMode("rename")} aria-label={t("renameLabel", { label: passkey.label })}>
              {t("rename")}
            </Button>
            <Button
              variant="danger"
              size="sm"
              fullWidth={false}
              disabled={!removable}
              title={!removable ? t("lastWayHint") : undefined}
              onClick={() => setMode("remove")}
              aria-label={t("removeLabel", { label: passkey.label })}
            >
              {t("remove")}
            </Button>
          </div>
        )}
      </div>
      {mode === "rename" && (
        <form onSubmit={rename} noValidate className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-start">
          <TextField
            id={`passkey-label-${passkey.credentialId}`}
            label={t("nameLabel")}
            value={label}
            maxLength={80}
            error={error}
            className="flex-1"
            onChange={(event) => setLabel(event.target.value)}
            autoFocus
          />
          <div className="flex gap-2 sm:mt-7">
            <Button type="submit" size="md" fullWidth={false} busy={pending}>
              {t("saveName")}
            </Button>
            <Button variant="secondary" fullWidth={false} onClick={() => { setMode("view"); setError(null); setLabel(passkey.label); }}>
              {t("cancel")}
            </Button>
          </div>
        </form>
      )}
      {mode === "remove" && (
        <div className="mt-4 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100">
          <p>{t("removeConfirm", { label: passkey.label })}</p>
          <div className="mt-3 flex gap-2">
            <Button variant="danger" size="sm" fullWidth={false} busy={pending} onClick={remove}>
              {t("removeYes")}
            </Button>
            <Button variant="secondary" size="sm" fullWidth={false} onClick={() => setMode("view")}>
              {t("cancel")}
            </Button>
          </div>
        </div>
      )}
    </li>
  );
}

function KeyIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" className="h-5 w-5">
      <circle cx="8" cy="15" r="4" />
      <path d="M10.85 12.15 19 4M18 5l2 2M15 8l2 2" />
    </svg>
  );
}
