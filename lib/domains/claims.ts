// Adopting and releasing domains (docs 21). Only an organization's OWNERs
// may; a claim starts PENDING with its fixed verification token, pending
// claims of several organizations may coexist, and the quota counts pending
// and verified claims together. Releasing hands the domain back and tears
// down its login policy with it — so releasing a domain under a policy needs
// the sole OWNER, like changing the policy (docs 22: no single owner may
// unilaterally change how everyone on the domain signs in).
import type { Executor } from "@/db/client";
import { countDomainClaims, deleteDomainClaim, findDomainClaim, insertDomainClaim, type DomainClaim } from "@/db/queries/domains";
import { holdQuota } from "../developer/quotas";
import { organizationFor, requireSoleOwner } from "../developer/access";
import { fail } from "../errors";
import type { Deps } from "../runtime";
import { challengeRecord, newVerificationToken, type ChallengeRecord } from "./challenge";
import { checkDomainName, parseDomainName } from "./domain-name";

export interface AdoptedDomain {
  domain: string;
  state: "PENDING" | "VERIFIED";
  record: ChallengeRecord;
}

/** The organization's claim on `domain` (as typed), or NotFound. */
export async function claimOf(db: Executor, organizationId: string, domain: string): Promise<DomainClaim> {
  const checked = checkDomainName(domain);
  const claim = "domain" in checked ? await findDomainClaim(db, organizationId, checked.domain) : null;
  if (!claim) fail("NotFound", { message: "This organization has no claim on this domain." });
  return claim;
}

export async function adoptDomain(deps: Pick<Deps, "db" | "clock">, accountId: string, organizationAnchor: string, domainInput: string): Promise<AdoptedDomain> {
  const { organization } = await organizationFor(deps.db, accountId, organizationAnchor, "domains");
  const domain = parseDomainName(domainInput);
  return deps.db.transaction(async (tx) => {
    await holdQuota(tx, { organizationId: organization.id }, async () => {
      if ((await countDomainClaims(tx, organization.id)) >= organization.domainQuota) {
        fail("Conflict", { message: `This organization already holds ${organization.domainQuota} domains, its limit.`, body: { code: "domainQuota" } });
      }
    });
    const claim = await insertDomainClaim(tx, { organizationId: organization.id, domain, verificationToken: newVerificationToken(), createdAt: deps.clock.now() });
    if (!claim) fail("Conflict", { message: "This organization has already adopted this domain.", body: { field: "domain", code: "domainAlreadyClaimed" } });
    return { domain, state: claim.state, record: challengeRecord(domain, claim.verificationToken) };
  });
}

export async function releaseDomain(deps: Pick<Deps, "db">, accountId: string, organizationAnchor: string, domain: string): Promise<void> {
  const { organization, role } = await organizationFor(deps.db, accountId, organizationAnchor, "domains");
  const claim = await claimOf(deps.db, organization.id, domain);
  // ALLOW_ALL is stored as no policy at all.
  if (claim.policy) await requireSoleOwner(deps.db, organization.id, role);
  await deps.db.transaction((tx) => deleteDomainClaim(tx, claim.id));
}
