// Realize: the one pipeline every sign-in method and every flow runs after
// the user has proven who they are (docs 07–09, 12, 22):
//   inquiry alive → Layer 1 (again, at the attempt) → account active →
//   the user the flow names, if any → domain login policy → Layer 2 (app
//   rules AND inquiry constraints) → claim consent gate → mark realized (one
//   conditional write) → deliver.
// It never authenticates anybody itself; callers pass the proven account.
// How the result is delivered depends on the inquiry's purpose (deliveries/).
import { markInquiryRealized } from "@/db/queries/inquiries";
import { loadApplicationContextById, type ApplicationContext } from "../applications/application-context";
import { addSeconds } from "../clock";
import { randomHex } from "../crypto/random-key";
import { checkLoginPolicy } from "../domains/login-policy-gate";
import { fail } from "../errors";
import { withDomainMandate } from "../federation/domain-managed";
import { accountAliasFor } from "../identity/account-alias";
import { assertAccountActive, loadAccountIdentity, type AccountIdentity } from "../identity/accounts";
import { normalizeEmail } from "../identity/email-address";
import { loadClaimStates, type ClaimStates } from "../identity/claims";
import { CLAIMS, type Claim } from "../identity/claims-vocabulary";
import { isLiveSectorSubjectOf, sectorSubjectFor } from "../identity/sector-subjects";
import { checkAuthenticationMethod, checkRealize, foldTokenTtls, type AuthenticationAttempt } from "../rules";
import type { Deps } from "../runtime";
import type { Delivered, DeliveryPlan } from "./delivery";
import { DELIVERY_PLANNERS } from "./deliveries";
import { deriveConfirmationKey, hashConfirmationKey } from "./keys";
import { REDEEM_WINDOW_SECONDS } from "./lifetimes";
import { inquiryNotFound, isExpired, type Inquiry } from "./load-inquiry";

export interface RealizeInput {
  inquiry: Inquiry;
  accountId: string;
  attempt: AuthenticationAttempt;
  /** The exact email an email-OTP login proved (it becomes the emailAddress claim). */
  loginEmail: string | null;
  /** Set when the login came through a federation connector (satisfies SSO_ONLY). */
  federationConnectorId?: string | null;
  authTime: Date;
}

export type RealizeOutcome =
  | {
      kind: "consent";
      /** Claims the user must decide now (interactive logins only). */
      ask: Claim[];
      /** REQUIRED claims whose data the account lacks (a profile step). */
      missingData: Claim[];
    }
  | { kind: "realized"; confirmationKey: string; delivered: Delivered };

type RealizeDeps = Pick<Deps, "db" | "keyring" | "clock" | "cache" | "config">;

export async function realize(deps: RealizeDeps, input: RealizeInput): Promise<RealizeOutcome> {
  const now = deps.clock.now();
  const { row } = input.inquiry;
  checkInquiryAlive(row, now);
  const context = await loadApplicationContextById(deps.db, row.applicationId);
  if (!context) throw inquiryNotFound();
  if (!context.application.enabled) fail("ApplicationDisabled", { message: "This application is disabled." });
  const planner = DELIVERY_PLANNERS[row.purpose];
  if (!planner) throw inquiryNotFound();
  // Layer 3 first among the rule checks: a sign-in that cannot be delivered should not go further.
  const plan = planner(context, input.inquiry);
  if (plan.signInNotBefore && input.authTime.getTime() < plan.signInNotBefore.getTime()) {
    fail("SignInRequired", { message: "The application asks you to sign in again." });
  }

  const identity = await loadAccountIdentity(deps.db, input.accountId);
  // A federated login counts as domain-managed only if the account's own domain owner mandates its connector.
  const attempt = await withDomainMandate(deps.db, input.attempt, identity?.verifiedEmails ?? [], input.federationConnectorId ?? null);
  const layer1 = checkAuthenticationMethod(context.rules.authentication, input.inquiry.authenticationConstraints, attempt);
  if (!layer1.allowed) fail("Layer1Denied", { message: "This sign-in method is not allowed for this application." });

  if (!identity) fail("AccountNotFound", { message: "The account no longer exists." });
  assertAccountActive(identity.account);
  await checkExpectedAccount(deps, plan, identity.account.id, context.application.sectorId);
  await checkLoginPolicy(deps.db, identity.verifiedEmails, input.federationConnectorId ?? null);

  const layer2 = await checkLayer2(deps, context, input.inquiry, identity);

  const states = await loadClaimStates(deps.db, identity.account.id, context.application.id, plan.consentNotBefore ?? null);
  // The typed address counts only while the account still owns it: a browser
  // session (14 days) outlives an address removed meanwhile, which another
  // account may have verified since.
  const loginEmail = input.loginEmail && identity.verifiedEmails.includes(normalizeEmail(input.loginEmail)) ? input.loginEmail : null;
  const emailAddress = loginEmail ?? identity.primaryEmail;
  const consent = pendingConsent(context, states, identity, emailAddress, plan.claims);
  if (consent.ask.length > 0 || consent.missingData.length > 0) return { kind: "consent", ...consent };

  const ttls = foldTokenTtls([...layer1.matchedRules, ...layer1.matchedConstraints, ...layer2.matchedRules, ...layer2.matchedConstraints, ...plan.rules]);
  const nonce = randomHex(16);
  const confirmationKey = deriveConfirmationKey(deps.keyring, row.id, nonce);
  const realized = await markInquiryRealized(
    deps.db,
    row.id,
    {
      accountId: identity.account.id,
      authenticationMethod: input.attempt.method,
      loginEmail,
      accessTokenTtlSeconds: ttls.accessTokenTtlSeconds,
      refreshTokenTtlSeconds: ttls.refreshTokenTtlSeconds,
      authTime: input.authTime,
      confirmationKeyHash: hashConfirmationKey(deps.keyring, confirmationKey),
      confirmationNonce: nonce,
      realizedAt: now,
      expiresAt: addSeconds(now, REDEEM_WINDOW_SECONDS),
    },
    now,
  );
  if (!realized) fail("InquiryExpired", { message: "This sign-in is no longer pending; start again from the application." });
  const delivered = await plan.finish(deps, { inquiry: input.inquiry, context, accountId: identity.account.id, confirmationKey });
  return { kind: "realized", confirmationKey, delivered };
}

