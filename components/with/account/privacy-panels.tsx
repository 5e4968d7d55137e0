"use client";

// The account alias (view, copy, rotate) and the sector subjects (rotate one,
// after a warning that its applications will see a brand-new user).
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Notice } from "@/components/with/portal-ui";
import { rotateAliasAction, rotateSubjectAction } from "@/app/(with)/with/privacy/actions";
import { useAccountError } from "./use-account-error";
import { ConfirmNotice } from "../confirm-notice";

export function AliasPanel({ alias }: { alias: string }) {
  const t = useTranslations("withAccount.alias");
  const errorText = useAccountError();
  const router = useRouter();
  const [current, setCurrent] = useState(alias);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ tone: "success" | "danger"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const rotate = () =>
    startTransition(async () => {
      const result = await rotateAliasAction();
      setConfirming(false);
      if (!result.ok) return setMessage({ tone: "danger", text: errorText(result.error) });
      setCurrent(result.alias);
      setMessage({ tone: "success", text: t("rotated") });
      router.refresh();
    });

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-slate-200 bg-slate-50 px-4 py-3 dark:border-slate-800 dark:bg-slate-950">
        <code className="font-mono text-base font-semibold tracking-wide break-all text-slate-900 dark:text-white" data-testid="account-alias">
          {current}
        </code>
        <CopyButton value={current} label={t("copy")} />
      </div>
      {!confirming ? (
        <Button variant="secondary" fullWidth={false} onClick={() => { setConfirming(true); setMessage(null); }}>
          {t("rotate")}
        </Button>
      ) : (
        <ConfirmNotice confirmLabel={t("rotateYes")} cancelLabel={t("cancel")} busy={pending} onConfirm={rotate} onCancel={() => setConfirming(false)}>
          <p>{t("rotateWarning")}</p>
        </ConfirmNotice>
      )}
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
    </div>
  );
}

export interface SubjectItem {
  sectorAnchor: string;
  sectorName: string;
  subject: string;
  since: string;
  applications: string[];
  isPortal: boolean;
}

export function SubjectRow({ item, since }: { item: SubjectItem; since: string }) {
  const t = useTranslations("withAccount.subjects");
  const errorText = useAccountError();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ tone: "success" | "danger"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const rotate = () =>
    startTransition(async () => {
      const result = await rotateSubjectAction({ sector: item.sectorAnchor });
      setConfirming(false);
      if (!result.ok) return setMessage({ tone: "danger", text: errorText(result.error) });
      if (result.isPortal) {
        window.location.assign("/with/sign-in?return=%2Fwith%2Fprivacy");
        return;
      }
      setMessage({ tone: "success", text: t("rotated") });
      router.refresh();
    });

  const apps = item.applications.length ? item.applications.join(", ") : t("noApplications");
  return (
    <li className="p-4" data-testid={`subject-${item.sectorAnchor}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="font-medium text-slate-900 dark:text-white">
            {item.sectorName}
            {item.isPortal && <span className="ml-2 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-300">{t("portalBadge")}</span>}
          </p>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("applications", { applications: apps })}</p>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            {t("identifier")} <code className="font-mono text-xs break-all text-slate-800 dark:text-slate-200">{item.subject}</code> · {t("since", { date: since })}
          </p>
        </div>
        {!confirming && (
          <Button variant="secondary" size="sm" fullWidth={false} onClick={() => { setConfirming(true); setMessage(null); }} aria-label={t("rotateLabel", { sector: item.sectorName })}>
            {t("rotate")}
          </Button>
        )}
      </div>
      {confirming && (
        <div className="mt-3">
          <ConfirmNotice confirmLabel={t("rotateYes")} cancelLabel={t("cancel")} busy={pending} onConfirm={rotate} onCancel={() => setConfirming(false)}>
            <p className="font-semibold">{t("warningTitle")}</p>
            <p className="mt-1">{t("warningBody", { applications: apps })}</p>
            {item.isPortal && <p className="mt-1">{t("warningPortal")}</p>}
          </ConfirmNotice>
        </div>
      )}
      {message && <div className="mt-3"><Notice tone={message.tone}>{message.text}</Notice></div>}
    </li>
  );
}
