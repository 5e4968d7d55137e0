// Email one-time codes on via (docs 06 EMAIL_VERIFICATION, 11, 15 §7; the
// codes themselves: lib/identity/email-codes.ts). A wrong code spends one of
// the inquiry's lives — never the account's. An unknown address gets a
// registration code; the page cannot tell the two apart.
import { consumeOtpChallenge, findLiveOtpChallenge } from "@/db/queries/challenges";
import { findEmailIdentity } from "@/db/queries/identity";
import { localizedName } from "../applications/info";
import { checkLoginPolicy } from "../domains/login-policy-gate";
import { fail, SudomimusError } from "../errors";
import { registerAccountByEmail } from "../identity/accounts";
import { emailAddressSchema } from "../identity/email-address";
import { guessEmailCode, issueEmailCode, OTP_TTL_SECONDS } from "../identity/email-codes";
import { recordEmailCredentialUse } from "../identity/proven-email";
import { spendInquiryLife } from "../inquiry/spend-life";
import { sendSignInCode } from "../mail/sign-in-code";
import { checkAuthenticationMethod, checkRealize } from "../rules";
import type { Deps } from "../runtime";
import type { Browser } from "./browser";
import { startBrowserSession } from "./browser-session";
import { suppressForForcedSso } from "./email-reason";
import { realizeForBrowser, type ViaOutcome } from "./outcome";
import { pendingInquiry } from "./pending-inquiry";

type ViaDeps = Pick<Deps, "db" | "keyring" | "clock" | "cache" | "config" | "mailer">;

export async function startEmailCode(deps: ViaDeps, browser: Browser, input: { exposureKey: string; email: string }): Promise<{ challengeId: string }> {
  const { inquiry, context } = await pendingInquiry(deps, input.exposureKey);
  if (!checkAuthenticationMethod(context.rules.authentication, inquiry.authenticationConstraints, { method: "EMAIL_VERIFICATION" }).allowed) {
    fail("Layer1Denied", { message: "Email codes are not a sign-in method of this application." });
  }
  const parsed = emailAddressSchema.safeParse(input.email);
  if (!parsed.success) throw new SudomimusError("Invalid email", { message: "Enter a valid email address." });
  const email = parsed.data;
  // No code is mailed to an address whose domain owner forces SSO.
  await suppressForForcedSso(deps, email);
  const owner = await findEmailIdentity(deps.db, email);
  const { challengeId, code } = await issueEmailCode(deps, { browserBinding: browser.binding, clientAddress: browser.address }, {
    email,
    purpose: owner ? "SIGN_IN" : "REGISTER",
    inquiryId: inquiry.row.id,
    accountId: owner?.accountId ?? null,
  });
  await sendSignInCode(deps, {
    to: email,
    code,
    locale: browser.locale,
    applicationName: localizedName(context.application.names, context.application.defaultLocale, browser.locale),
    registering: !owner,
    ttlMinutes: OTP_TTL_SECONDS / 60,
  });
  return { challengeId };
}

export async function verifyEmailCode(
  deps: ViaDeps,
  browser: Browser,
  input: { exposureKey: string; challengeId: string; code: string },
): Promise<ViaOutcome & { registered: boolean }> {
  const { inquiry, context } = await pendingInquiry(deps, input.exposureKey);
  const now = deps.clock.now();
  const challenge = /^[0-9a-f-]{36}$/.test(input.challengeId) ? await findLiveOtpChallenge(deps.db, input.challengeId, browser.binding, now) : null;
  if (!challenge || challenge.inquiryId !== inquiry.row.id) {
    fail("CodeExpired", { message: "This code has expired or was replaced by a newer one. Request a new code." });
  }
  const guess = await guessEmailCode(deps, challenge, input.code);
  if (!guess.right) {
    // Every wrong answer costs a life, also one that came too late to be compared.
    const livesRemaining = await spendInquiryLife(deps, inquiry.row);
    if (!livesRemaining) fail("InquiryDead", { message: "Too many wrong codes ended this sign-in. Start again from the application." });
    fail("WrongCode", { message: "That code is not right.", body: { livesRemaining } });
  }
  if (!(await consumeOtpChallenge(deps.db, challenge.id, now))) {
    fail("CodeExpired", { message: "This code has already been used. Request a new code." });
  }

  let accountId: string;
  let registered = false;
  const owner = await findEmailIdentity(deps.db, challenge.email);
  if (owner) {
    // The address may have changed hands since the code was sent: only its current owner signs in.
    if (challenge.purpose === "SIGN_IN" && owner.accountId !== challenge.accountId) {
      fail("CodeExpired", { message: "This code is no longer valid. Request a new code." });
    }
    accountId = owner.accountId;
  } else {
    // Registration: this application must accept the address before an account exists for it.
    if (!checkRealize(context.rules.realize, inquiry.realizeConstraints, { verifiedEmails: [challenge.email] }).allowed) {
      fail("Layer2Denied", { message: "This email address is not allowed to sign in to this application." });
    }
    await checkLoginPolicy(deps.db, [challenge.email], null);
    const account = await deps.db.transaction((tx) => registerAccountByEmail(tx, { email: challenge.email, now, locale: browser.locale }));
    accountId = account.id;
    registered = true;
  }
  await recordEmailCredentialUse(deps.db, accountId, challenge.email, now);
  const session = await startBrowserSession(deps, browser, { accountId, authenticationMethod: "EMAIL_VERIFICATION", loginEmail: challenge.email });
  return { ...(await realizeForBrowser(deps, inquiry, session)), registered };
}

