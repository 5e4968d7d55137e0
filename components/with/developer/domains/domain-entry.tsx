// One domain claim with its actions bound — the same item on the Domains
// list (linking to the claim's page) and on the claim's own Overview tab
// (going back to the list once released).
import { releaseDomainAction, verifyDomainAction } from "@/components/with/developer/actions/domains";
import { domainPagePath, type DomainView, type OrganizationDomains } from "@/lib/domains/domain-overview";
import { DomainItem } from "./domain-item";

export function DomainEntry({ organization, claim, reason, onOwnPage = false }: { organization: OrganizationDomains; claim: DomainView; reason: string | null; onOwnPage?: boolean }) {
  const anchor = organization.organization.anchor;
  return (
    <DomainItem
      view={{ domain: claim.domain, state: claim.state, record: claim.record, verifiedAt: claim.verifiedAt?.toISOString() ?? null, policy: claim.policy }}
      disabled={reason !== null}
      // Releasing tears the policy down, so it needs the sole owner like changing the policy (lib/domains/claims.ts).
      releaseLocked={claim.policy !== null && !organization.canSetPolicy}
      verify={verifyDomainAction.bind(null, anchor, claim.domain)}
      release={releaseDomainAction.bind(null, anchor, claim.domain)}
      links={{
        page: onOwnPage ? undefined : domainPagePath(anchor, claim.domain),
        policy: domainPagePath(anchor, claim.domain, "login-policy"),
        afterRelease: onOwnPage ? `/with/domains?organization=${encodeURIComponent(anchor)}` : undefined,
      }}
    />
  );
}
