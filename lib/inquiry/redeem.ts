// POST /connect-api/redeem (docs 17–18; connect.yaml `redeem`): exposure +
// hidden + confirmation key in, an access/refresh pair out — exactly once.
// One statement reads the inquiry with everything the token needs; one
// statement consumes it (REALIZED -> REDEEMED) and creates the session, so
// racing redeems mint exactly one pair.
import { consumeRealizedInquiry, findRedeemContext, type RedeemContextRow } from "@/db/queries/inquiries";
import { secretMatches } from "../crypto/secret-hash";
import { fail } from "../errors";
import { assertAccountActive } from "../identity/accounts";
import type { ClaimsView } from "../identity/claims";
import type { Deps } from "../runtime";
import { issueSession } from "../sessions/issue-session";
import { resolveSessionClaims } from "../sessions/session-claims";
import { toSessionSubject } from "../sessions/session-subject";
import { hashExposureKey, requireKey } from "./keys";
import { inquiryNotFound, isExpired } from "./load-inquiry";

export interface RedeemResult {
  applicationAnchor: string;
  accessToken: string;
  refreshToken: string;
  claims: ClaimsView;
}

type RedeemDeps = Pick<Deps, "db" | "keyring" | "clock" | "cache" | "config">;

export async function redeem(deps: RedeemDeps, input: { exposureKey: string; hiddenKey: string; confirmationKey: string }): Promise<RedeemResult> {
  const exposureKey = requireKey("exposure", "exposureKey", input.exposureKey);
  const hiddenKey = requireKey("hidden", "hiddenKey", input.hiddenKey);
  const confirmationKey = requireKey("confirmation", "confirmationKey", input.confirmationKey);
  const context = await findRedeemContext(deps.db, hashExposureKey(deps.keyring, exposureKey));
  if (!context || !secretMatches(deps.keyring, "inquiry.hidden", hiddenKey, context.hiddenKeyHash)) throw inquiryNotFound();
  checkRedeemable(deps, context, confirmationKey);
  return mintForRealizedInquiry(deps, context);
}

function checkRedeemable(deps: Pick<Deps, "keyring" | "clock">, context: RedeemContextRow, confirmationKey: string): void {
  const now = deps.clock.now();
  if (context.state === "DEAD") fail("InquiryExpired", { message: "The inquiry ran out of attempts; establish a new one." });
  if (context.state === "PENDING") {
    if (isExpired(context, now)) fail("InquiryExpired", { message: "The inquiry has expired; establish a new one." });
    fail("InquiryNotRealized", { message: "The user has not completed sign-in yet." });
  }
  if (!context.confirmationKeyHash || !secretMatches(deps.keyring, "inquiry.confirmation", confirmationKey, context.confirmationKeyHash)) {
    throw inquiryNotFound();
  }
  if (context.state === "REDEEMED") fail("InquiryAlreadyRedeemed", { message: "This inquiry has already been redeemed." });
  if (isExpired(context, now)) fail("InquiryExpired", { message: "The inquiry has expired; establish a new one." });
}

/** Mints the session of a realized inquiry, consuming it (also used by REVEAL at realize time). */
export async function mintForRealizedInquiry(deps: RedeemDeps, context: RedeemContextRow): Promise<RedeemResult> {
  const subject = toSessionSubject(context);
  if (!subject.application.enabled) fail("ApplicationDisabled", { message: "This application is disabled." });
  const account = subject.account;
  if (!account) fail("AccountNotFound", { message: "The account behind this inquiry no longer exists." });
  assertAccountActive(account);

  const emailAddress = context.loginEmail ?? subject.primaryEmail;
  const claims = await resolveSessionClaims(deps, { ...subject, account }, emailAddress);
  // Consent may have been revoked between realize and redeem.
  if (claims.gate) fail(claims.gate, { message: "A required claim is not granted or has no data; the user must sign in again." });

  const issued = await issueSession(
    deps,
    {
      application: subject.application,
      accountId: account.id,
      claims,
      origin: "CONNECT",
      authenticationMethod: context.authenticationMethod,
      emailAddress,
      ttls: { accessTokenTtlSeconds: context.accessTokenTtlSeconds!, refreshTokenTtlSeconds: context.refreshTokenTtlSeconds! },
      authTime: context.authTime ?? context.realizedAt ?? deps.clock.now(),
    },
    consumeRealizedInquiry(context.inquiryId, deps.clock.now()),
  );
  if (!issued) fail("InquiryAlreadyRedeemed", { message: "This inquiry has already been redeemed." });
  return {
    applicationAnchor: subject.application.anchor,
    accessToken: issued.accessToken,
    refreshToken: issued.refreshToken,
    claims: claims.view,
  };
}
