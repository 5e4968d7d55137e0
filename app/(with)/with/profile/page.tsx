// /with/profile — the signed-in person: their name (what applications may
// receive as firstName / lastName when shared), their primary email and, at
// the end, deleting the account.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { DeleteAccountPanel } from "@/components/with/account/delete-account-panel";
import { ProfileNameForm } from "@/components/with/account/profile-name-form";
import { PageHeader, Panel } from "@/components/with/portal-ui";
import { deletionConfirmationPhrase, listBlockingOrganizations } from "@/lib/account/delete-account";
import { loadAccountIdentity } from "@/lib/identity/accounts";
import { NAME_MAX_LENGTH } from "@/lib/identity/profile-name";
import { requirePortalAccount } from "@/lib/portal/portal-context";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("with.nav");
  return { title: t("profile") };
}

export default async function ProfilePage() {
  const { deps, account } = await requirePortalAccount("/with/profile");
  const t = await getTranslations("withAccount.profile");
  const td = await getTranslations("withAccount.delete");
  const [identity, blocking, phrase] = await Promise.all([
    loadAccountIdentity(deps.db, account.id),
    listBlockingOrganizations(deps.db, account.id),
    deletionConfirmationPhrase(deps.db, account.id),
  ]);
  const name = [account.firstName, account.lastName].filter(Boolean).join(" ");
  return (
    <>
      <PageHeader title={name ? t("titleNamed", { name }) : t("title")} lead={t("lead")} />
      <Panel id="profile-name" title={t("nameTitle")} lead={t("nameLead")}>
        <ProfileNameForm firstName={account.firstName ?? ""} lastName={account.lastName ?? ""} maxLength={NAME_MAX_LENGTH} />
      </Panel>
      <Panel id="profile-email" title={t("emailTitle")} lead={t("emailLead")}>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="font-medium break-all text-slate-900 dark:text-white" data-testid="primary-email">
            {identity?.primaryEmail ?? t("noEmail")}
          </p>
          <a href="/with/sign-in-methods#emails" className="text-sm font-semibold text-brand-700 underline-offset-2 hover:underline dark:text-brand-300">
            {t("manageEmails")}
          </a>
        </div>
      </Panel>
      <Panel id="delete-account" title={td("title")} tone="danger">
        <DeleteAccountPanel phrase={phrase} blocking={blocking.map(({ anchor, name }) => ({ anchor, name }))} />
      </Panel>
    </>
  );
}
