// The frame of a domain claim's detail page (docs 21, 22): the signed-in
// caller, the claim of one of their organizations (anything else is a 404 —
// whether another organization claims a domain is not revealed), the header
// with the way back to the list, and the tab bar: Overview, Login policy.
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { domainDetail, domainPagePath, type DomainTab } from "@/lib/domains/domain-overview";
import { requirePortalAccount } from "@/lib/portal/portal-context";
import { anchorParam, urlParam } from "@/lib/portal/url-param";
import { PageHeader } from "../../portal-ui";
import { TabBar } from "../../tab-bar";

export async function loadDomainPage(params: Promise<{ organization: string; domain: string }>, tab: DomainTab) {
  const raw = await params;
  const organizationAnchor = anchorParam(raw.organization);
  const domain = urlParam(raw.domain);
  if (organizationAnchor === null || domain === null) notFound();
  const { deps, account } = await requirePortalAccount(domainPagePath(organizationAnchor, domain, tab));
  const found = await domainDetail(deps.db, account.id, organizationAnchor, domain);
  if (!found) notFound();
  return { deps, account, ...found };
}

export async function DomainPageHeader({ organization, domain, tab }: { organization: { anchor: string; name: string }; domain: string; tab: DomainTab }) {
  const t = await getTranslations("withDomains");
  return (
    <>
      <Link href={`/with/domains?organization=${encodeURIComponent(organization.anchor)}`} className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-300">
        ← {t("allDomains")}
      </Link>
      <div className="mt-3">
        <PageHeader title={<span className="font-mono wrap-anywhere">{domain}</span>} lead={t("detailLead", { organization: organization.name })} />
      </div>
      <TabBar
        label={t("tabs.label")}
        tabs={(["overview", "login-policy"] as const).map((each) => ({
          href: domainPagePath(organization.anchor, domain, each),
          label: t(`tabs.${each === "overview" ? "overview" : "loginPolicy"}`),
          active: each === tab,
        }))}
      />
    </>
  );
}
