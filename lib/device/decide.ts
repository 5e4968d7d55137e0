// via's device page, last step (docs 19 §2): after signing in, the user
// compares the code and approves or denies. Only the browser session that
// realized the DEVICE inquiry may decide, once: approval copies the sign-in's
// account, method, email, folded TTLs and time onto the device session for
// /device-token; denial records nothing about who denied.
import { z } from "zod";
import { decideDeviceSession, findDeviceSessionById } from "@/db/queries/device-sessions";
import { isKey } from "../crypto/random-key";
import { fail } from "../errors";
import { findInquiryByExposureKey, inquiryNotFound } from "../inquiry/load-inquiry";
import type { Deps } from "../runtime";
import type { Browser } from "../via/browser";
import { currentBrowserSession } from "../via/browser-session";
import { deviceSessionIdOf } from "./device-inquiry";
import { realizedBy } from "./lookup";

export const decideBodySchema = z.strictObject({ exposureKey: z.string(), decision: z.enum(["approve", "deny"]) });

export interface DeviceDecision {
  decision: "approved" | "denied";
}

export async function decideDevice(
  deps: Pick<Deps, "db" | "keyring" | "clock">,
  browser: Browser,
  input: z.output<typeof decideBodySchema>,
): Promise<DeviceDecision> {
  const inquiry = isKey("exposure", input.exposureKey) ? await findInquiryByExposureKey(deps, input.exposureKey) : null;
  const deviceSessionId = inquiry ? deviceSessionIdOf(inquiry.row) : null;
  const device = deviceSessionId ? await findDeviceSessionById(deps.db, deviceSessionId) : null;
  if (!inquiry || !device) throw inquiryNotFound();
  const session = await currentBrowserSession(deps, browser);
  if (!session) fail("SignInRequired", { message: "Sign in again to continue." });
  if (inquiry.row.state === "PENDING") fail("InquiryNotRealized", { message: "Sign in before approving." });
  if (!realizedBy(inquiry.row, session)) fail("Forbidden", { message: "Only the browser that signed in for this code can decide." });

  const wanted = input.decision === "approve" ? "APPROVED" : "DENIED";
  // A repeated click of the same button answers what was already recorded.
  if (device.state === wanted && inquiry.row.state === "REDEEMED") return { decision: input.decision === "approve" ? "approved" : "denied" };
  const now = deps.clock.now();
  if (device.state === "PENDING" && device.expiresAt.getTime() <= now.getTime()) {
    fail("UserCodeExpired", { message: "This code expired before it was approved." });
  }
  if (device.state !== "PENDING" || inquiry.row.state !== "REALIZED") fail("UserCodeUsed", { message: "This request was already decided." });
  const decided = await decideDeviceSession(deps.db, { deviceSessionId: device.id, inquiryId: inquiry.row.id, approve: wanted === "APPROVED", now });
  // Lost a race with the clock or with another tab of this browser.
  if (!decided) fail("UserCodeExpired", { message: "This request is no longer pending." });
  return { decision: wanted === "APPROVED" ? "approved" : "denied" };
}
