// What the errand page does (docs 31): sign the user in with an emailed code
// (only as the errand's account), add and verify a missing email (a new
// email identity of the account, only once signed in), and settle the owed
// work — names, decisions — which marks the errand COMPLETED. The codes are
// via's email codes (same hashing, lifetime, rate limits and mail).
import { z } from "zod";
import { consumeOtpChallenge, findLiveOtpChallenge } from "@/db/queries/challenges";
import { markErrandCompleted } from "@/db/queries/errands";
import { findEmailIdentity } from "@/db/queries/identity";
import { localizedName } from "../applications/info";
import { checkLoginPolicy } from "../domains/login-policy-gate";
import { fail, SudomimusError } from "../errors";
import { claimGate, loadClaimStates } from "../identity/claims";
import { emailAddressSchema } from "../identity/email-address";
import { guessEmailCode, issueEmailCode, OTP_TTL_SECONDS } from "../identity/email-codes";
import { suppliedNamesSchema } from "../identity/profile-name";
import { recordConsent } from "../identity/record-consent";
import { sendSignInCode } from "../mail/sign-in-code";
import { enforceRateLimit } from "../rate-limit";
import type { Deps } from "../runtime";
import type { Browser } from "../via/browser";
import { startBrowserSession } from "../via/browser-session";
import { addProvenEmail, recordEmailCredentialUse } from "../identity/proven-email";
import { sendAddEmailCode } from "./errand-mail";
import { askedClaims, errandView, requireErrandSignIn, requireLiveErrand, type ErrandView, type LiveErrand } from "./errand-view";

const CODES_PER_ERRAND = { limit: 10, windowSeconds: 30 * 60 };

type ActionDeps = Pick<Deps, "db" | "keyring" | "clock" | "config" | "mailer">;

const errandKeySchema = z.string().max(128);

export const errandEmailStartSchema = z.strictObject({
  errandKey: errandKeySchema,
  purpose: z.enum(["sign-in", "add-email"]),
  email: z.string().max(320),
});

export const errandEmailVerifySchema = z.strictObject({
  errandKey: errandKeySchema,
  challengeId: z.string().max(64),
  code: z.string().max(32),
});

export const errandCompleteSchema = z.strictObject({
  errandKey: errandKeySchema,
  decisions: z.strictObject({ email: z.boolean(), firstName: z.boolean(), lastName: z.boolean() }).partial(),
  profile: suppliedNamesSchema.optional(),
});

const applicationName = (live: LiveErrand, browser: Browser) =>
  localizedName(live.context.application.names, live.context.application.defaultLocale, browser.locale);

export async function startErrandEmailCode(
  deps: ActionDeps,
  browser: Browser,
  input: z.output<typeof errandEmailStartSchema>,
): Promise<{ challengeId: string }> {
  const live = await requireLiveErrand(deps, input.errandKey);
  const parsed = emailAddressSchema.safeParse(input.email);
  if (!parsed.success) throw new SudomimusError("Invalid email", { message: "Enter a valid email address." });
  const email = parsed.data;
  // Counted first, whatever the address: the key holder's guesses are limited like anyone's.
  await enforceRateLimit(deps, `errand:codes:${live.errand.id}`, CODES_PER_ERRAND);
  // Only the account the request is for may sign in here. An address that is
  // not its own gets the same answer without a mail (and its code is never
  // learned): the application holding the errand key must not be able to test
  // which addresses its user has — it may not even be allowed to see one.
  let mailIt = true;
  if (input.purpose === "sign-in") {
    if (!live.needsSignIn) fail("Forbidden", { message: "This request needs no sign-in." });
    mailIt = live.identity.verifiedEmails.includes(email);
  } else {
    // Writing identity data: the user must be signed in as the errand's account.
    await requireErrandSignIn(deps, browser, live);
    if (live.identity.verifiedEmails.length > 0) fail("Forbidden", { message: "This account already has an email address." });
    // An address on a blocked or SSO-only domain would lock the account out of this application.
    await checkLoginPolicy(deps.db, [email], null);
  }
  const { challengeId, code } = await issueEmailCode(deps, { browserBinding: browser.binding, clientAddress: browser.address }, {
    email,
    purpose: input.purpose === "sign-in" ? "SIGN_IN" : "ADD_EMAIL",
    inquiryId: null,
    accountId: live.errand.accountId,
  });
  const message = { to: email, code, locale: browser.locale, applicationName: applicationName(live, browser), ttlMinutes: OTP_TTL_SECONDS / 60 };
  if (input.purpose === "sign-in") {
    if (mailIt) await sendSignInCode(deps, { ...message, registering: false });
  } else await sendAddEmailCode(deps, message);
  return { challengeId };
}

