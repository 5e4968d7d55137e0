// GDPR erasure (docs 29). Blocked while the account is the sole OWNER of an
// organization that still holds a live resource (an enabled application or a
// sector that is not disabled): that is infrastructure holding other people's
// data, never destroyed as a side effect. Otherwise one transaction erases
// everything personal and leaves a tombstone, so outstanding refresh tokens
// answer AccountDeleted and the freed email registers a brand-new account.
import { eraseAccountData, listBlockingOrganizations, lockOwnedOrganizations } from "@/db/queries/account";
import type { Executor } from "@/db/client";
import { fail } from "../errors";
import { accountAliasFor } from "../identity/account-alias";
import { loadAccountIdentity } from "../identity/accounts";
import { erasedSteamIdHash } from "../identity/steam-identity";
import type { Deps } from "../runtime";
import { confirmRecentSignIn, type ActingBrowser } from "../via/browser-session";

export { listBlockingOrganizations };

/** What the user types to confirm: the primary email, or (an account without one) the account alias. */
export async function deletionConfirmationPhrase(db: Executor, accountId: string): Promise<string> {
  const identity = await loadAccountIdentity(db, accountId);
  return identity?.primaryEmail ?? (await accountAliasFor(db, accountId));
}

function sameText(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The portal's "Delete my account": irreversible, so only after a recent sign-in on this browser as the account. */
export async function deleteOwnAccount(deps: Pick<Deps, "db" | "clock" | "keyring">, who: ActingBrowser, input: { confirmation: string }): Promise<void> {
  await confirmRecentSignIn(deps, who);
  await deleteAccount(deps, who.accountId, input);
}

export async function deleteAccount(deps: Pick<Deps, "db" | "clock" | "keyring">, accountId: string, input: { confirmation: string }): Promise<void> {
  const phrase = await deletionConfirmationPhrase(deps.db, accountId);
  if (!sameText(input.confirmation, phrase)) {
    fail("Invalid confirmation", { message: "Type the confirmation exactly.", body: { key: "confirmationMismatch", field: "confirmation" } });
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    // Decided under the organizations' row locks, inside the transaction that erases.
    await lockOwnedOrganizations(tx, accountId);
    const organizations = await listBlockingOrganizations(tx, accountId);
    if (organizations.length > 0) {
      fail("AccountOwnsLiveOrganizations", {
        message: "Retire the applications and sectors of the organizations you solely own first.",
        body: { organizations: organizations.map(({ anchor, name }) => ({ anchor, name })) },
      });
    }
    await eraseAccountData(tx, accountId, now, (steamId64) => erasedSteamIdHash(deps.keyring, steamId64));
  });
}
