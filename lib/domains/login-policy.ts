// Setting a verified domain's login policy (docs 22, 24): ALLOW_ALL (no
// restriction — stored as no policy at all), BLOCK_ALL, or SSO_ONLY through
// one of the organization's own enabled connectors. Only the organization's
// SOLE owner may change it, so one co-owner cannot alone change how everyone
// on the domain signs in. The policy governs the caller's own account too:
// a restrictive one on the domain of one of their own emails must be
// confirmed explicitly (`confirmSelfLockout`), here and not only in a page.
import { z } from "zod";
import type { Executor } from "@/db/client";
import { deleteLoginPolicy, upsertLoginPolicy } from "@/db/queries/domains";
import { findConnectorOfOrganization } from "@/db/queries/federation-connectors";
import { listEmailIdentities } from "@/db/queries/identity";
import { organizationFor, requireSoleOwner } from "../developer/access";
import { fail } from "../errors";
import { emailDomain } from "../identity/email-address";
import type { Deps } from "../runtime";
import { claimOf } from "./claims";
import { LOGIN_POLICIES } from "./vocabulary";

const policyInputSchema = z.strictObject({
  policy: z.enum(LOGIN_POLICIES),
  /** SSO_ONLY only: the connector every login must go through. */
  connectorAnchor: z.string().trim().max(200).optional(),
  confirmSelfLockout: z.boolean().optional(),
});
export type LoginPolicyInput = z.input<typeof policyInputSchema>;

/** The domains of the account's verified emails (the ones a policy would govern it by). */
export async function accountEmailDomains(db: Executor, accountId: string): Promise<Set<string>> {
  return new Set((await listEmailIdentities(db, accountId)).map((identity) => emailDomain(identity.email)));
}

/** The organization's own enabled connector for SSO_ONLY, by anchor, share-locked until the policy is written. */
async function usableConnector(tx: Executor, organizationId: string, anchor: string | undefined): Promise<string> {
  if (!anchor) fail("Invalid connector", { message: "SSO_ONLY needs a connector.", body: { field: "connector", code: "required" } });
  const connector = await findConnectorOfOrganization(tx, organizationId, anchor, "share");
  if (!connector || connector.disabledAt !== null) {
    fail("Invalid connector", { message: "Choose an enabled connector of this organization.", body: { field: "connector", code: "connectorUnusable" } });
  }
  return connector.id;
}

export async function setLoginPolicy(deps: Pick<Deps, "db" | "clock">, accountId: string, organizationAnchor: string, domain: string, input: LoginPolicyInput): Promise<void> {
  const parsed = policyInputSchema.safeParse(input);
  if (!parsed.success) fail("Invalid policy", { message: "Choose ALLOW_ALL, BLOCK_ALL or SSO_ONLY.", body: { field: "policy", code: "invalid" } });
  const { policy, connectorAnchor, confirmSelfLockout } = parsed.data;
  const { organization, role } = await organizationFor(deps.db, accountId, organizationAnchor, "domains");
  await requireSoleOwner(deps.db, organization.id, role);
  const claim = await claimOf(deps.db, organization.id, domain);
  if (claim.state !== "VERIFIED") fail("Conflict", { message: "Verify the domain before giving it a login policy.", body: { code: "domainNotVerified" } });

  if (policy === "ALLOW_ALL") return deleteLoginPolicy(deps.db, claim.id);
  // One transaction: a connector disabled or deleted at the same moment is either seen here or refused there.
  await deps.db.transaction(async (tx) => {
    const connectorId = policy === "SSO_ONLY" ? await usableConnector(tx, organization.id, connectorAnchor) : null;
    if (!confirmSelfLockout && (await accountEmailDomains(tx, accountId)).has(claim.domain)) {
      fail("Conflict", { message: "This policy governs your own account's email too; confirm that you mean it.", body: { code: "selfLockoutUnconfirmed" } });
    }
    await upsertLoginPolicy(tx, { domainId: claim.id, policy, connectorId, updatedAt: deps.clock.now() });
  });
}
