import { and, eq, inArray, ne } from "drizzle-orm";
import type { Executor } from "../client";
import { domains, federationConnectors, loginPolicies } from "../schema";

export interface RestrictivePolicy {
  domain: string;
  policy: "BLOCK_ALL" | "SSO_ONLY";
  connectorId: string | null;
  connectorAnchor: string | null;
  connectorDisplayName: string | null;
}

/** BLOCK_ALL / SSO_ONLY policies on VERIFIED domains among the given ones (ALLOW_ALL and absent policies restrict nothing). */
export async function findRestrictivePolicies(db: Executor, emailDomains: string[]): Promise<RestrictivePolicy[]> {
  if (emailDomains.length === 0) return [];
  const rows = await db
    .select({
      domain: domains.domain,
      policy: loginPolicies.policy,
      connectorId: loginPolicies.connectorId,
      connectorAnchor: federationConnectors.anchor,
      connectorDisplayName: federationConnectors.displayName,
    })
    .from(domains)
    .innerJoin(loginPolicies, eq(loginPolicies.domainId, domains.id))
    .leftJoin(federationConnectors, eq(federationConnectors.id, loginPolicies.connectorId))
    .where(and(eq(domains.state, "VERIFIED"), inArray(domains.domain, emailDomains), ne(loginPolicies.policy, "ALLOW_ALL")));
  return rows as RestrictivePolicy[];
}
