// The part both direct-issue endpoints share once the caller has proven an
// account (docs 32, native.yaml): account active → domain login policy →
// Layer 2 → Layer 3 DIRECT_ISSUE → claim gate (a 403 carrying the claims
// view and an Errand) → TTL fold over every matched rule → one session.
import type { SQL } from "drizzle-orm";
import { consumeErrandsOf } from "@/db/queries/errands";
import type { ApplicationContext } from "../applications/application-context";
import { checkLoginPolicy } from "../domains/login-policy-gate";
import { handOffErrand } from "../errand/errand";
import { gateTasks } from "../errand/tasks";
import { fail } from "../errors";
import { accountAliasFor } from "../identity/account-alias";
import { assertAccountActive, type AccountIdentity } from "../identity/accounts";
import type { ClaimsView } from "../identity/claims";
import { sectorSubjectFor } from "../identity/sector-subjects";
import { checkRealize, foldTokenTtls, matchingReturnRules, type RealizeIdentity, type TtlOverrides } from "../rules";
import type { Deps } from "../runtime";
import { issueSession, type SessionOrigin } from "../sessions/issue-session";
import { resolveSessionClaims } from "../sessions/session-claims";
import { loadSessionSubject } from "../sessions/session-subject";

export interface DirectIssueResult {
  applicationAnchor: string;
  accessToken: string;
  refreshToken: string;
  claims: ClaimsView;
}

export type DirectIssueDeps = Pick<Deps, "db" | "keyring" | "clock" | "cache" | "config">;

export interface ProvenAccount {
  context: ApplicationContext;
  identity: AccountIdentity;
  origin: Extract<SessionOrigin, "STEAM_TICKET" | "ACCESS_KEY">;
  /** The Layer 1 method on the wire (STEAM_TICKET / ACCESS_KEY_DIRECT). */
  method: "STEAM_TICKET" | "ACCESS_KEY_DIRECT";
  /** Layer 1 rules that admitted the attempt, and any other TTL bounds (the credential's own). */
  ttlSources: readonly TtlOverrides[];
  accessKeyId?: string;
  /** A condition the session insert must still meet (the AccessKey not revoked meanwhile). */
  sessionGate?: SQL;
}

export async function issueDirectly(deps: DirectIssueDeps, proven: ProvenAccount): Promise<DirectIssueResult> {
  const { context, identity } = proven;
  const { application } = context;
  assertAccountActive(identity.account);
  await checkLoginPolicy(deps.db, identity.verifiedEmails, null);
  const layer2 = await checkLayer2(deps, context, identity);
  const layer3 = directIssueRules(context);

  const subject = await loadSessionSubject(deps.db, identity.account.id, application.id);
  if (!subject?.account) fail("AccountNotFound", { message: "The account no longer exists." });
  // Native logins carry the account's primary email (docs 16: not an email-OTP login).
  const emailAddress = identity.primaryEmail;
  const claims = await resolveSessionClaims(deps, { ...subject, account: subject.account }, emailAddress);
  if (claims.gate) {
    const errand = await handOffErrand(deps, {
      applicationId: application.id,
      accountId: identity.account.id,
      reason: claims.gate,
      tasks: gateTasks(context.claimPolicy, claims.states, claims.data),
      requiresSignIn: false,
    });
    fail(claims.gate, {
      message:
        claims.gate === "ClaimConsentRequired"
          ? "The application requires a claim the user has not granted; open errand.url in the user's browser, then retry."
          : "A required claim has no data on this account; open errand.url in the user's browser, then retry.",
      body: { claims: claims.view, errand },
    });
  }

  const ttls = foldTokenTtls([...proven.ttlSources, ...layer2, ...layer3]);
  const issued = await issueSession(
    deps,
    {
      application: subject.application,
      accountId: identity.account.id,
      claims,
      origin: proven.origin,
      authenticationMethod: proven.method,
      emailAddress,
      ttls,
      authTime: deps.clock.now(),
      accessKeyId: proven.accessKeyId ?? null,
    },
    proven.sessionGate ?? null,
  );
  // Only an AccessKey revoked in the very same moment gets here.
  if (!issued) fail("AccessKeyDirectDenied", { message: "The access key was rejected." });
  // The owed work is done: a claim-gate errand of this pair has nothing left to hand off.
  await consumeErrandsOf(deps.db, application.id, identity.account.id, false);
  return { applicationAnchor: application.anchor, accessToken: issued.accessToken, refreshToken: issued.refreshToken, claims: claims.view };
}

/**
 * Asked before an account is created for a Steam identity seen for the first
 * time (as a browser sign-up is): would this application issue to a new
 * account holding only that identity? A refused player leaves no account.
 */
export function assertIssuesToNewSteamAccount(context: ApplicationContext, steamId64: string): void {
  admitAtLayer2(context, { verifiedEmails: [], steamId64, accountAlias: null, sectorSubject: null });
  directIssueRules(context);
}

function directIssueRules(context: ApplicationContext) {
  const layer3 = matchingReturnRules(context.rules.return, undefined, "DIRECT_ISSUE");
  if (layer3.length === 0) fail("Layer3Denied", { message: "This application does not allow direct issuance (no DIRECT_ISSUE return rule)." });
  return layer3;
}

function admitAtLayer2(context: ApplicationContext, identity: RealizeIdentity) {
  const layer2 = checkRealize(context.rules.realize, undefined, identity);
  if (!layer2.allowed) fail("Layer2Denied", { message: "This account is not allowed to sign in to this application." });
  return layer2.matchedRules;
}

async function checkLayer2(deps: Pick<Deps, "db">, context: ApplicationContext, identity: AccountIdentity) {
  const needs = (type: string) => context.rules.realize.some((rule) => rule.constraintType === type);
  // Aliases and subjects are minted only when a rule can look at them.
  const [accountAlias, sectorSubject] = await Promise.all([
    needs("ACCOUNT_ALIAS") ? accountAliasFor(deps.db, identity.account.id) : null,
    needs("SECTOR_SUBJECT") ? sectorSubjectFor(deps.db, identity.account.id, context.application.sectorId) : null,
  ]);
  return admitAtLayer2(context, { verifiedEmails: identity.verifiedEmails, steamId64: identity.steamId64, accountAlias, sectorSubject });
}
