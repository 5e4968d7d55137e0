// Every via step starts here: the inquiry named by the exposure key, still
// pending, of an enabled application.
import { loadApplicationContextById, type ApplicationContext } from "../applications/application-context";
import { isKey } from "../crypto/random-key";
import { fail } from "../errors";
import { findInquiryByExposureKey, isExpired, type Inquiry } from "../inquiry/load-inquiry";
import type { Deps } from "../runtime";

export async function pendingInquiry(
  deps: Pick<Deps, "db" | "keyring" | "clock">,
  exposureKey: string,
): Promise<{ inquiry: Inquiry; context: ApplicationContext }> {
  const inquiry = isKey("exposure", exposureKey) ? await findInquiryByExposureKey(deps, exposureKey) : null;
  if (!inquiry) fail("InquiryNotFound", { message: "This sign-in link is not valid." });
  const context = await loadApplicationContextById(deps.db, inquiry.row.applicationId);
  if (!context) fail("InquiryNotFound", { message: "This sign-in link is not valid." });
  if (!context.application.enabled) fail("ApplicationDisabled", { message: "This application is disabled." });
  if (inquiry.row.state === "DEAD") fail("InquiryDead", { message: "Too many failed attempts ended this sign-in." });
  if (inquiry.row.state !== "PENDING" || isExpired(inquiry.row, deps.clock.now())) {
    fail("InquiryExpired", { message: "This sign-in is no longer pending; start again from the application." });
  }
  return { inquiry, context };
}
