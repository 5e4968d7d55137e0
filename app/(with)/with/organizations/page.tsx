// /with/organizations — the organizations the signed-in person belongs to,
// with their role, and creating a new one (which makes them its first OWNER).
// Belonging to none is a normal state, not an error (docs).
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CreateOrganizationForm } from "@/components/with/developer/organization-forms";
import { createOrganizationAction } from "@/components/with/developer/actions/organizations";
import { Pill } from "@/components/with/developer/pill";
import { EmptyState, Notice, PageHeader, Panel } from "@/components/with/portal-ui";
import { CopyButton } from "@/components/ui/copy-button";
import { countOwnedOrganizations, listOrganizationsOfAccount } from "@/db/queries/memberships";
import { accountAliasFor } from "@/lib/identity/account-alias";
import { OWNED_ORGANIZATION_QUOTA } from "@/lib/developer/quotas";
import { requirePortalAccount } from "@/lib/portal/portal-context";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("with.nav");
  return { title: t("organizations") };
}

export default async function OrganizationsPage({ searchParams }: { searchParams: Promise<{ left?: string }> }) {
  const { deps, account } = await requirePortalAccount("/with/organizations");
  const t = await getTranslations("withDeveloper");
  const [organizations, owned, alias] = await Promise.all([
    listOrganizationsOfAccount(deps.db, account.id),
    countOwnedOrganizations(deps.db, account.id),
    accountAliasFor(deps.db, account.id),
  ]);
  const suggestedName = account.firstName ? t("organizations.suggestedNamed", { name: account.firstName }) : t("organizations.suggested");
  const quotaReached = owned >= OWNED_ORGANIZATION_QUOTA;
  const form = (
    <CreateOrganizationForm
      action={createOrganizationAction}
      suggestedName={suggestedName}
      disabledReason={quotaReached ? t("organizations.quotaReached", { quota: OWNED_ORGANIZATION_QUOTA }) : null}
    />
  );
  const { left } = await searchParams;

  return (
    <>
      <PageHeader title={t("organizations.title")} lead={t("organizations.lead")} />
      {left === "1" && (
        <div className="mt-6">
          <Notice tone="success">{t("organizations.left")}</Notice>
        </div>
      )}
      {organizations.length === 0 ? (
        <Panel id="organizations-none" title={t("organizations.yours")}>
          <EmptyState title={t("organizations.emptyTitle")} body={t("organizations.emptyBody")} />
          <div className="mt-6">
            <h3 className="mb-3 font-semibold text-slate-900 dark:text-white">{t("organizations.createTitle")}</h3>
            {form}
          </div>
        </Panel>
      ) : (
        <>
          <Panel id="organizations-list" title={t("organizations.yours")}>
            <ul className="divide-y divide-slate-200 dark:divide-slate-800">
              {organizations.map(({ organization, role }) => (
                <li key={organization.anchor} className="flex flex-wrap items-center justify-between gap-3 py-3 first:pt-0 last:pb-0">
                  <div className="min-w-0">
                    <Link
                      href={`/with/organizations/${organization.anchor}`}
                      className="font-semibold text-slate-900 wrap-break-word hover:text-brand-700 hover:underline dark:text-white dark:hover:text-brand-300"
                    >
                      {organization.name}
                    </Link>
                    <p className="font-mono text-xs text-slate-500 dark:text-slate-400">{organization.anchor}</p>
                  </div>
                  <div className="flex gap-2">
                    {organization.disabledAt && <Pill tone="danger">{t("common.retired")}</Pill>}
                    <Pill tone={role === "OWNER" ? "brand" : "neutral"}>{t(`roles.${role}`)}</Pill>
                  </div>
                </li>
              ))}
            </ul>
          </Panel>
          <Panel id="organizations-create" title={t("organizations.createTitle")} lead={t("organizations.createLead", { owned, quota: OWNED_ORGANIZATION_QUOTA })}>
            {form}
          </Panel>
        </>
      )}
      {/* Teammates invite people by account alias; this is the reader's own, so they can hand it over. */}
      <Panel id="organizations-alias" title={t("organizations.aliasTitle")} lead={t("organizations.aliasLead")}>
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-slate-50 px-4 py-3 dark:bg-slate-800/50">
          <code id="own-account-alias" className="font-mono text-sm break-all text-slate-900 dark:text-slate-100">
            {alias}
          </code>
          <CopyButton value={alias} />
        </div>
      </Panel>
    </>
  );
}
