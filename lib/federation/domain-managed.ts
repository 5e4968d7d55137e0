// Domain-managed forced SSO at Layer 1 (docs 06, 25): the rule
// ENTERPRISE_FEDERATION_DOMAIN_MANAGED names no connector. A login through a
// connector satisfies it iff an SSO_ONLY policy of a VERIFIED domain, on which
// the *account* has a verified email, binds that very connector — resolved at
// login time, so another organization's domain may drive it. Checked when the
// round trip starts (what start can know) and again at realize (the account).
import type { Executor } from "@/db/client";
import type { ApplicationContext } from "../applications/application-context";
import { connectorMandatedFor } from "../domains/sso-policy";
import { loadAccountIdentity } from "../identity/accounts";
import type { Inquiry } from "../inquiry/load-inquiry";
import { checkAuthenticationMethod, isFederatedMethod, type AuthenticationAttempt } from "../rules";
import type { Deps } from "../runtime";
import type { Browser } from "../via/browser";
import { currentBrowserSession } from "../via/browser-session";
import { DOMAIN_FEDERATION_METHOD } from "./vocabulary";

/** The attempt as Layer 1 must see it: a federated login learns whether the account's domain owner mandates its connector. */
export async function withDomainMandate(
  db: Executor,
  attempt: AuthenticationAttempt,
  verifiedEmails: readonly string[],
  federationConnectorId: string | null,
): Promise<AuthenticationAttempt> {
  if (!isFederatedMethod(attempt.method) || !federationConnectorId) return attempt;
  return { ...attempt, mandatedByDomain: await connectorMandatedFor(db, verifiedEmails, federationConnectorId) };
}

/** Whether this inquiry accepts forced-SSO logins at all (the application opted in, and the inquiry did not narrow it away). */
export function acceptsForcedSso(context: ApplicationContext, inquiry: Inquiry): boolean {
  const attempt = { method: DOMAIN_FEDERATION_METHOD, mandatedByDomain: true } as const;
  return checkAuthenticationMethod(context.rules.authentication, inquiry.authenticationConstraints, attempt).allowed;
}

/**
 * At the start of a round trip, before anyone is known for sure: the connector
 * must be the one mandated for the address the user typed (email-first), or
 * for the account signed in to this browser that the gate turned back
 * (realize-time catch). Realize checks the account again on the way back.
 */
export async function forcedSsoStartAllowed(
  deps: Pick<Deps, "db" | "keyring" | "clock">,
  browser: Pick<Browser, "sessionKey">,
  target: { context: ApplicationContext; inquiry: Inquiry; connectorId: string; loginHint: string | null },
): Promise<boolean> {
  if (!acceptsForcedSso(target.context, target.inquiry)) return false;
  if (target.loginHint) return connectorMandatedFor(deps.db, [target.loginHint], target.connectorId);
  const session = await currentBrowserSession(deps, browser);
  const identity = session ? await loadAccountIdentity(deps.db, session.accountId) : null;
  return identity !== null && (await connectorMandatedFor(deps.db, identity.verifiedEmails, target.connectorId));
}
