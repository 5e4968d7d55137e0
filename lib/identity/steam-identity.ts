// The one Steam identity per SteamID64 (docs 06, 08, 32): STEAM_TICKET and
// STEAM_OPENID both resolve to the same STEAM_ID64 authentication row, so a
// player who started in a game can later use "Sign in with Steam" on the web,
// and the other way round. The account is found by that row and by nothing
// else (never by a name or an email the Steam profile might show).
import { isErasedSteamIdentity } from "@/db/queries/account";
import { findAuthentication, insertAccount, insertAuthentication, updateAuthenticationUse } from "@/db/queries/identity";
import type { Keyring } from "../crypto/keyring";
import { secretHash } from "../crypto/secret-hash";
import type { Deps } from "../runtime";

/** Decimal SteamID64 as the docs write it (`[0-9]{1,20}`). */
export const STEAM_ID64_PATTERN = /^[0-9]{1,20}$/;

class SteamIdentityTaken extends Error {}

/** What an erased account keeps of its Steam identity (docs 29): a keyed hash, never the SteamID64. */
export const erasedSteamIdHash = (keyring: Keyring, steamId64: string) => secretHash(keyring, "erased-identity.steam-id64", steamId64);

/**
 * Returns the account that owns this SteamID64, creating it (no email, no
 * names) on first sight — unless the player erased the account it belonged
 * to: a game's ticket is no deliberate sign-up (docs 29), so that answers
 * `erased` until the player signs up again in a browser.
 */
export async function findOrCreateSteamAccount(
  deps: Pick<Deps, "db" | "clock" | "keyring">,
  steamId64: string,
  /** Throws to refuse creating an account (it runs only when none exists). */
  mayCreate: () => void = () => {},
): Promise<{ accountId: string; created: boolean } | { erased: true }> {
  if (!STEAM_ID64_PATTERN.test(steamId64)) throw new Error("not a SteamID64");
  const now = deps.clock.now();
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = await findAuthentication(deps.db, "STEAM_ID64", steamId64);
    if (existing) {
      await updateAuthenticationUse(deps.db, "STEAM_ID64", steamId64, now);
      return { accountId: existing.accountId, created: false };
    }
    if (await isErasedSteamIdentity(deps.db, erasedSteamIdHash(deps.keyring, steamId64))) return { erased: true };
    mayCreate();
    try {
      const accountId = await deps.db.transaction(async (tx) => {
        const account = await insertAccount(tx, { createdAt: now });
        const row = await insertAuthentication(tx, { accountId: account.id, kind: "STEAM_ID64", subject: steamId64, createdAt: now, lastUsedAt: now });
        // A concurrent first sign-in of the same player won: undo our account, use theirs.
        if (!row) throw new SteamIdentityTaken();
        return account.id;
      });
      return { accountId, created: true };
    } catch (error) {
      if (!(error instanceof SteamIdentityTaken)) throw error;
    }
  }
  throw new Error("the Steam identity could not be resolved");
}
