// /with/data-sharing — what each application may read about this person
// (docs 12): per claim, shared or not and required or not; Revoke per
// application takes effect on its next token.
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { SharingCard } from "@/components/with/account/sharing-card";
import { EmptyState, PageHeader, Panel } from "@/components/with/portal-ui";
import { listDataSharing } from "@/lib/account/data-sharing";
import { requirePortalAccount } from "@/lib/portal/portal-context";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("with.nav");
  return { title: t("data-sharing") };
}

export default async function DataSharingPage() {
  const { deps, account } = await requirePortalAccount("/with/data-sharing");
  const t = await getTranslations("withAccount.sharing");
  const applications = await listDataSharing(deps, account.id, await getLocale());
  return (
    <>
      <PageHeader title={t("title")} lead={t("lead")} />
      <Panel id="sharing" title={t("applicationsTitle")} lead={t("applicationsLead")}>
        {applications.length === 0 ? (
          <EmptyState title={t("emptyTitle")} body={t("emptyBody")} />
        ) : (
          <ul className="space-y-4" aria-label={t("listLabel")}>
            {applications.map((application) => (
              <SharingCard key={application.anchor} application={application} />
            ))}
          </ul>
        )}
      </Panel>
    </>
  );
}
