// A DEVICE inquiry names its device session in its context (written by
// /device-authorize in the same statement that created both).
import { endDeviceSession } from "@/db/queries/device-sessions";
import type { InquiryRow } from "@/db/queries/inquiries";
import type { Deps } from "../runtime";

export function deviceSessionIdOf(row: Pick<InquiryRow, "purpose" | "context">): string | null {
  if (row.purpose !== "DEVICE") return null;
  const id = row.context?.deviceSessionId;
  return typeof id === "string" ? id : null;
}

/**
 * The sign-in for a device ended without an approval (out of attempts, or
 * declined at consent): its waiting session is denied, so the polling device
 * hears access_denied at once (RFC 8628 §3.5). Nothing for other inquiries.
 */
export async function denyWaitingDevice(deps: Pick<Deps, "db" | "clock">, row: Pick<InquiryRow, "purpose" | "context">): Promise<void> {
  const id = deviceSessionIdOf(row);
  if (id) await endDeviceSession(deps.db, id, { from: ["PENDING"], to: "DENIED", now: deps.clock.now() });
}
