"use client";
// One adopted domain in the Domains view (docs 21): its state, the TXT record
// to publish (host and value to copy), Verify while it is pending, and
// Release after an inline confirmation — which says what happens to its
// login policy, with the docs' caution when the domain is forcing SSO. A
// verified domain says its login policy, with the way to its Login policy tab.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import type { LoginPolicy } from "@/lib/domains/vocabulary";
import type { ActionResult } from "@/lib/portal/portal-action";
import { Notice } from "../../portal-ui";
import { ActionButton, useErrorText } from "../action-ui";
import { CopyableValue } from "../copyable-value";
import { Pill } from "../pill";

export interface DomainItemView {
  domain: string;
  state: "PENDING" | "VERIFIED";
  record: { host: string; type: string; value: string };
  verifiedAt: string | null;
  /** null: no policy (ALLOW_ALL). */
  policy: LoginPolicy | null;
}

function DnsRecord({ record }: { record: DomainItemView["record"] }) {
  const t = useTranslations("withDomains");
  return (
    <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[7rem_minmax(0,1fr)]">
      <dt className="text-slate-500 sm:pt-1.5 dark:text-slate-400">{t("host")}</dt>
      <dd>
        <CopyableValue value={record.host} label={t("copyHost")} testId="domain-record-host" />
      </dd>
      <dt className="text-slate-500 dark:text-slate-400">{t("type")}</dt>
      <dd className="font-mono text-slate-900 dark:text-slate-100">{record.type}</dd>
      <dt className="text-slate-500 sm:pt-1.5 dark:text-slate-400">{t("value")}</dt>
      <dd>
        <CopyableValue value={record.value} label={t("copyValue")} testId="domain-record-value" />
      </dd>
    </dl>
  );
}

export function DomainItem({
  view,
  disabled,
  releaseLocked = false,
  verify,
  release,
  links,
}: {
  view: DomainItemView;
  /** The caller may not verify or release here; the reason is shown once above the list. */
  disabled: boolean;
  /** The domain is under a login policy and the caller is not the sole owner: it may not be released (the reason shows beside it). */
  releaseLocked?: boolean;
  verify: () => Promise<ActionResult>;
  release: () => Promise<ActionResult>;
  links: {
    /** The claim's detail page, when this item is one of a list. */
    page?: string;
    /** Its Login policy tab. */
    policy: string;
    /** Where to go once released, when this page is the claim's own. */
    afterRelease?: string;
  };
}) {
  const t = useTranslations("withDomains");
  const format = useFormatter();
  const errorText = useErrorText();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const onDone = (result: ActionResult) => setError(result.ok ? null : result.error);
  const onReleased = (result: ActionResult) => {
    onDone(result);
    if (result.ok && links.afterRelease) router.push(links.afterRelease);
  };
  const verified = view.state === "VERIFIED";
  const restrictive = view.policy === "BLOCK_ALL" || view.policy === "SSO_ONLY";

  return (
    <li aria-label={view.domain} data-domain={view.domain} className="rounded-xl border border-slate-200 p-4 sm:p-5 dark:border-slate-800">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="min-w-0 font-mono font-semibold text-slate-900 wrap-anywhere dark:text-white">
          {links.page ? (
            <Link href={links.page} className="hover:underline">
              {view.domain}
            </Link>
          ) : (
            view.domain
          )}
        </h3>
        {verified ? <Pill tone="success">{t("state.VERIFIED")}</Pill> : <Pill>{t("state.PENDING")}</Pill>}
        {restrictive && <Pill tone={view.policy === "BLOCK_ALL" ? "danger" : "brand"}>{view.policy}</Pill>}
      </div>

      {verified ? (
        <>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t("verifiedOn", { date: format.dateTime(new Date(view.verifiedAt!), { dateStyle: "medium" }) })}</p>
          <details className="mt-3 text-sm">
            <summary className="cursor-pointer font-medium text-slate-700 dark:text-slate-300">{t("recordShow")}</summary>
            <div className="mt-3">
              <DnsRecord record={view.record} />
            </div>
          </details>
        </>
      ) : (
        <div className="mt-3">
          <p className="text-sm font-medium text-slate-800 dark:text-slate-200">{t("recordTitle")}</p>
          <p className="mt-0.5 mb-3 text-sm text-slate-600 dark:text-slate-400">{t("recordLead")}</p>
          <DnsRecord record={view.record} />
          <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">{t("verifyHint")}</p>
        </div>
      )}

      {verified && (
        <p className="mt-3 text-sm text-slate-700 dark:text-slate-300">
          {t("policySummary", { policy: t(`policy.${view.policy ?? "ALLOW_ALL"}.title`) })}{" "}
          <Link href={links.policy} className="font-medium text-brand-700 hover:underline dark:text-brand-300">
            {t("policyChange")}
          </Link>
        </p>
      )}

      <div className="mt-4 flex flex-wrap items-start gap-2 border-t border-slate-200 pt-4 dark:border-slate-800">
        {!verified && <ActionButton action={verify} label={t("verify")} busyLabel={t("verifying")} variant="primary" disabled={disabled} showError={false} onDone={onDone} />}
        <ActionButton
          action={release}
          label={t("release")}
          variant="danger"
          disabled={disabled || releaseLocked}
          showError={false}
          onDone={onReleased}
          confirm={
            <div className="grid gap-2">
              <p>{t("releaseConfirm", { domain: view.domain })}</p>
              {restrictive && <p>{t("releasePolicy", { policy: view.policy! })}</p>}
              {view.policy === "SSO_ONLY" && <p className="font-semibold">{t("releaseSsoCaution")}</p>}
            </div>
          }
        />
      </div>
      {releaseLocked && !disabled && <p className="mt-2 text-sm text-slate-500 dark:text-slate-400">{t("releaseSoleOwner")}</p>}
      {error && (
        <div className="mt-3">
          <Notice tone="danger">{errorText(error)}</Notice>
        </div>
      )}
    </li>
  );
}