/** The claims an inquiry's flow can carry (for the consent step outside realize). */
export function claimScope(context: ApplicationContext, inquiry: Inquiry): readonly Claim[] {
  return DELIVERY_PLANNERS[inquiry.row.purpose]?.(context, inquiry).claims ?? CLAIMS;
}

/** How fresh a sign-in and claim decisions must be, and who may sign in, for this inquiry (for the pages and the consent step). */
export function signInDemandsOf(
  context: ApplicationContext,
  inquiry: Inquiry,
): { signInNotBefore: Date | null; consentNotBefore: Date | null; expectedSubject: string | null } {
  const plan = DELIVERY_PLANNERS[inquiry.row.purpose]?.(context, inquiry);
  return { signInNotBefore: plan?.signInNotBefore ?? null, consentNotBefore: plan?.consentNotBefore ?? null, expectedSubject: plan?.expectedSubject ?? null };
}

/** A flow that names its user (OIDC id_token_hint) is realized by that user only. */
async function checkExpectedAccount(deps: Pick<Deps, "db">, plan: Pick<DeliveryPlan, "expectedSubject">, accountId: string, sectorId: string): Promise<void> {
  if (plan.expectedSubject && !(await isLiveSectorSubjectOf(deps.db, accountId, sectorId, plan.expectedSubject))) {
    fail("OtherAccountExpected", { message: "The application asked for a different account. Sign in with the account you use there." });
  }
}

function checkInquiryAlive(row: Inquiry["row"], now: Date): void {
  if (row.state === "DEAD") fail("InquiryDead", { message: "Too many failed attempts ended this sign-in." });
  if (row.state !== "PENDING" || isExpired(row, now)) {
    fail("InquiryExpired", { message: "This sign-in is no longer pending; start again from the application." });
  }
}

async function checkLayer2(deps: RealizeDeps, context: ApplicationContext, inquiry: Inquiry, identity: AccountIdentity) {
  const records = [...context.rules.realize, ...(inquiry.realizeConstraints ?? [])];
  const needs = (type: string) => records.some((record) => record.constraintType === type);
  // Aliases and subjects are minted only when a rule can look at them.
  const [accountAlias, sectorSubject] = await Promise.all([
    needs("ACCOUNT_ALIAS") ? accountAliasFor(deps.db, identity.account.id) : null,
    needs("SECTOR_SUBJECT") ? sectorSubjectFor(deps.db, identity.account.id, context.application.sectorId) : null,
  ]);
  const layer2 = checkRealize(context.rules.realize, inquiry.realizeConstraints, {
    verifiedEmails: identity.verifiedEmails,
    steamId64: identity.steamId64,
    accountAlias,
    sectorSubject,
  });
  if (!layer2.allowed) fail("Layer2Denied", { message: "This account is not allowed to sign in to this application." });
  return layer2;
}

/**
 * What an interactive login must still settle: REQUIRED claims not granted,
 * OPTIONAL / SYNTHETIC claims never decided, and REQUIRED data the account
 * lacks — among the claims this flow can carry (`scope`, default all).
 */
export function pendingConsent(
  context: ApplicationContext,
  states: ClaimStates,
  identity: Pick<AccountIdentity, "account">,
  emailAddress: string | null,
  scope: readonly Claim[] = CLAIMS,
): { ask: Claim[]; missingData: Claim[] } {
  const policy = context.claimPolicy;
  const data: Record<Claim, string | null> = { email: emailAddress, firstName: identity.account.firstName, lastName: identity.account.lastName };
  const inScope = CLAIMS.filter((claim) => scope.includes(claim));
  return {
    ask: inScope.filter((claim) => (policy[claim] === "REQUIRED" ? states[claim] !== "GRANTED" : policy[claim] !== "OFF" && states[claim] === "UNKNOWN")),
    missingData: inScope.filter((claim) => policy[claim] === "REQUIRED" && !data[claim]),
  };
}
