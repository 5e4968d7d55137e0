// /with/applications/[anchor] — the application's overview: names,
// organization, sector, state, public keys and their rotation, and retiring /
// re-enabling. The configuration tabs (rules, claims, access keys, OIDC) are
// their own pages. Every read and mutation goes through applicationFor().
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { CopyButton } from "@/components/ui/copy-button";
import { ApplicationTabs } from "@/components/with/application-tabs";
import { ActionButton } from "@/components/with/developer/action-ui";
import {
  endAllSessionsAction,
  reenableApplicationAction,
  renameApplicationAction,
  retireApplicationAction,
  rotateClientAuthKeyAction,
  rotateTokenSigningKeyAction,
} from "@/components/with/developer/actions/applications";
import { ApplicationNamesForm, EndAllSessions, RotateClientAuthKey } from "@/components/with/developer/application-overview-forms";
import { Pill } from "@/components/with/developer/pill";
import { Notice, PageHeader, Panel } from "@/components/with/portal-ui";
import { findSectorById } from "@/db/queries/applications";
import { applicationFor, hasRight, isSoleOwner } from "@/lib/developer/access";
import { applicationName } from "@/lib/developer/overview";
import { isSudomimusError } from "@/lib/errors";
import { requirePortalAccount } from "@/lib/portal/portal-context";
import { anchorParam } from "@/lib/portal/url-param";

type Params = { params: Promise<{ anchor: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: anchorParam((await params).anchor) ?? undefined };
}

