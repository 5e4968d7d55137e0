// /with/domains/<organization>/<domain> — a domain claim's Overview tab
// (docs 21): its state, the TXT record to publish, Verify while pending,
// Release; the login policy is on the next tab.
import type { Metadata } from "next";
import { urlParam } from "@/lib/portal/url-param";
import { DomainEntry } from "@/components/with/developer/domains/domain-entry";
import { DomainPageHeader, loadDomainPage } from "@/components/with/developer/domains/domain-page";
import { manageReasonOf } from "@/components/with/developer/organization-sections";
import { DisabledReason } from "@/components/with/developer/action-ui";

export async function generateMetadata({ params }: { params: Promise<{ domain: string }> }): Promise<Metadata> {
  return { title: urlParam((await params).domain) ?? undefined };
}

export default async function DomainOverviewPage({ params }: { params: Promise<{ organization: string; domain: string }> }) {
  const { organization, claim } = await loadDomainPage(params, "overview");
  const reason = (await manageReasonOf("withDomains"))(organization);
  return (
    <>
      <DomainPageHeader organization={organization.organization} domain={claim.domain} tab="overview" />
      <div className="mt-6">
        {reason && <DisabledReason id="domain-reason">{reason}</DisabledReason>}
        <ul className="mt-3 grid">
          <DomainEntry organization={organization} claim={claim} reason={reason} onOwnPage />
        </ul>
      </div>
    </>
  );
}
