// /with/sectors — the sectors of the caller's organizations and the
// applications in each (applications in one sector see the same subject for a
// person). Creating one needs ADMIN; retiring needs the sole OWNER and every
// application in it disabled. Without an organization there is nothing here:
// the page sends the user to /with/organizations (docs: quickstart).
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/with/developer/action-ui";
import { createSectorAction, reenableSectorAction, retireSectorAction } from "@/components/with/developer/actions/sectors";
import { OrganizationTitle } from "@/components/with/developer/organization-title";
import { Pill } from "@/components/with/developer/pill";
import { CreateSectorForm } from "@/components/with/developer/sector-form";
import { EmptyState, PageHeader, Panel } from "@/components/with/portal-ui";
import { hasRight } from "@/lib/developer/access";
import { applicationName, developerOverview } from "@/lib/developer/overview";
import { requirePortalAccount } from "@/lib/portal/portal-context";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("with.nav");
  return { title: t("sectors") };
}

export default async function SectorsPage() {
  const { deps, account } = await requirePortalAccount("/with/sectors");
  const overview = await developerOverview(deps.db, account.id);
  if (overview.length === 0) redirect("/with/organizations");
  const t = await getTranslations("withDeveloper");
  const locale = await getLocale();
  const creatable = overview.filter((o) => hasRight(o.role, "editApplications") && !o.organization.disabledAt);

  return (
    <>
      <PageHeader title={t("sectors.title")} lead={t("sectors.lead")} />
      <Panel id="sectors-create" title={t("sectors.createTitle")} lead={t("sectors.createLead")}>
        <CreateSectorForm
          action={createSectorAction}
          organizations={creatable.map((o) => ({ anchor: o.organization.anchor, name: o.organization.name }))}
          disabledReason={creatable.length === 0 ? t("reasons.needsAdminAnywhere") : null}
        />
      </Panel>
      {overview.map(({ organization, role, soleOwner, sectors, applications }) => (
        <Panel
          key={organization.anchor}
          id={`sectors-${organization.anchor}`}
          title={<OrganizationTitle organization={organization} role={role} />}
        >
          {sectors.length === 0 ? (
            <EmptyState title={t("sectors.emptyTitle")} body={t("sectors.emptyBody")} />
          ) : (
            <ul className="grid gap-4">
              {sectors.map((sector) => {
                const inSector = applications.filter((application) => application.sectorId === sector.id);
                const live = inSector.filter((application) => application.enabled).length;
                const reason = organization.disabledAt
                  ? t("reasons.retired")
                  : !soleOwner
                    ? t("reasons.soleOwnerOnly")
                    : !sector.disabledAt && live > 0
                      ? t("reasons.sectorLive", { count: live })
                      : null;
                return (
                  <li key={sector.anchor} className="rounded-xl border border-slate-200 p-4 dark:border-slate-800" data-sector={sector.name}>
                    <div className="flex flex-wrap items-start justify-between gap-3">
                      <div className="min-w-0">
                        <p className="font-semibold text-slate-900 wrap-break-word dark:text-white">
                          {sector.name} {sector.disabledAt && <Pill tone="danger">{t("common.retired")}</Pill>}
                        </p>
                        <p className="font-mono text-xs text-slate-500 dark:text-slate-400">{sector.anchor}</p>
                      </div>
                      {sector.disabledAt ? (
                        <ActionButton action={reenableSectorAction.bind(null, organization.anchor, sector.anchor)} label={t("sectors.reenable")} disabledReason={reason} />
                      ) : (
                        <ActionButton
                          action={retireSectorAction.bind(null, organization.anchor, sector.anchor)}
                          label={t("sectors.retire")}
                          variant="danger"
                          confirm={t("sectors.retireConfirm", { name: sector.name })}
                          disabledReason={reason}
                        />
                      )}
                    </div>
                    <p className="mt-3 text-xs font-semibold uppercase tracking-wider text-slate-500 dark:text-slate-400">{t("sectors.applications")}</p>
                    {inSector.length === 0 ? (
                      <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">{t("sectors.noApplications")}</p>
                    ) : (
                      <ul className="mt-1 flex flex-wrap gap-2">
                        {inSector.map((application) => (
                          <li key={application.anchor}>
                            <Link
                              href={`/with/applications/${application.anchor}`}
                              className="inline-flex items-center gap-2 rounded-lg border border-slate-200 px-2.5 py-1 text-sm font-medium hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
                            >
                              {applicationName(application, locale)}
                              {!application.enabled && <Pill tone="danger">{t("common.retired")}</Pill>}
                            </Link>
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </Panel>
      ))}
    </>
  );
}
