"use client";

// The OIDC client secret: generate or rotate it (replacing the old one at
// once), then show it exactly once with a copy button. Only a hash is kept.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Notice, Panel } from "../portal-ui";
import { ReadOnlyHint } from "./form-bits";
import { ConfirmItsYou, RECENT_SIGN_IN_REQUIRED } from "@/components/with/confirm-its-you";
import { useErrorText } from "./use-error-text";

export type RotateClientSecret = (anchor: string) => Promise<{ ok: true; clientSecret: string } | { ok: false; error: string }>;

export function ClientSecretPanel({ anchor, hasSecret, rotatedAt, usesSecret, canEdit, readOnlyReason, rotate }: { anchor: string; hasSecret: boolean; rotatedAt: string | null; usesSecret: boolean; canEdit: boolean; readOnlyReason: string | null; rotate: RotateClientSecret }) {
  const t = useTranslations("withApplication.oidc");
  const errorText = useErrorText();
  const router = useRouter();
  const [secret, setSecret] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const onRotate = () =>
    startTransition(async () => {
      const result = await rotate(anchor);
      setConfirming(false);
      if (result.ok) {
        setSecret(result.clientSecret);
        setError(null);
        router.refresh();
      } else {
        setError(result.error === RECENT_SIGN_IN_REQUIRED ? RECENT_SIGN_IN_REQUIRED : errorText(result.error));
      }
    });

  return (
    <Panel id="client-secret" title={t("secretTitle")} lead={t("secretLead")}>
      {!usesSecret && <div className="mb-4"><Notice tone="info">{t("secretUnused")}</Notice></div>}
      <p className="text-sm text-slate-700 dark:text-slate-300">{hasSecret ? t("secretSet", { date: rotatedAt ?? "—" }) : t("secretNone")}</p>
      {secret && (
        <div className="mt-4 rounded-xl border border-emerald-300 bg-emerald-50 p-4 dark:border-emerald-800 dark:bg-emerald-950/40">
          <p className="text-sm font-semibold text-emerald-900 dark:text-emerald-100">{t("secretShownOnce")}</p>
          <div className="mt-2 flex flex-wrap items-start gap-2">
            <code data-testid="oidc-client-secret" className="min-w-0 flex-1 rounded-lg border border-emerald-200 bg-white px-3 py-2 font-mono text-sm break-all text-slate-900 dark:border-emerald-900 dark:bg-slate-950 dark:text-slate-100">{secret}</code>
            <CopyButton value={secret} />
          </div>
        </div>
      )}
      {error && <div className="mt-4">{error === RECENT_SIGN_IN_REQUIRED ? <ConfirmItsYou /> : <Notice tone="danger">{error}</Notice>}</div>}
      <div className="mt-5 flex flex-wrap items-center gap-3">
        {hasSecret && !confirming ? (
          <Button key="rotate" variant="secondary" fullWidth={false} onClick={() => setConfirming(true)} disabled={!canEdit} title={readOnlyReason ?? undefined}>
            {t("rotate")}
          </Button>
        ) : (
          <Button key="confirm" fullWidth={false} onClick={onRotate} busy={pending} busyLabel={t("generating")} disabled={!canEdit} title={readOnlyReason ?? undefined}>
            {hasSecret ? t("rotateConfirm") : t("generate")}
          </Button>
        )}
        {confirming && (
          <>
            <Button variant="ghost" fullWidth={false} onClick={() => setConfirming(false)}>{t("cancel")}</Button>
            <p className="w-full text-sm text-amber-800 dark:text-amber-200">{t("rotateWarning")}</p>
          </>
        )}
      </div>
      {!canEdit && readOnlyReason && <ReadOnlyHint>{readOnlyReason}</ReadOnlyHint>}
    </Panel>
  );
}
