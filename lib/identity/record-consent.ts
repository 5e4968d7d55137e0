// Recording a consent answer (docs 12): the decisions on the claims asked
// about and the missing names the user typed in — the sign-in consent step
// and the errand's review both end here. The answer is checked whole before
// anything is written and then written in one transaction, so a refused one
// leaves neither names nor earlier decisions behind.
import type { Database } from "@/db/client";
import { updateAccount, upsertClaimGrant } from "@/db/queries/identity";
import type { ClaimPolicy } from "../applications/claim-policy";
import { SudomimusError } from "../errors";
import { STORED_CLAIM, type Claim } from "./claims-vocabulary";
import type { SuppliedNames } from "./profile-name";

export interface ConsentAnswer {
  accountId: string;
  applicationId: string;
  policy: ClaimPolicy;
  /** The claims this answer decides: REQUIRED ones must be granted, the others are granted or declined. */
  ask: readonly Claim[];
  decisions: Partial<Record<Claim, boolean>>;
  /** Validated names to write; the caller passes only ones the account lacks. */
  names: SuppliedNames;
  now: Date;
}

export async function recordConsent(db: Database, answer: ConsentAnswer): Promise<void> {
  const granted = (claim: Claim) => answer.decisions[claim] === true;
  const declinedRequired = answer.ask.find((claim) => answer.policy[claim] === "REQUIRED" && !granted(claim));
  if (declinedRequired) {
    throw new SudomimusError("Invalid decisions", { message: `${declinedRequired} is required by this application; share it to continue.` });
  }
  await db.transaction(async (tx) => {
    if (Object.keys(answer.names).length > 0) await updateAccount(tx, answer.accountId, answer.names);
    for (const claim of answer.ask) {
      await upsertClaimGrant(tx, {
        accountId: answer.accountId,
        applicationId: answer.applicationId,
        claim: STORED_CLAIM[claim],
        decision: granted(claim) ? "GRANTED" : "DENIED",
        decidedAt: answer.now,
      });
    }
  });
}
