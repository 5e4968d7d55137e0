// The domain login policy gate (docs 22, 25): if ANY verified email of the
// account sits on a VERIFIED domain whose policy is BLOCK_ALL or SSO_ONLY, the
// whole account is governed by it — every method, every application. Runs
// after the account-active check and before Layer 2.
import type { Executor } from "@/db/client";
import { findRestrictivePolicies, type RestrictivePolicy } from "@/db/queries/domains";
import { fail } from "../errors";
import { emailDomain } from "../identity/email-address";

export interface SsoRequirement {
  connectorAnchor: string;
  displayName: string;
}

export async function checkLoginPolicy(
  db: Executor,
  emails: readonly string[],
  /** Set when this login came through a federation connector. */
  federationConnectorId: string | null,
): Promise<void> {
  const domainsOfAccount = [...new Set(emails.map(emailDomain))];
  const policies = await findRestrictivePolicies(db, domainsOfAccount);
  if (policies.some((policy) => policy.policy === "BLOCK_ALL")) {
    fail("EmailDomainBlocked", { message: "Sign-in is blocked for accounts on this email domain." });
  }
  const sso = policies.filter((policy): policy is RestrictivePolicy & { policy: "SSO_ONLY" } => policy.policy === "SSO_ONLY");
  // Any one bound connector satisfies the gate (an account may be tainted by two domains).
  if (sso.length > 0 && !sso.some((policy) => policy.connectorId !== null && policy.connectorId === federationConnectorId)) {
    const connectors: SsoRequirement[] = sso
      .filter((policy) => policy.connectorAnchor)
      .map((policy) => ({ connectorAnchor: policy.connectorAnchor!, displayName: policy.connectorDisplayName ?? policy.domain }));
    fail("EmailDomainRequiresSso", { message: "Accounts on this email domain must sign in with their organization's identity provider.", body: { connectors } });
  }
}
