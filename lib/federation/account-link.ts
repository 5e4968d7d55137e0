// Which account a federated identity signs in as (docs 25): the identity is
// keyed per connector (kind FEDERATION, namespace = the connector's id,
// subject = the IdP's `sub`), so one account can hold identities from
// several IdPs.
//   1. This connector's subject seen before → that account (the user's email
//      may have changed at the IdP since).
//   2. The IdP asserts a verified email an account owns → link to it.
//   3. Neither → a new account (registration through the IdP), with the
//      verified email as its primary address.
import { findAuthentication, findEmailIdentity, insertAccount, insertAuthentication, insertEmailIdentity, updateAuthenticationUse } from "@/db/queries/identity";
import type { Executor } from "@/db/client";
import { fail } from "../errors";
import type { Deps } from "../runtime";
import type { UpstreamIdentity } from "./upstream-oidc";

export type LinkOutcome = { accountId: string; registered: boolean };

const identityKey = (connectorId: string, subject: string) => ({ kind: "FEDERATION" as const, namespace: connectorId, subject });

export async function findLinkedAccount(db: Executor, connectorId: string, identity: UpstreamIdentity): Promise<string | null> {
  const known = await findAuthentication(db, "FEDERATION", identity.subject, connectorId);
  if (known) return known.accountId;
  if (identity.emailVerified && identity.email) return (await findEmailIdentity(db, identity.email))?.accountId ?? null;
  return null;
}

/**
 * Resolves (and records) the account for an identity the IdP vouched for.
 * `mayRegister` is asked before an account is created for a stranger.
 */
export async function linkFederatedIdentity(
  deps: Pick<Deps, "db" | "clock">,
  connectorId: string,
  identity: UpstreamIdentity,
  mayRegister: () => Promise<void>,
): Promise<LinkOutcome> {
  const now = deps.clock.now();
  const key = identityKey(connectorId, identity.subject);
  const profile = { email: identity.email, firstName: identity.firstName, lastName: identity.lastName };
  const existing = await findLinkedAccount(deps.db, connectorId, identity);
  if (existing) {
    // Step 2 records the link; step 1 only notes the use. A concurrent first login links once (unique key).
    const linked = await insertAuthentication(deps.db, { ...key, accountId: existing, profile, createdAt: now, lastUsedAt: now });
    if (!linked) await updateAuthenticationUse(deps.db, "FEDERATION", identity.subject, now, connectorId);
    return { accountId: existing, registered: false };
  }
  await mayRegister();
  const accountId = await deps.db.transaction(async (tx) => {
    const account = await insertAccount(tx, { createdAt: now, firstName: identity.firstName, lastName: identity.lastName });
    if (!(await insertAuthentication(tx, { ...key, accountId: account.id, profile, createdAt: now, lastUsedAt: now }))) {
      fail("Conflict", { message: "This identity was linked a moment ago; sign in again." });
    }
    if (identity.emailVerified && identity.email) {
      const email = await insertEmailIdentity(tx, { accountId: account.id, email: identity.email, verifiedHow: "FEDERATION", verifiedAt: now, isPrimary: true, createdAt: now });
      if (!email) fail("Conflict", { message: "This email address was registered a moment ago; sign in again." });
    }
    return account.id;
  });
  return { accountId, registered: true };
}