export async function verifyErrandEmailCode(
  deps: ActionDeps,
  browser: Browser,
  input: z.output<typeof errandEmailVerifySchema>,
): Promise<ErrandView> {
  const live = await requireLiveErrand(deps, input.errandKey);
  const now = deps.clock.now();
  const challenge = /^[0-9a-f-]{36}$/.test(input.challengeId) ? await findLiveOtpChallenge(deps.db, input.challengeId, browser.binding, now) : null;
  if (!challenge || challenge.inquiryId !== null || challenge.accountId !== live.errand.accountId || (challenge.purpose !== "SIGN_IN" && challenge.purpose !== "ADD_EMAIL")) {
    fail("CodeExpired", { message: "This code has expired or was replaced by a newer one. Request a new code." });
  }
  const guess = await guessEmailCode(deps, challenge, input.code);
  if (!guess.right) {
    if (guess.guessesLeft === 0) fail("CodeExpired", { message: "Too many wrong codes; request a new code." });
    fail("WrongCode", { message: "That code is not right.", body: { livesRemaining: guess.guessesLeft } });
  }
  if (!(await consumeOtpChallenge(deps.db, challenge.id, now))) {
    fail("CodeExpired", { message: "This code has already been used. Request a new code." });
  }

  if (challenge.purpose === "SIGN_IN") {
    // The address may have changed hands since the code was sent.
    const owner = await findEmailIdentity(deps.db, challenge.email);
    if (owner?.accountId !== live.errand.accountId) fail("ErrandAccountMismatch", { message: "This address no longer belongs to the account this request is for." });
    await recordEmailCredentialUse(deps.db, live.errand.accountId, challenge.email, now);
    await startBrowserSession(deps, browser, { accountId: live.errand.accountId, authenticationMethod: "EMAIL_VERIFICATION", loginEmail: challenge.email });
  } else {
    await requireErrandSignIn(deps, browser, live);
    await addVerifiedEmail(deps, live, challenge.email, now);
  }
  return errandView(deps, browser, input.errandKey);
}

/** The proven address becomes the account's email identity (primary if it is the first) and an email-code credential. */
async function addVerifiedEmail(deps: Pick<Deps, "db">, live: LiveErrand, email: string, now: Date): Promise<void> {
  await checkLoginPolicy(deps.db, [email], null);
  if ((await addProvenEmail(deps.db, live.errand.accountId, email, now)) === "taken") {
    fail("Conflict", { message: "This address already belongs to another account." });
  }
}

/**
 * Settles the owed work: missing names (signed in only) and the decisions
 * (REQUIRED claims must be granted), checked whole and written together.
 * When nothing is owed any more the errand becomes COMPLETED; otherwise the
 * view says what is still missing.
 */
export async function completeErrand(
  deps: ActionDeps,
  browser: Browser,
  input: z.output<typeof errandCompleteSchema>,
): Promise<ErrandView> {
  const live = await requireLiveErrand(deps, input.errandKey);
  if (live.needsSignIn) await requireErrandSignIn(deps, browser, live);
  const policy = live.context.claimPolicy;
  const accountId = live.errand.accountId;
  const applicationId = live.context.application.id;

  const names = Object.entries(input.profile ?? {}).filter(([, value]) => value);
  if (names.length > 0) {
    // Writing identity data is the signed-in tier's business, and only what is owed.
    if (!live.needsSignIn) fail("SignInRequired", { message: "Sign in to change your profile." });
    if (names.some(([claim]) => !live.tasks.data.includes(claim as "firstName" | "lastName"))) {
      throw new SudomimusError("Invalid profile", { message: "Only missing, required names can be set here." });
    }
  }

  const now = deps.clock.now();
  await recordConsent(deps.db, { accountId, applicationId, policy, ask: askedClaims(policy, live.states), decisions: input.decisions, names: input.profile ?? {}, now });

  const after = await requireLiveErrand(deps, input.errandKey);
  const states = await loadClaimStates(deps.db, accountId, applicationId);
  if (claimGate(policy, states, after.data) === null && askedClaims(policy, states).length === 0) {
    await markErrandCompleted(deps.db, live.errand.id, now);
  }
  return errandView(deps, browser, input.errandKey);
}
