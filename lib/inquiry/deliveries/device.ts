// DEVICE inquiries (docs 19–20): a realized sign-in does not leave via — the
// user is shown the application and the code their device displays, and
// approves or denies it there (lib/device/decide.ts). The application must
// still have an enabled DEVICE_CODE rule; its TTLs join the fold. A user who
// declines on the consent step denies the device too: it hears access_denied
// at once (RFC 8628 §3.5) instead of polling until its code runs out.
import { findDeviceSessionById } from "@/db/queries/device-sessions";
import { denyWaitingDevice, deviceSessionIdOf } from "../../device/device-inquiry";
import { fail } from "../../errors";
import { matchingReturnRules, returnMethodAllowed } from "../../rules";
import type { DeliveryPlanner } from "../delivery";
import { inquiryNotFound } from "../load-inquiry";

export const deviceDelivery: DeliveryPlanner = (context, inquiry) => {
  const rules = context.rules.return;
  if (!returnMethodAllowed(rules, undefined, "DEVICE_CODE")) {
    fail("Layer3Denied", { message: "The application no longer allows device sign-in." });
  }
  return {
    rules: matchingReturnRules(rules, undefined, "DEVICE_CODE"),
    async finish(deps, realized) {
      const id = deviceSessionIdOf(realized.inquiry.row);
      const session = id ? await findDeviceSessionById(deps.db, id) : null;
      if (!session) throw inquiryNotFound();
      // The poller may have been refused meanwhile (policy at token time), or the code ran out.
      if (session.state !== "PENDING" || session.expiresAt.getTime() <= deps.clock.now().getTime()) {
        fail("InquiryExpired", { message: "This device request is no longer pending; start again on the device." });
      }
      return { next: "device-decision", userCode: session.userCode };
    },
    async decline(deps) {
      await denyWaitingDevice(deps, inquiry.row);
      return { next: "device-denied" };
    },
  };
};
