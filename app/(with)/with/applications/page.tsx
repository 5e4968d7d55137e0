// /with/applications — the applications of the caller's organizations, by
// organization. Without an organization there is nothing to list: the page
// sends the user to /with/organizations (docs: quickstart).
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { OrganizationTitle } from "@/components/with/developer/organization-title";
import { Pill } from "@/components/with/developer/pill";
import { EmptyState, PageHeader, Panel } from "@/components/with/portal-ui";
import { hasRight } from "@/lib/developer/access";
import { applicationName, developerOverview } from "@/lib/developer/overview";
import { requirePortalAccount } from "@/lib/portal/portal-context";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("with.nav");
  return { title: t("applications") };
}

const buttonClasses =
  "inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 py-2.5 text-[0.9375rem] font-semibold text-white shadow-sm hover:bg-brand-700 dark:bg-brand-500 dark:hover:bg-brand-400";

export default async function ApplicationsPage() {
  const { deps, account } = await requirePortalAccount("/with/applications");
  const overview = await developerOverview(deps.db, account.id);
  if (overview.length === 0) redirect("/with/organizations");
  const t = await getTranslations("withDeveloper");
  const locale = await getLocale();
  const canCreate = overview.some((o) => hasRight(o.role, "editApplications") && !o.organization.disabledAt);

  return (
    <>
      <PageHeader
        title={t("applications.title")}
        lead={t("applications.lead")}
        actions={
          canCreate ? (
            <Link href="/with/applications/new" className={buttonClasses}>
              {t("applications.create")}
            </Link>
          ) : undefined
        }
      />
      {!canCreate && <p className="mt-4 text-sm text-slate-500 dark:text-slate-400">{t("reasons.needsAdminAnywhere")}</p>}
      {overview.map(({ organization, role, applications, sectors }) => (
        <Panel
          key={organization.anchor}
          id={`applications-${organization.anchor}`}
          title={<OrganizationTitle organization={organization} role={role} />}
        >
          {applications.length === 0 ? (
            <EmptyState title={t("applications.emptyTitle")} body={t("applications.emptyBody")} />
          ) : (
            <ul className="divide-y divide-slate-200 dark:divide-slate-800">
              {applications.map((application) => (
                <li key={application.anchor} className="flex flex-wrap items-center justify-between gap-3 py-3 first:pt-0 last:pb-0">
                  <div className="min-w-0">
                    <Link
                      href={`/with/applications/${application.anchor}`}
                      className="font-semibold text-slate-900 wrap-break-word hover:text-brand-700 hover:underline dark:text-white dark:hover:text-brand-300"
                    >
                      {applicationName(application, locale)}
                    </Link>
                    <p className="font-mono text-xs text-slate-500 dark:text-slate-400">{application.anchor}</p>
                  </div>
                  <div className="flex flex-wrap items-center gap-2 text-sm text-slate-500 dark:text-slate-400">
                    <span>{t("applications.inSector", { sector: sectors.find((s) => s.id === application.sectorId)?.name ?? "—" })}</span>
                    {application.enabled ? <Pill tone="success">{t("common.enabled")}</Pill> : <Pill tone="danger">{t("common.retired")}</Pill>}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Panel>
      ))}
    </>
  );
}
