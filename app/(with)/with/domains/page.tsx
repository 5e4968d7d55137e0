// /with/domains — the domains of every organization the caller belongs to
// (docs 21, 22), narrowed by the organization switcher
// (`?organization=<anchor>`): each claim with its state and the TXT record to
// publish, Verify and Release for OWNERs, a verified domain's login policy
// (set on the claim's own page, its Login policy tab), and adopting a new
// domain. Everyone else sees the same with the controls disabled and the
// reason. Without an organization there is nothing here: the page sends the
// user to /with/organizations, as the other developer pages do.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { adoptDomainAction } from "@/components/with/developer/actions/domains";
import { DomainAdoptForm } from "@/components/with/developer/domains/domain-adopt-form";
import { DomainEntry } from "@/components/with/developer/domains/domain-entry";
import { createTargets, OrganizationSections, selectOrganizations } from "@/components/with/developer/organization-sections";
import { PageHeader, Panel } from "@/components/with/portal-ui";
import { domainOverview } from "@/lib/domains/domain-overview";
import { requirePortalAccount } from "@/lib/portal/portal-context";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("with.nav");
  return { title: t("domains") };
}

export default async function DomainsPage({ searchParams }: { searchParams: Promise<{ organization?: string | string[] }> }) {
  const { deps, account } = await requirePortalAccount("/with/domains");
  const overview = await domainOverview(deps.db, account.id);
  if (overview.length === 0) redirect("/with/organizations");
  const selection = selectOrganizations(overview, (await searchParams).organization);
  const t = await getTranslations("withDomains");

  return (
    <>
      <PageHeader title={t("title")} lead={t("lead")} />
      <OrganizationSections
        namespace="withDomains"
        path="/with/domains"
        idPrefix="domains"
        createId="domain-adopt"
        overview={overview}
        selection={selection}
        count={(o) => ({ count: o.domains.length, quota: o.organization.domainQuota })}
        items={(o, reason) =>
          o.domains.length === 0 ? null : (
            <ul className="grid gap-4">
              {o.domains.map((claim) => (
                <DomainEntry key={claim.domain} organization={o} claim={claim} reason={reason} />
              ))}
            </ul>
          )
        }
      />

      <Panel id="domain-adopt" title={t("adoptTitle")} lead={t("adoptLead")}>
        <DomainAdoptForm action={adoptDomainAction} {...await createTargets("withDomains", selection)} />
      </Panel>
    </>
  );
}
