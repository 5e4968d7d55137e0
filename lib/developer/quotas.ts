// Limits of the developer surface. An organization's application, sector,
// connector and domain quotas are columns of the organization (an operator
// may raise them per organization); the per-account limit on owned
// organizations is one number for everyone. Retired resources still count:
// there is no hard delete, so retiring is not a way around a limit.
import type { Executor } from "@/db/client";
import { lockAccount } from "@/db/queries/account";
import { lockLiveOrganization } from "./access";

export const OWNED_ORGANIZATION_QUOTA = 5;

/**
 * Inside the creating transaction, before the insert: takes the row lock of
 * whoever the limit belongs to, then counts. Concurrent creations are
 * counted one at a time, so together they cannot overshoot the limit (a
 * count outside the lock lets every one of them see the last free slot).
 */
export async function holdQuota(tx: Executor, holder: { organizationId: string } | { accountId: string }, check: () => Promise<void>): Promise<void> {
  // A retired organization is frozen: nothing is created in it, even by a creation that raced the retire.
  if ("organizationId" in holder) await lockLiveOrganization(tx, holder.organizationId);
  else await lockAccount(tx, holder.accountId);
  await check();
}
