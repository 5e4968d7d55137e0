// A failed attempt on an inquiry (a wrong email code, a passkey that did not
// verify) spends one of its lives; the last one kills it (DEAD). A device
// sign-in that dies this way is over for the device too: its session is
// denied at once, so the polling device hears `access_denied` (RFC 8628 §3.5)
// instead of `authorization_pending` until its code expires.
import { spendLife, type InquiryRow } from "@/db/queries/inquiries";
import { denyWaitingDevice } from "../device/device-inquiry";
import type { Deps } from "../runtime";

/** Lives left after this failure; 0 when the inquiry is dead (or was no longer pending). */
export async function spendInquiryLife(deps: Pick<Deps, "db" | "clock">, row: Pick<InquiryRow, "id" | "purpose" | "context">): Promise<number> {
  const livesRemaining = await spendLife(deps.db, row.id);
  // Only the failure that killed it ends the device's wait: an inquiry realized meanwhile (null) keeps its device.
  if (livesRemaining === 0) await denyWaitingDevice(deps, row);
  return livesRemaining ?? 0;
}
