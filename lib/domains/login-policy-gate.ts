// The domain login policy gate (docs 22, 25): if ANY verified email of the
// account sits on a VERIFIED domain whose policy is BLOCK_ALL or SSO_ONLY, the
// whole account is governed by it — every method, every application. Runs
// after the account-active check and before Layer 2.
import type { Executor } from "@/db/client";
import { fail } from "../errors";
import { failRequiresSso, policiesGoverning, ssoPolicies, ssoRequirements } from "./sso-policy";

export async function checkLoginPolicy(
  db: Executor,
  emails: readonly string[],
  /** Set when this login came through a federation connector. */
  federationConnectorId: string | null,
): Promise<void> {
  const policies = await policiesGoverning(db, emails);
  if (policies.some((policy) => policy.policy === "BLOCK_ALL")) {
    fail("EmailDomainBlocked", { message: "Sign-in is blocked for accounts on this email domain." });
  }
  const sso = ssoPolicies(policies);
  // Any one bound connector satisfies the gate (an account may be tainted by two domains).
  if (sso.length > 0 && !sso.some((policy) => policy.connectorId !== null && policy.connectorId === federationConnectorId)) {
    failRequiresSso(ssoRequirements(sso));
  }
}
