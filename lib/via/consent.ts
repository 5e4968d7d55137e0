// The consent step (docs 12): REQUIRED claims are granted as part of
// finishing the login, OPTIONAL and SYNTHETIC ones are the user's choice
// (unchecked = declined). Decisions are remembered, so only never-decided
// claims are asked again. Missing required profile data is supplied here too.
import { z } from "zod";
import { updateAccount, upsertClaimGrant } from "@/db/queries/identity";
import { fail, SudomimusError } from "../errors";
import { loadAccountIdentity } from "../identity/accounts";
import { loadClaimStates } from "../identity/claims";
import { STORED_CLAIM } from "../identity/claims-vocabulary";
import { claimScope, signInDemandsOf, pendingConsent } from "../inquiry/realize";
import type { Deps } from "../runtime";
import type { Browser } from "./browser";
import { currentBrowserSession } from "./browser-session";
import { realizeForBrowser, type ViaOutcome } from "./outcome";
import { pendingInquiry } from "./pending-inquiry";

const name = z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters");

export const consentBodySchema = z.strictObject({
  exposureKey: z.string(),
  decisions: z.strictObject({ email: z.boolean(), firstName: z.boolean(), lastName: z.boolean() }).partial(),
  profile: z.strictObject({ firstName: name, lastName: name }).partial().optional(),
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

  if (input.profile && (input.profile.firstName || input.profile.lastName)) {
    await updateAccount(deps.db, identity.account.id, {
      ...(input.profile.firstName ? { firstName: input.profile.firstName } : {}),
      ...(input.profile.lastName ? { lastName: input.profile.lastName } : {}),
    });
  }
  const states = await loadClaimStates(deps.db, identity.account.id, context.application.id, signInDemandsOf(context, inquiry).consentNotBefore);
  const { ask } = pendingConsent(context, states, identity, session.loginEmail ?? identity.primaryEmail, claimScope(context, inquiry));
  const now = deps.clock.now();
  for (const claim of ask) {
    const granted = input.decisions[claim] === true;
    if (context.claimPolicy[claim] === "REQUIRED" && !granted) {
      throw new SudomimusError("Invalid decisions", { message: `${claim} is required by this application; share it to continue, or cancel the sign-in.` });
    }
    await upsertClaimGrant(deps.db, {
      accountId: identity.account.id,
      applicationId: context.application.id,
      claim: STORED_CLAIM[claim],
      decision: granted ? "GRANTED" : "DENIED",
      decidedAt: now,
    });
  }
  return realizeForBrowser(deps, inquiry, session);
}
