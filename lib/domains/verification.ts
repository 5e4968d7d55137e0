// Verifying a domain claim (docs 21): one live DNS lookup of the challenge
// record, on demand, then PENDING → VERIFIED. Only one organization can hold
// the verified slot: a domain already held elsewhere fails with
// DomainAlreadyAdopted, and two verifications racing for it are decided by
// the database's unique index, not by the checks before it. A record the
// resolver does not show yet — absent, wrong, NXDOMAIN, or no answer at all —
// is a refusal that says to wait and retry, never a server error.
import { findVerifiedHolder, markDomainVerified, type DomainClaim } from "@/db/queries/domains";
import { organizationFor } from "../developer/access";
import { fail, SudomimusError } from "../errors";
import type { Deps } from "../runtime";
import { challengeRecord } from "./challenge";
import { claimOf } from "./claims";

type VerifyDeps = Pick<Deps, "db" | "clock" | "log" | "resolveTxt">;

function alreadyAdopted(): SudomimusError {
  return new SudomimusError("DomainAlreadyAdopted", { message: "Another organization already holds this domain.", body: { code: "domainAlreadyAdopted" } });
}

/** The TXT values published at the claim's challenge host; none when the lookup fails in any way. */
async function publishedValues(deps: VerifyDeps, host: string): Promise<{ values: string[]; lookupError: string | null }> {
  try {
    return { values: (await deps.resolveTxt(host)).map((strings) => strings.join("")), lookupError: null };
  } catch (error) {
    return { values: [], lookupError: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
}

async function checkChallenge(deps: VerifyDeps, claim: DomainClaim): Promise<void> {
  const record = challengeRecord(claim.domain, claim.verificationToken);
  const { values, lookupError } = await publishedValues(deps, record.host);
  if (values.includes(record.value)) return;
  deps.log.info("domain verification record not found", { domain: claim.domain, lookupError, valuesFound: values.length });
  fail("DomainVerificationFailed", {
    message: "The verification record was not found in DNS yet. Check it is published, wait a minute, and retry.",
    detail: lookupError ?? `${values.length} other TXT values`,
    body: { code: values.length > 0 ? "recordMismatch" : "recordNotFound" },
  });
}

export async function verifyDomain(deps: VerifyDeps, accountId: string, organizationAnchor: string, domain: string): Promise<{ state: "VERIFIED" }> {
  const { organization } = await organizationFor(deps.db, accountId, organizationAnchor, "domains");
  const claim = await claimOf(deps.db, organization.id, domain);
  if (claim.state === "VERIFIED") return { state: "VERIFIED" };
  const holder = await findVerifiedHolder(deps.db, claim.domain);
  if (holder !== null && holder !== organization.id) throw alreadyAdopted();
  await checkChallenge(deps, claim);
  const outcome = await markDomainVerified(deps.db, claim.id, deps.clock.now());
  if (outcome === "taken") throw alreadyAdopted();
  // "gone": released meanwhile (NotFound), or verified by a concurrent click (done).
  if (outcome === "gone") await claimOf(deps.db, organization.id, claim.domain);
  return { state: "VERIFIED" };
}
