// POST /connect-api/status-poll (docs 32 "Browser polling"; connect.yaml
// `statusPoll`): the hidden key authorizes; PENDING until realized, then
// REALIZED with the confirmation key. Each poll spends one of a bounded
// number; Layer 3 is re-checked at run time.
import { spendStatusPoll } from "@/db/queries/inquiries";
import { loadApplicationContextById } from "../applications/application-context";
import { fail } from "../errors";
import { returnMethodAllowed } from "../rules";
import type { Deps } from "../runtime";
import { deriveConfirmationKey, requireKey } from "./keys";
import { findInquiryByKeyPair, inquiryNotFound, isExpired } from "./load-inquiry";

export type StatusPollResult = { status: "PENDING" } | { status: "REALIZED"; confirmationKey: string };

export async function statusPoll(
  deps: Pick<Deps, "db" | "keyring" | "clock">,
  input: { exposureKey: string; hiddenKey: string },
): Promise<StatusPollResult> {
  const inquiry = await findInquiryByKeyPair(
    deps,
    requireKey("exposure", "exposureKey", input.exposureKey),
    requireKey("hidden", "hiddenKey", input.hiddenKey),
  );
  const context = await loadApplicationContextById(deps.db, inquiry.row.applicationId);
  if (!context) throw inquiryNotFound();
  if (!context.application.enabled) fail("ApplicationDisabled", { message: "This application is disabled." });
  if (!returnMethodAllowed(context.rules.return, inquiry.returnMethods, "STATUS_POLL")) {
    fail("Layer3Denied", { message: "STATUS_POLL is not an allowed return method for this inquiry." });
  }

  const row = await spendStatusPoll(deps.db, inquiry.row.id);
  if (!row) throw inquiryNotFound();
  const now = deps.clock.now();
  if (row.statusPollsRemaining < 0 || row.state === "DEAD" || isExpired(row, now)) {
    fail("InquiryExpired", { message: "The inquiry has expired; establish a new one." });
  }
  if (row.state === "PENDING") return { status: "PENDING" };
  // REALIZED, or already REDEEMED (e.g. by REVEAL): the poller still learns it was realized.
  return { status: "REALIZED", confirmationKey: deriveConfirmationKey(deps.keyring, row.id, row.confirmationNonce!) };
}
