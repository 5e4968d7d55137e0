// /with/applications/new — create an application in an organization where the
// caller is ADMIN or OWNER (and that is not retired).
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { createApplicationAction } from "@/components/with/developer/actions/applications";
import { ApplicationCreateForm } from "@/components/with/developer/application-create-form";
import { EmptyState, PageHeader, Panel } from "@/components/with/portal-ui";
import { hasRight } from "@/lib/developer/access";
import { developerOverview } from "@/lib/developer/overview";
import { requirePortalAccount } from "@/lib/portal/portal-context";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("withDeveloper.newApplication");
  return { title: t("title") };
}

export default async function NewApplicationPage() {
  const { deps, account } = await requirePortalAccount("/with/applications/new");
  const overview = await developerOverview(deps.db, account.id);
  if (overview.length === 0) redirect("/with/organizations");
  const t = await getTranslations("withDeveloper");
  const creatable = overview
    .filter((o) => hasRight(o.role, "editApplications") && !o.organization.disabledAt)
    .map((o) => ({
      anchor: o.organization.anchor,
      name: o.organization.name,
      sectors: o.sectors.filter((s) => !s.disabledAt).map((s) => ({ anchor: s.anchor, name: s.name })),
    }));

  return (
    <>
      <nav className="mb-3 text-sm">
        <Link href="/with/applications" className="font-medium text-brand-700 hover:underline dark:text-brand-300">
          ← {t("applications.title")}
        </Link>
      </nav>
      <PageHeader title={t("newApplication.title")} lead={t("newApplication.lead")} />
      <Panel id="application-create" title={t("newApplication.formTitle")}>
        {creatable.length === 0 ? (
          <EmptyState title={t("newApplication.noneTitle")} body={t("reasons.needsAdminAnywhere")} />
        ) : (
          <ApplicationCreateForm action={createApplicationAction} organizations={creatable} />
        )}
      </Panel>
    </>
  );
}
