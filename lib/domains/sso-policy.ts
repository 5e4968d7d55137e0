// SSO_ONLY login policies (docs 22, 25): which connectors a verified domain's
// owner mandates for the accounts and addresses on it. One place answers
// "which IdP must this user go through" for the gate, Layer 1's
// domain-managed method and the sign-in page's email step.
import type { Executor } from "@/db/client";
import { findRestrictivePolicies, type RestrictivePolicy } from "@/db/queries/domains";
import { fail } from "../errors";
import { emailDomain } from "../identity/email-address";

export interface SsoRequirement {
  connectorAnchor: string;
  displayName: string;
}

type SsoPolicy = RestrictivePolicy & { policy: "SSO_ONLY" };

/** BLOCK_ALL / SSO_ONLY policies governing any of these addresses (their domains, deduplicated). */
export function policiesGoverning(db: Executor, emails: readonly string[]): Promise<RestrictivePolicy[]> {
  return findRestrictivePolicies(db, [...new Set(emails.map(emailDomain))]);
}

export function ssoPolicies(policies: readonly RestrictivePolicy[]): SsoPolicy[] {
  return policies.filter((policy): policy is SsoPolicy => policy.policy === "SSO_ONLY");
}

/** The bound connectors, one entry each (two domains may bind the same one). */
export function ssoRequirements(policies: readonly RestrictivePolicy[]): SsoRequirement[] {
  const byAnchor = new Map<string, SsoRequirement>();
  for (const policy of ssoPolicies(policies)) {
    if (policy.connectorAnchor && !byAnchor.has(policy.connectorAnchor)) {
      byAnchor.set(policy.connectorAnchor, { connectorAnchor: policy.connectorAnchor, displayName: policy.connectorDisplayName ?? policy.domain });
    }
  }
  return [...byAnchor.values()];
}

/** Whether a login through this connector is the one an SSO_ONLY policy over these addresses mandates. */
export async function connectorMandatedFor(db: Executor, emails: readonly string[], connectorId: string): Promise<boolean> {
  return ssoPolicies(await policiesGoverning(db, emails)).some((policy) => policy.connectorId === connectorId);
}

/** For the email step: the IdP(s) an address's domain forces its users through; empty when none. */
export async function ssoRequirementsForEmail(db: Executor, email: string): Promise<SsoRequirement[]> {
  return ssoRequirements(await policiesGoverning(db, [email]));
}

/** The wire refusal of SSO_ONLY, naming the IdP(s) that would do. */
export function failRequiresSso(connectors: SsoRequirement[]): never {
  fail("EmailDomainRequiresSso", { message: "Accounts on this email domain must sign in with their organization's identity provider.", body: { connectors } });
}
