// Connect inquiries (docs 09): CALLBACK sends the browser back with both keys
// appended, STATUS_POLL lets the poller see REALIZED, REVEAL signs the tokens
// now, consumes the inquiry and shows them — suppressing the redirect, with a
// "Continue to app" link when a CALLBACK was declared too.
import { findRedeemContext } from "@/db/queries/inquiries";
import { fail } from "../../errors";
import { declaredCallbackUrl, matchingReturnRules, returnMethodAllowed, revealSelection } from "../../rules";
import type { DeliveryPlanner } from "../delivery";
import { mintForRealizedInquiry } from "../redeem";

export const connectDelivery: DeliveryPlanner = (context, inquiry) => {
  const rules = context.rules.return;
  const declared = inquiry.returnMethods;
  const callbackUrl = returnMethodAllowed(rules, declared, "CALLBACK") ? declaredCallbackUrl(declared) : null;
  const statusPoll = returnMethodAllowed(rules, declared, "STATUS_POLL");
  const reveal = returnMethodAllowed(rules, declared, "REVEAL");
  if (!callbackUrl && !statusPoll && !reveal) {
    fail("Layer3Denied", { message: "The application no longer allows any way to return this sign-in." });
  }
  return {
    rules: [
      ...(callbackUrl ? matchingReturnRules(rules, declared, "CALLBACK") : []),
      ...(statusPoll ? matchingReturnRules(rules, declared, "STATUS_POLL") : []),
      ...(reveal ? matchingReturnRules(rules, declared, "REVEAL") : []),
    ],
    async finish(deps, realized) {
      const redirect = callbackUrl ? withKeys(callbackUrl, realized.inquiry.exposureKey, realized.confirmationKey) : null;
      if (reveal) {
        const tokens = await mintForRealizedInquiry(deps, (await findRedeemContext(deps.db, realized.inquiry.row.exposureKeyHash))!);
        const selection = revealSelection(rules);
        return {
          next: "reveal",
          tokens: {
            ...(selection.includeAccessToken ? { accessToken: tokens.accessToken } : {}),
            ...(selection.includeRefreshToken ? { refreshToken: tokens.refreshToken } : {}),
          },
          continueTo: redirect,
        };
      }
      if (redirect) return { next: "callback", redirectTo: redirect };
      return { next: "status-poll" };
    },
  };
};

/** The callback gets both keys as kebab-case query parameters (docs 17). */
function withKeys(callbackUrl: string, exposureKey: string | null, confirmationKey: string): string {
  if (!exposureKey) throw new Error("realize needs the presented exposure key to build the callback");
  const url = new URL(callbackUrl);
  url.searchParams.set("exposure-key", exposureKey);
  url.searchParams.set("confirmation-key", confirmationKey);
  return url.toString();
}
