// /with/privacy — the identifiers that stand for this person: the account
// alias (theirs to hand out for allow-lists and invitations, never shown to
// applications) and the pairwise sector subjects applications see (docs 14).
import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { AliasPanel, SubjectRow } from "@/components/with/account/privacy-panels";
import { EmptyState, PageHeader, Panel } from "@/components/with/portal-ui";
import { accountAliasFor, listSectorSubjects } from "@/lib/account/privacy";
import { requirePortalAccount } from "@/lib/portal/portal-context";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("with.nav");
  return { title: t("privacy") };
}

export default async function PrivacyPage() {
  const { deps, account } = await requirePortalAccount("/with/privacy");
  const t = await getTranslations("withAccount");
  const format = await getFormatter();
  const locale = await getLocale();
  const [alias, subjects] = await Promise.all([accountAliasFor(deps.db, account.id), listSectorSubjects(deps, account.id, locale)]);
  return (
    <>
      <PageHeader title={t("privacy.title")} lead={t("privacy.lead")} />
      <Panel id="alias" title={t("alias.title")} lead={t("alias.lead")}>
        <AliasPanel alias={alias} />
      </Panel>
      <Panel id="subjects" title={t("subjects.title")} lead={t("subjects.lead")}>
        {subjects.length === 0 ? (
          <EmptyState title={t("subjects.emptyTitle")} body={t("subjects.emptyBody")} />
        ) : (
          <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800" aria-label={t("subjects.listLabel")}>
            {subjects.map((item) => (
              <SubjectRow key={item.sectorAnchor} item={{ ...item, since: item.since.toISOString() }} since={format.dateTime(item.since, { dateStyle: "medium" })} />
            ))}
          </ul>
        )}
      </Panel>
    </>
  );
}
