// A DEVICE inquiry names its device session in its context (written by
// /device-authorize in the same statement that created both).
import type { InquiryRow } from "@/db/queries/inquiries";

export function deviceSessionIdOf(row: Pick<InquiryRow, "purpose" | "context">): string | null {
  if (row.purpose !== "DEVICE") return null;
  const id = row.context?.deviceSessionId;
  return typeof id === "string" ? id : null;
}
