// Cancel on the consent step (docs 12): nothing is shared. A flow whose
// client waits for an answer is told now — an OIDC relying party gets
// error=access_denied at its redirect URI, a polling device access_denied
// (lib/inquiry/deliveries/) — while a Connect application is not told
// anything: its inquiry simply expires, and the user may still go back and
// review.
import { z } from "zod";
import { closePendingInquiry } from "@/db/queries/inquiries";
import { fail, isSudomimusError } from "../errors";
import { DELIVERY_PLANNERS } from "../inquiry/deliveries";
import type { Delivered } from "../inquiry/delivery";
import type { Deps } from "../runtime";
import { pendingInquiry } from "./pending-inquiry";

export const declineBodySchema = z.strictObject({ exposureKey: z.string() });

export type Declined = Delivered | { next: "cancelled" };

export async function declineSignIn(deps: Pick<Deps, "db" | "keyring" | "clock" | "cache" | "config">, input: z.output<typeof declineBodySchema>): Promise<Declined> {
  const { inquiry, context } = await pendingInquiry(deps, input.exposureKey);
  let plan;
  try {
    plan = DELIVERY_PLANNERS[inquiry.row.purpose]?.(context, inquiry);
  } catch (error) {
    // The application no longer allows this delivery: there is nobody to tell.
    if (isSudomimusError(error, "Layer3Denied")) return { next: "cancelled" };
    throw error;
  }
  if (!plan?.decline) return { next: "cancelled" };
  // Closed before the client is told, once: a sign-in realized meanwhile (another tab) is not refused behind the user's back.
  if (!(await closePendingInquiry(deps.db, inquiry.row.id, deps.clock.now()))) {
    fail("InquiryExpired", { message: "This sign-in is no longer pending; start again from the application." });
  }
  return plan.decline(deps);
}
