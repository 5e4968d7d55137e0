// An address the account's user has just proven (by a code from the portal's
// "add an email" or the Errand) becomes its verified email identity and an
// email-code credential. Written under the account's row lock, which account
// erasure takes first too: two addresses proven at once do not both become
// primary (a unique index would answer 500), and nothing is attached to an
// account erased meanwhile — its addresses must be free for a new sign-up.
import { lockAccount } from "@/db/queries/account";
import { findAccountById, findEmailIdentity, insertAuthentication, insertEmailIdentity, listEmailIdentities, updateAuthenticationUse } from "@/db/queries/identity";
import type { Executor } from "@/db/client";
import { fail } from "../errors";

/** "taken": another account owns the address (the caller words the refusal); nothing is written then. */
export async function addProvenEmail(db: Executor, accountId: string, email: string, now: Date): Promise<"added" | "taken"> {
  return db.transaction(async (tx) => {
    await lockAccount(tx, accountId);
    const account = await findAccountById(tx, accountId);
    if (account?.status !== "ACTIVE") fail(account?.status === "DISABLED" ? "AccountDisabled" : "AccountDeleted", { message: "This account can no longer be changed." });
    const current = await listEmailIdentities(tx, accountId);
    const added = await insertEmailIdentity(tx, { accountId, email, verifiedHow: "EMAIL_OTP", verifiedAt: now, isPrimary: current.length === 0, createdAt: now });
    // Proving one's own address again is harmless; another account's is not taken.
    if (!added && (await findEmailIdentity(tx, email))?.accountId !== accountId) return "taken";
    await recordEmailCredentialUse(tx, accountId, email, now);
    return "added";
  });
}

/** An address verified another way (e.g. by Google) becomes an email-code credential on first use. */
export async function recordEmailCredentialUse(db: Executor, accountId: string, email: string, now: Date): Promise<void> {
  const created = await insertAuthentication(db, { accountId, kind: "EMAIL", subject: email, createdAt: now, lastUsedAt: now });
  if (!created) await updateAuthenticationUse(db, "EMAIL", email, now);
}
