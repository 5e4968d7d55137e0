// /with/domains — the domains of every organization the caller belongs to
// (docs 21, 22), narrowed by the organization switcher
// (`?organization=<anchor>`): each claim with its state and the TXT record to
// publish, Verify and Release for OWNERs, a verified domain's login policy
// for the organization's sole owner, and adopting a new domain. Everyone else
// sees the same with the controls disabled and the reason. Without an
// organization there is nothing here: the page sends the user to
// /with/organizations, as the other developer pages do.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { DisabledReason } from "@/components/with/developer/action-ui";
import { adoptDomainAction, releaseDomainAction, setLoginPolicyAction, verifyDomainAction } from "@/components/with/developer/actions/domains";
import { DomainAdoptForm } from "@/components/with/developer/domains/domain-adopt-form";
import { DomainItem } from "@/components/with/developer/domains/domain-item";
import { LoginPolicyForm } from "@/components/with/developer/domains/login-policy-form";
import { OrganizationSwitcher } from "@/components/with/developer/organization-switcher";
import { OrganizationTitle } from "@/components/with/developer/organization-title";
import { EmptyState, PageHeader, Panel } from "@/components/with/portal-ui";
import { domainOverview, type OrganizationDomains } from "@/lib/domains/domain-overview";
import { requirePortalAccount } from "@/lib/portal/portal-context";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("with.nav");
  return { title: t("domains") };
}

const linkClasses =
  "inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 py-2.5 text-[0.9375rem] font-semibold text-white shadow-sm hover:bg-brand-700 dark:bg-brand-500 dark:hover:bg-brand-400";

export default async function DomainsPage({ searchParams }: { searchParams: Promise<{ organization?: string | string[] }> }) {
  const { deps, account } = await requirePortalAccount("/with/domains");
  const overview = await domainOverview(deps.db, account.id);
  if (overview.length === 0) redirect("/with/organizations");
  const { organization: wanted } = await searchParams;
  const selected = overview.find((o) => o.organization.anchor === wanted) ?? null;
  const shown = selected ? [selected] : overview;
  const adoptable = shown.filter((o) => o.canManage);
  const t = await getTranslations("withDomains");
  const tDeveloper = await getTranslations("withDeveloper");
  const role = (o: OrganizationDomains) => tDeveloper(`roles.${o.role}`);
  const manageReason = (o: OrganizationDomains) => (o.canManage ? null : o.organization.disabledAt ? tDeveloper("reasons.retired") : t("needsOwner", { role: role(o) }));
  const policyReason = (o: OrganizationDomains) =>
    o.canSetPolicy ? null : o.organization.disabledAt ? tDeveloper("reasons.retired") : o.role === "OWNER" ? t("policyNeedsSoleOwner") : t("policyNeedsOwner", { role: role(o) });
  const short = (o: OrganizationDomains) => ({ anchor: o.organization.anchor, name: o.organization.name });

  return (
    <>
      <PageHeader title={t("title")} lead={t("lead")} />
      <div className="mt-6">
        <OrganizationSwitcher path="/with/domains" organizations={overview.map(short)} selected={selected?.organization.anchor ?? null} />
      </div>

      {shown.map((o) => {
        const reason = manageReason(o);
        return (
          <Panel
            key={o.organization.anchor}
            id={`domains-${o.organization.anchor}`}
            title={<OrganizationTitle organization={o.organization} role={o.role} />}
            lead={t("count", { count: o.domains.length, quota: o.organization.domainQuota })}
          >
            {reason && o.domains.length > 0 && (
              <div className="-mt-2 mb-4">
                <DisabledReason id={`domains-reason-${o.organization.anchor}`}>{reason}</DisabledReason>
              </div>
            )}
            {o.domains.length === 0 ? (
              <EmptyState
                title={t("emptyTitle")}
                body={reason ? `${t("emptyBody")} ${reason}` : t("emptyBody")}
                action={
                  reason ? undefined : (
                    <Link href={`/with/domains?organization=${encodeURIComponent(o.organization.anchor)}#domain-adopt`} className={linkClasses}>
                      {t("emptyAction")}
                    </Link>
                  )
                }
              />
            ) : (
              <ul className="grid gap-4">
                {o.domains.map((claim) => (
                  <DomainItem
                    key={claim.domain}
                    view={{ domain: claim.domain, state: claim.state, record: claim.record, verifiedAt: claim.verifiedAt?.toISOString() ?? null, policy: claim.policy }}
                    disabled={reason !== null}
                    verify={verifyDomainAction.bind(null, o.organization.anchor, claim.domain)}
                    release={releaseDomainAction.bind(null, o.organization.anchor, claim.domain)}
                  >
                    {claim.state === "VERIFIED" && (
                      <LoginPolicyForm
                        domain={claim.domain}
                        current={claim.policy}
                        currentConnector={claim.connectorAnchor}
                        connectors={o.connectors}
                        ownEmail={claim.ownEmail}
                        disabledReason={policyReason(o)}
                        save={setLoginPolicyAction.bind(null, o.organization.anchor, claim.domain)}
                      />
                    )}
                  </DomainItem>
                ))}
              </ul>
            )}
          </Panel>
        );
      })}

      <Panel id="domain-adopt" title={t("adoptTitle")} lead={t("adoptLead")}>
        <DomainAdoptForm
          action={adoptDomainAction}
          organizations={(adoptable.length > 0 ? adoptable : shown).map(short)}
          disabledReason={adoptable.length > 0 ? null : selected ? manageReason(selected) : t("needsOwnerAnywhere")}
        />
      </Panel>
    </>
  );
}
