// Which account an upstream identity signs in as (docs 11, 25): the identity
// is keyed per provider — a federation connector (kind FEDERATION, namespace
// = the connector's id) or a consumer provider (kind GOOGLE/GITHUB/DISCORD/BATTLENET/X,
// no namespace) — with the provider's subject, so one account can hold
// identities from several providers. "Sign in with Steam" is keyed as the
// STEAM_ID64 identity the in-game ticket uses (lib/identity/steam-identity.ts),
// so both Steam paths reach the same account.
//   1. This provider's subject seen before → that account (the user's email
//      may have changed upstream since).
//   2. The IdP asserts a verified email an account owns → link to it.
//   3. Neither → a new account (registration through the IdP), with the
//      verified email as its primary address.
// A federation connector is any organization's IdP, so its word on an email
// counts only where that organization is the email's authority: it holds the
// VERIFIED claim on the email's domain (vouchedByConnector). Otherwise any
// organization could assert `victim@gmail.com` and sign in as the victim, or
// plant an account the victim later lands in (docs 15: no participant can
// impersonate every other); such an identity links by its subject alone.
import { findVerifiedHolder } from "@/db/queries/domains";
import { findAuthentication, findEmailIdentity, insertAccount, insertAuthentication, insertEmailIdentity, updateAuthenticationUse } from "@/db/queries/identity";
import type { Executor } from "@/db/client";
import { fail } from "../errors";
import { emailDomain } from "../identity/email-address";
import { nameFromUpstream } from "../identity/profile-name";
import type { Deps } from "../runtime";
import type { UpstreamIdentity } from "./upstream-oidc";

export type LinkOutcome = { accountId: string; registered: boolean };

/** Where an upstream identity is keyed, and how its verified email counts as verified. */
export interface UpstreamKey {
  kind: "FEDERATION" | "GOOGLE" | "GITHUB" | "DISCORD" | "BATTLENET" | "X" | "STEAM_ID64";
  namespace: string;
  /** null: the provider never vouches for an email (Battle.net, X, Steam), so none links or is recorded. */
  verifiedHow: "FEDERATION" | "GOOGLE" | "GITHUB" | "DISCORD" | null;
}

export const federationKey = (connectorId: string): UpstreamKey => ({ kind: "FEDERATION", namespace: connectorId, verifiedHow: "FEDERATION" });

/** The identity as far as a connector of `organizationId` may vouch for it: its email only on a domain the organization verified. */
export async function vouchedByConnector(db: Executor, organizationId: string, identity: UpstreamIdentity): Promise<UpstreamIdentity> {
  if (!identity.emailVerified || !identity.email) return identity;
  const holder = await findVerifiedHolder(db, emailDomain(identity.email));
  return holder === organizationId ? identity : { ...identity, emailVerified: false };
}

export async function findLinkedAccount(db: Executor, upstream: UpstreamKey, identity: UpstreamIdentity): Promise<string | null> {
  const known = await findAuthentication(db, upstream.kind, identity.subject, upstream.namespace);
  if (known) return known.accountId;
  if (upstream.verifiedHow && identity.emailVerified && identity.email) return (await findEmailIdentity(db, identity.email))?.accountId ?? null;
  return null;
}

/**
 * Resolves (and records) the account for an identity the IdP vouched for.
 * `mayRegister` is asked before an account is created for a stranger.
 */
export async function linkUpstreamIdentity(
  deps: Pick<Deps, "db" | "clock">,
  upstream: UpstreamKey,
  identity: UpstreamIdentity,
  mayRegister: () => Promise<void>,
): Promise<LinkOutcome> {
  const now = deps.clock.now();
  const key = { kind: upstream.kind, namespace: upstream.namespace, subject: identity.subject };
  // Names pass the rule a typed one does: what an IdP sends reaches tokens, and a Profile save must not trip on it later.
  const names = { firstName: nameFromUpstream(identity.firstName), lastName: nameFromUpstream(identity.lastName) };
  const profile = { email: identity.email, ...names };
  const existing = await findLinkedAccount(deps.db, upstream, identity);
  if (existing) {
    // Step 2 records the link; step 1 only notes the use. A concurrent first login links once (unique key).
    const linked = await insertAuthentication(deps.db, { ...key, accountId: existing, profile, createdAt: now, lastUsedAt: now });
    if (!linked) await updateAuthenticationUse(deps.db, upstream.kind, identity.subject, now, upstream.namespace);
    return { accountId: existing, registered: false };
  }
  await mayRegister();
  const accountId = await deps.db.transaction(async (tx) => {
    const account = await insertAccount(tx, { createdAt: now, ...names });
    if (!(await insertAuthentication(tx, { ...key, accountId: account.id, profile, createdAt: now, lastUsedAt: now }))) {
      fail("Conflict", { message: "This identity was linked a moment ago; sign in again." });
    }
    if (upstream.verifiedHow && identity.emailVerified && identity.email) {
      const email = await insertEmailIdentity(tx, { accountId: account.id, email: identity.email, verifiedHow: upstream.verifiedHow, verifiedAt: now, isPrimary: true, createdAt: now });
      if (!email) fail("Conflict", { message: "This email address was registered a moment ago; sign in again." });
    }
    return account.id;
  });
  return { accountId, registered: true };
}
