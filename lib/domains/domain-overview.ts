// What the portal's Domains view shows (docs 21, 22): each of the caller's
// organizations with the caller's role, what that role may do there, its
// domain claims with the record each must publish and its login policy, the
// enabled connectors an SSO_ONLY policy may name, and which claims sit on the
// domain of one of the caller's own emails (the lock-yourself-out warning).
import type { Executor } from "@/db/client";
import { listDomainClaims, type DomainClaim } from "@/db/queries/domains";
import { listConnectors } from "@/db/queries/federation-connectors";
import { listOrganizationsOfAccount, type MemberRole } from "@/db/queries/memberships";
import type { OrganizationRow } from "@/db/queries/organizations";
import { hasRight, isSoleOwner } from "../developer/access";
import { challengeRecord, type ChallengeRecord } from "./challenge";
import { accountEmailDomains } from "./login-policy";

export interface DomainView extends DomainClaim {
  record: ChallengeRecord;
  /** One of the caller's own verified emails is on this domain. */
  ownEmail: boolean;
}

export interface OrganizationDomains {
  organization: OrganizationRow;
  role: MemberRole;
  /** May adopt, verify and release (an OWNER of a live organization). */
  canManage: boolean;
  /** May set login policies (the sole OWNER of a live organization). */
  canSetPolicy: boolean;
  domains: DomainView[];
  /** The organization's enabled connectors, for SSO_ONLY. */
  connectors: { anchor: string; displayName: string }[];
}

export async function domainOverview(db: Executor, accountId: string): Promise<OrganizationDomains[]> {
  const memberships = await listOrganizationsOfAccount(db, accountId);
  const [claims, connectors, soleOwner, ownDomains] = await Promise.all([
    listDomainClaims(db, memberships.map(({ organization }) => organization.id)),
    Promise.all(memberships.map(({ organization }) => listConnectors(db, organization.id))),
    Promise.all(memberships.map(({ organization, role }) => isSoleOwner(db, organization.id, role))),
    accountEmailDomains(db, accountId),
  ]);
  return memberships.map(({ organization, role }, index) => {
    const live = organization.disabledAt === null;
    return {
      organization,
      role,
      canManage: live && hasRight(role, "domains"),
      canSetPolicy: live && soleOwner[index]!,
      domains: claims
        .filter((claim) => claim.organizationId === organization.id)
        .map((claim) => ({ ...claim, record: challengeRecord(claim.domain, claim.verificationToken), ownEmail: ownDomains.has(claim.domain) })),
      connectors: connectors[index]!.filter((connector) => connector.disabledAt === null).map(({ anchor, displayName }) => ({ anchor, displayName })),
    };
  });
}

/** One claim of one of the caller's organizations, as its detail page shows it; null when the caller has none such. */
export async function domainDetail(db: Executor, accountId: string, organizationAnchor: string, domain: string): Promise<{ organization: OrganizationDomains; claim: DomainView } | null> {
  const organization = (await domainOverview(db, accountId)).find((o) => o.organization.anchor === organizationAnchor);
  const claim = organization?.domains.find((d) => d.domain === domain.toLowerCase());
  return organization && claim ? { organization, claim } : null;
}

export type DomainTab = "overview" | "login-policy";

/** The detail page of a domain claim, one tab of it (docs 22: "the verified domain's detail page, a Login policy tab"). */
export const domainPagePath = (organizationAnchor: string, domain: string, tab: DomainTab = "overview") =>
  `/with/domains/${encodeURIComponent(organizationAnchor)}/${encodeURIComponent(domain)}${tab === "overview" ? "" : `/${tab}`}`;