export default async function ApplicationOverviewPage({ params }: Params) {
  const anchor = anchorParam((await params).anchor);
  if (anchor === null) notFound();
  const { deps, account } = await requirePortalAccount(`/with/applications/${encodeURIComponent(anchor)}`);
  const found = await applicationFor(deps.db, account.id, anchor, "view").catch((error) => {
    if (isSudomimusError(error)) notFound();
    throw error;
  });
  const { application, organization, role } = found;
  const [t, locale, format, sector, soleOwner] = await Promise.all([
    getTranslations("withDeveloper"),
    getLocale(),
    getFormatter(),
    findSectorById(deps.db, application.sectorId),
    isSoleOwner(deps.db, organization.id, role),
  ]);
  const roleName = t(`roles.${role}`);
  const frozen = organization.disabledAt ? t("reasons.retired") : null;
  const editReason = frozen ?? (hasRight(role, "editApplications") ? null : t("reasons.needsAdmin", { role: roleName }));
  const retireReason = frozen ?? (soleOwner ? (!application.enabled && sector?.disabledAt ? t("reasons.sectorRetired") : null) : t("reasons.soleOwnerOnly"));
  const rotated = (date: Date | null) => (date ? t("application.rotatedAt", { date: format.dateTime(date, { dateStyle: "medium", timeStyle: "short" }) }) : t("application.neverRotated"));

  return (
    <>
      <nav className="mb-3 text-sm">
        <Link href="/with/applications" className="font-medium text-brand-700 hover:underline dark:text-brand-300">
          ← {t("applications.title")}
        </Link>
      </nav>
      <PageHeader
        title={applicationName(application, locale)}
        lead={
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-mono text-sm">{application.anchor}</span>
            {application.enabled ? <Pill tone="success">{t("common.enabled")}</Pill> : <Pill tone="danger">{t("common.retired")}</Pill>}
          </span>
        }
      />
      <ApplicationTabs anchor={application.anchor} current="overview" />
      {!application.enabled && (
        <div className="mt-6">
          <Notice tone="warning">{t("application.retiredNotice")}</Notice>
        </div>
      )}

      <Panel id="application-details" title={t("application.detailsTitle")}>
        <dl className="grid gap-4 sm:grid-cols-3">
          <div>
            <dt className="text-sm text-slate-500 dark:text-slate-400">{t("application.anchor")}</dt>
            <dd className="mt-1 flex items-center gap-2 font-mono text-sm break-all">{application.anchor}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-500 dark:text-slate-400">{t("application.organization")}</dt>
            <dd className="mt-1 font-medium">
              <Link href={`/with/organizations/${organization.anchor}`} className="text-brand-700 hover:underline dark:text-brand-300">
                {organization.name}
              </Link>{" "}
              <span className="text-sm text-slate-500 dark:text-slate-400">({roleName})</span>
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-500 dark:text-slate-400">{t("application.sector")}</dt>
            <dd className="mt-1 font-medium">
              <Link href="/with/sectors" className="text-brand-700 hover:underline dark:text-brand-300">
                {sector?.name ?? "—"}
              </Link>{" "}
              {sector?.disabledAt && <Pill tone="danger">{t("common.retired")}</Pill>}
            </dd>
          </div>
        </dl>
      </Panel>

      <Panel id="application-names" title={t("application.namesTitle")} lead={t("application.namesLead")}>
        <ApplicationNamesForm action={renameApplicationAction.bind(null, application.anchor)} names={application.names} disabledReason={editReason} />
      </Panel>

      <Panel id="application-token-key" title={t("application.tokenKeyTitle")} lead={t("application.tokenKeyLead")}>
        <PublicKey pem={application.tokenSigningPublicKey} label={t("application.tokenKeyLabel")} id="token-signing-public-key" />
        <p className="mt-2 text-sm text-slate-500 dark:text-slate-400">{rotated(application.tokenSigningKeyRotatedAt)}</p>
        <div className="mt-4">
          <ActionButton
            action={rotateTokenSigningKeyAction.bind(null, application.anchor)}
            label={t("application.rotateTokenKey")}
            confirm={t("application.rotateTokenKeyConfirm")}
            disabledReason={editReason}
          />
        </div>
      </Panel>

      <Panel id="application-sessions" title={t("application.sessionsTitle")} lead={t("application.sessionsLead")}>
        <EndAllSessions action={endAllSessionsAction.bind(null, application.anchor)} disabledReason={editReason} />
      </Panel>

      <Panel id="application-client-key" title={t("application.clientKeyTitle")} lead={t("application.clientKeyLead")}>
        <PublicKey pem={application.clientAuthPublicKey} label={t("application.clientKeyLabel")} id="client-auth-public-key" />
        <p className="mt-2 text-sm text-slate-500 dark:text-slate-400">{rotated(application.clientAuthKeyRotatedAt)}</p>
        <div className="mt-4">
          <RotateClientAuthKey anchor={application.anchor} action={rotateClientAuthKeyAction.bind(null, application.anchor)} disabledReason={editReason} />
        </div>
      </Panel>

      <Panel
        id="application-retire"
        tone="danger"
        title={application.enabled ? t("application.retireTitle") : t("application.reenableTitle")}
        lead={application.enabled ? t("application.retireLead") : t("application.reenableLead")}
      >
        {application.enabled ? (
          <ActionButton
            action={retireApplicationAction.bind(null, application.anchor)}
            label={t("application.retire")}
            variant="danger"
            confirm={t("application.retireConfirm")}
            disabledReason={retireReason}
          />
        ) : (
          <ActionButton action={reenableApplicationAction.bind(null, application.anchor)} label={t("application.reenable")} variant="primary" disabledReason={retireReason} />
        )}
      </Panel>
    </>
  );
}

function PublicKey({ pem, label, id }: { pem: string; label: string; id: string }) {
  return (
    <div>
      <div className="flex items-end justify-between gap-3">
        <label htmlFor={id} className="text-sm font-medium text-slate-800 dark:text-slate-200">
          {label}
        </label>
        <CopyButton value={pem} />
      </div>
      <textarea
        id={id}
        readOnly
        value={pem}
        rows={5}
        spellCheck={false}
        className="mt-1.5 block w-full resize-y rounded-lg border border-slate-300 bg-slate-50 p-3 font-mono text-xs text-slate-800 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-200"
      />
    </div>
  );
}
