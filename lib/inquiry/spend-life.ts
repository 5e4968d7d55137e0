// A failed attempt on an inquiry (a wrong email code, a passkey that did not
// verify) spends one of its lives; the last one kills it (DEAD). A device
// sign-in that dies this way is over for the device too: its session is
// denied at once, so the polling device hears `access_denied` (RFC 8628 §3.5)
// instead of `authorization_pending` until its code expires.
import { endDeviceSession } from "@/db/queries/device-sessions";
import { spendLife, type InquiryRow } from "@/db/queries/inquiries";
import { deviceSessionIdOf } from "../device/device-inquiry";
import type { Deps } from "../runtime";

/** Lives left after this failure; 0 when the inquiry is dead (or was no longer pending). */
export async function spendInquiryLife(deps: Pick<Deps, "db" | "clock">, row: Pick<InquiryRow, "id" | "purpose" | "context">): Promise<number> {
  const livesRemaining = await spendLife(deps.db, row.id);
  // Only the failure that killed it ends the device's wait: an inquiry realized meanwhile (null) keeps its device.
  const deviceSessionId = livesRemaining === 0 ? deviceSessionIdOf(row) : null;
  if (deviceSessionId) await endDeviceSession(deps.db, deviceSessionId, { from: ["PENDING"], to: "DENIED", now: deps.clock.now() });
  return livesRemaining ?? 0;
}
