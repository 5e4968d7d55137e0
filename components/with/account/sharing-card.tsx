"use client";

// One application's view of the user's profile data: per claim whether it is
// shared now and whether the application requires it; Revoke stops sharing
// from the application's next token on.
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/with/portal-ui";
import { revokeSharingAction } from "@/app/(with)/with/data-sharing/actions";
import type { SharedApplication } from "@/lib/account/data-sharing";
import { useAccountError } from "./use-account-error";
import { ConfirmNotice } from "../confirm-notice";

const STATE_STYLE = {
  GRANTED: "bg-emerald-50 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
  // Allowed, but the application does not ask for it now (its policy is OFF): nothing flows.
  ALLOWED: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
  DENIED: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
  UNKNOWN: "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-400",
} as const;

export function SharingCard({ application }: { application: SharedApplication }) {
  const t = useTranslations("withAccount.sharing");
  const errorText = useAccountError();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ tone: "success" | "danger"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const requiresAny = application.claims.some((claim) => claim.requirement === "REQUIRED" && claim.state === "GRANTED");
  const shown = (claim: SharedApplication["claims"][number]) => (claim.state === "GRANTED" && !claim.received ? "ALLOWED" : claim.state);

  const revoke = () =>
    startTransition(async () => {
      const result = await revokeSharingAction({ application: application.anchor });
      setConfirming(false);
      if (!result.ok) return setMessage({ tone: "danger", text: errorText(result.error) });
      setMessage({ tone: "success", text: t("revoked", { application: application.name }) });
      router.refresh();
    });

  return (
    <li className="rounded-xl border border-slate-200 p-4 dark:border-slate-800" data-testid={`sharing-${application.anchor}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 className="font-semibold text-slate-900 dark:text-white">{application.name}</h3>
          <p className="text-sm text-slate-600 dark:text-slate-400">{application.anyShared ? t("sharesSome") : t("sharesNothing")}</p>
        </div>
        {!confirming && (
          <Button
            variant="danger"
            size="sm"
            fullWidth={false}
            disabled={!application.anyGranted}
            title={!application.anyGranted ? t("nothingToRevoke") : undefined}
            onClick={() => { setConfirming(true); setMessage(null); }}
            aria-label={t("revokeLabel", { application: application.name })}
          >
            {t("revoke")}
          </Button>
        )}
      </div>
      <table className="mt-3 w-full text-sm">
        <caption className="sr-only">{t("tableCaption", { application: application.name })}</caption>
        <thead>
          <tr className="text-left text-slate-500 dark:text-slate-400">
            <th scope="col" className="py-1.5 pr-3 font-medium">{t("claim")}</th>
            <th scope="col" className="py-1.5 pr-3 font-medium">{t("status")}</th>
            <th scope="col" className="py-1.5 font-medium">{t("requirement")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {application.claims.map((claim) => (
            <tr key={claim.claim}>
              <th scope="row" className="py-2 pr-3 text-left font-medium text-slate-900 dark:text-white">{t(`claims.${claim.claim}`)}</th>
              <td className="py-2 pr-3">
                <span className={`rounded-full px-2 py-0.5 text-xs font-semibold whitespace-nowrap ${STATE_STYLE[shown(claim)]}`}>{t(`states.${shown(claim)}`)}</span>
              </td>
              <td className="py-2 text-slate-700 dark:text-slate-300">{t(`requirements.${claim.requirement}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {confirming && (
        <div className="mt-3">
          <ConfirmNotice confirmLabel={t("revokeYes")} cancelLabel={t("cancel")} busy={pending} onConfirm={revoke} onCancel={() => setConfirming(false)}>
            <p>{t("revokeWarning", { application: application.name })}</p>
            {requiresAny && <p className="mt-1 font-medium">{t("revokeRequired")}</p>}
          </ConfirmNotice>
        </div>
      )}
      {message && <div className="mt-3"><Notice tone={message.tone}>{message.text}</Notice></div>}
    </li>
  );
}
