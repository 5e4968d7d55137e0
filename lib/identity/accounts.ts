// Accounts and what identifies them. The account carries no email; verified
// email ownership lives in email identities, credentials in authentications.
import type { Executor } from "@/db/client";
import {
  findAccountById,
  insertAccount,
  insertAuthentication,
  insertEmailIdentity,
  listAuthentications,
  listEmailIdentities,
  type AccountRow,
} from "@/db/queries/identity";
import { fail } from "../errors";

export interface AccountIdentity {
  account: AccountRow;
  /** Every verified email the account owns (Layer 2 EMAIL matches any). */
  verifiedEmails: string[];
  /** The primary email (first verified unless the user chose another). */
  primaryEmail: string | null;
  steamId64: string | null;
}

export async function loadAccountIdentity(db: Executor, accountId: string): Promise<AccountIdentity | null> {
  const [account, emails, steam] = await Promise.all([
    findAccountById(db, accountId),
    listEmailIdentities(db, accountId),
    listAuthentications(db, accountId, "STEAM_ID64"),
  ]);
  if (!account) return null;
  return {
    account,
    verifiedEmails: emails.map((row) => row.email),
    primaryEmail: emails.find((row) => row.isPrimary)?.email ?? emails[0]?.email ?? null,
    steamId64: steam[0]?.subject ?? null,
  };
}

/** Refuses disabled and erased accounts with the spec's reasons. */
export function assertAccountActive(account: Pick<AccountRow, "status">): void {
  if (account.status === "DISABLED") fail("AccountDisabled", { message: "This account is disabled." });
  if (account.status === "DELETED") fail("AccountDeleted", { message: "This account has been deleted." });
}

/**
 * Registers a new account from a proven email (email-OTP registration): the
 * account, an EMAIL credential and a primary verified email identity.
 * Throws (rolling the caller's transaction back) when the address got an
 * owner in the meantime.
 */
export async function registerAccountByEmail(
  tx: Executor,
  input: { email: string; now: Date; locale?: string | null },
): Promise<AccountRow> {
  const account = await insertAccount(tx, { createdAt: input.now, locale: input.locale ?? null });
  const identity = await insertEmailIdentity(tx, {
    accountId: account.id,
    email: input.email,
    verifiedHow: "EMAIL_OTP",
    verifiedAt: input.now,
    isPrimary: true,
    createdAt: input.now,
  });
  if (!identity) fail("Conflict", { message: "This email address was registered a moment ago; request a new code to sign in." });
  await insertAuthentication(tx, { accountId: account.id, kind: "EMAIL", subject: input.email, createdAt: input.now, lastUsedAt: input.now });
  return account;
}
