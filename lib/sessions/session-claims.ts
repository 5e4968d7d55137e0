// What a token minted now for (account, application) would carry, and whether
// it may be minted at all: the sector subject, the live claim decisions, the
// `claims` block, the claim gate and the token body claims. Every issue point
// (redeem, refresh, device-token, direct-issue, OIDC) asks this one function.
import { claimGate, claimsView, tokenClaims, type ClaimData, type ClaimGateFailure, type ClaimStates, type ClaimsView, type TokenClaims } from "../identity/claims";
import { CLAIMS, type Claim } from "../identity/claims-vocabulary";
import { sectorSubjectFor } from "../identity/sector-subjects";
import { syntheticIdentity } from "../identity/synthetic";
import type { Deps } from "../runtime";
import type { SessionSubject } from "./session-subject";

export interface SessionClaims {
  subject: string;
  states: ClaimStates;
  view: ClaimsView;
  data: ClaimData;
  gate: ClaimGateFailure | null;
  tokenClaims: TokenClaims;
}

export async function resolveSessionClaims(
  deps: Pick<Deps, "db" | "keyring" | "config">,
  session: SessionSubject & { account: NonNullable<SessionSubject["account"]> },
  /** The session's emailAddress: the proven email of an email-OTP login, else the primary email. */
  emailAddress: string | null,
  /** The claims the token may carry at all: an OIDC scope gate (default: all three). */
  scope: readonly Claim[] = CLAIMS,
): Promise<SessionClaims> {
  const { application, claimPolicy, account, states } = session;
  // Minted on first need: the first token of this user in this sector.
  const subject = session.sectorSubject ?? (await sectorSubjectFor(deps.db, account.id, application.sectorId));
  const data: ClaimData = { email: emailAddress, firstName: account.firstName, lastName: account.lastName };
  const synthetic = () => syntheticIdentity(deps.keyring, application.id, subject, deps.config.proxyEmailDomain);
  return {
    subject,
    states,
    view: claimsView(claimPolicy, states),
    data,
    gate: claimGate(claimPolicy, states, data, scope),
    tokenClaims: tokenClaims(claimPolicy, states, data, synthetic, scope),
  };
}
