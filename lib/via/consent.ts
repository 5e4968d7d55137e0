// The consent step (docs 12): REQUIRED claims are granted as part of
// finishing the login, OPTIONAL and SYNTHETIC ones are the user's choice
// (unchecked = declined). Decisions are remembered, so only never-decided
// claims are asked again. Missing required profile data is supplied here too
// — only missing: a name the account has is the Profile page's to change.
import { z } from "zod";
import { fail } from "../errors";
import { loadAccountIdentity } from "../identity/accounts";
import { loadClaimStates } from "../identity/claims";
import { suppliedNamesSchema, type SuppliedNames } from "../identity/profile-name";
import { recordConsent } from "../identity/record-consent";
import { claimScope, signInDemandsOf, pendingConsent } from "../inquiry/realize";
import type { Deps } from "../runtime";
import type { Browser } from "./browser";
import { currentBrowserSession } from "./browser-session";
import { realizeForBrowser, type ViaOutcome } from "./outcome";
import { pendingInquiry } from "./pending-inquiry";

export const consentBodySchema = z.strictObject({
  exposureKey: z.string(),
  decisions: z.strictObject({ email: z.boolean(), firstName: z.boolean(), lastName: z.boolean() }).partial(),
  profile: suppliedNamesSchema.optional(),
});

export async function submitConsent(
  deps: Pick<Deps, "db" | "keyring" | "clock" | "cache" | "config">,
  browser: Browser,
  input: z.output<typeof consentBodySchema>,
): Promise<ViaOutcome> {
  const { inquiry, context } = await pendingInquiry(deps, input.exposureKey);
  const session = await currentBrowserSession(deps, browser);
  if (!session) fail("SignInRequired", { message: "Sign in again to continue." });
  const identity = await loadAccountIdentity(deps.db, session.accountId);
  if (!identity) fail("SignInRequired", { message: "Sign in again to continue." });

  const states = await loadClaimStates(deps.db, identity.account.id, context.application.id, signInDemandsOf(context, inquiry).consentNotBefore);
  const { ask, missingData } = pendingConsent(context, states, identity, session.loginEmail ?? identity.primaryEmail, claimScope(context, inquiry));
  // A name fills only a gap: one the application requires, or one the user is
  // granting now, that the account has no value for. A name typed on a page that
  // went stale (set on the Profile page meanwhile) is dropped, not written over the newer one.
  const fills = (claim: "firstName" | "lastName") =>
    !identity.account[claim] && (missingData.includes(claim) || (ask.includes(claim) && input.decisions[claim] === true));
  const names: SuppliedNames = {};
  if (input.profile?.firstName && fills("firstName")) names.firstName = input.profile.firstName;
  if (input.profile?.lastName && fills("lastName")) names.lastName = input.profile.lastName;
  await recordConsent(deps.db, {
    accountId: identity.account.id,
    applicationId: context.application.id,
    policy: context.claimPolicy,
    ask,
    decisions: input.decisions,
    names,
    now: deps.clock.now(),
  });
  return realizeForBrowser(deps, inquiry, session);
}
