// POST /connect-api/refresh (docs 30; connect.yaml `refresh`) and the OIDC
// refresh_token grant: strict rotation. One statement reads the presented token with its family and
// everything the new token needs; one statement consumes it and inserts the
// replacement. Presenting a spent token again revokes its whole family —
// except a near-simultaneous second presentation (two tabs), which converges
// on the very same replacement session instead of logging the user out.
import { findRefreshContext, revokeFamily, rotateRefreshToken, type RefreshContextRow } from "@/db/queries/sessions";
import { loadOidcClientConfig } from "../applications/application-context";
import { verifyApplicationToken } from "../applications/signing-key";
import { addSeconds } from "../clock";
import { fail, SudomimusError } from "../errors";
import { assertAccountActive } from "../identity/accounts";
import type { ClaimsView } from "../identity/claims";
import { CLAIMS } from "../identity/claims-vocabulary";
import { claimsOfScope, scopeAllowedNow } from "../oidc/scope";
import type { Deps } from "../runtime";
import { peekTokenHeader, type RefreshTokenBody } from "../tokens";
import { mintTokenPair, type TokenPair } from "./mint-tokens";
import { hashRefreshId, replacementRefreshId } from "./refresh-ids";
import { resolveSessionClaims, type SessionClaims } from "./session-claims";
import { toSessionSubject } from "./session-subject";

/** How long after a rotation a second presentation still counts as "near-simultaneous". */
export const REFRESH_REUSE_GRACE_SECONDS = 10;

export interface RefreshResult {
  accessToken: string;
  refreshToken: string;
  claims: ClaimsView;
}

type RefreshDeps = Pick<Deps, "db" | "keyring" | "clock" | "cache" | "config">;

const notFound = () => new SudomimusError("RefreshTokenNotFound", { message: "The refresh token is not valid." });
const suspended = () => new SudomimusError("RefreshTokenSuspended", { message: "This session has been revoked." });

/** The row named by the token's jti — only if the token is genuine (signed by that row's application). */
async function presentedRefreshToken(deps: RefreshDeps, token: string): Promise<{ id: string; context: RefreshContextRow }> {
  const header = peekTokenHeader(token);
  if (!header || typeof header.jti !== "string" || header.jti.length > 64) throw notFound();
  const context = await findRefreshContext(deps.db, hashRefreshId(deps.keyring, header.jti));
  if (!context || context.applicationAnchor !== header.aud || context.familyApplicationId !== context.applicationId) throw notFound();
  const verified = verifyApplicationToken<RefreshTokenBody>(deps, token, "Refresh", context);
  if (!verified || verified.header.jti !== header.jti) throw notFound();
  return { id: header.jti, context };
}

export async function refresh(deps: RefreshDeps, input: { refreshToken: string }): Promise<RefreshResult> {
  const rotation = await rotateSession(deps, input.refreshToken, { admit: (session) => admitAtConnect(deps, session) });
  return { accessToken: rotation.accessToken, refreshToken: rotation.refreshToken, claims: rotation.claims.view };
}

/**
 * Connect /refresh authenticates with the refresh token alone. A session begun
 * at OIDC /token for a confidential client (client_secret_*, private_key_jwt)
 * is bound to that client's credentials (RFC 6749 §6, §10.4): it refreshes at
 * /oidc/token only, so a leaked refresh token is worth nothing without them. A
 * public client (`none`) has no credentials to present: Connect rotates its
 * sessions too, within the scope its OIDC rule allows now (docs 09).
 */
async function admitAtConnect(deps: RefreshDeps, session: RefreshContextRow): Promise<{ scope: string | null }> {
  if (session.origin !== "OIDC" || session.oidcScope === null) return { scope: session.oidcScope };
  const client = await loadOidcClientConfig(deps.db, session.applicationId);
  if (!client?.tokenEndpointAuthMethods.includes("none")) {
    throw new SudomimusError("RefreshTokenNotFound", {
      message: "This refresh token belongs to a confidential OpenID Connect client: refresh it at /oidc/token with the client's credentials.",
    });
  }
  return { scope: scopeAllowedNow(session.oidcScope, client.allowedScopes) };
}

export interface RotationPolicy {
  /**
   * Sees the presented token's session before anything is written: throws to
   * refuse it (the OIDC token endpoint's client binding, Connect's refusal of
   * a confidential OIDC client's session) and names the OIDC
   * scope the new tokens carry (default: the session's own; null outside OIDC).
   */
  admit?(session: RefreshContextRow): { scope: string | null } | Promise<{ scope: string | null }>;
}

export interface Rotation extends TokenPair {
  /** The session the new tokens belong to, and the claims and OIDC scope they were minted with. */
  session: RefreshContextRow;
  claims: SessionClaims;
  scope: string | null;
}

/** Strict rotation of a presented refresh token — the one implementation behind Connect /refresh and OIDC /token. */
export async function rotateSession(deps: RefreshDeps, refreshToken: string, policy: RotationPolicy = {}): Promise<Rotation> {
  const { id, context } = await presentedRefreshToken(deps, refreshToken);
  const { scope } = policy.admit ? await policy.admit(context) : { scope: context.oidcScope };
  const now = deps.clock.now();
  if (context.familyRevokedAt || context.suspendedAt) throw suspended();
  if (context.rotatedAt) return answerReuse(deps, context, id, scope);
  if (context.expiresAt.getTime() <= now.getTime()) fail("RefreshTokenExpired", { message: "The refresh token has expired." });

  const replacementId = replacementRefreshId(deps.keyring, id);
  const replacementExpiresAt = renewedExpiry(context, now);
  const result = await mintFor(deps, context, replacementId, replacementExpiresAt, scope);
  const rotated = await rotateRefreshToken(deps.db, {
    idHash: context.idHash,
    replacementIdHash: hashRefreshId(deps.keyring, replacementId),
    now,
    replacementExpiresAt,
  });
  if (rotated) return result;
  // A concurrent refresh won the conditional write: answer as a second presentation.
  const again = await findRefreshContext(deps.db, context.idHash);
  if (!again) throw notFound();
  if (again.familyRevokedAt || again.suspendedAt) throw suspended();
  return answerReuse(deps, again, id, scope);
}

/**
 * A rotation normally slides the session: the new refresh token gets the full
 * TTL again. Under a BLOCK_ALL / SSO_ONLY domain login policy it does not —
 * the replacement keeps the presented token's expiry — so a session ends at
 * most one refresh TTL after the policy took effect (the offboarding window
 * docs 22 and 25 promise) (a blocked user, or one whose IdP account was disabled, cannot keep
 * a session alive forever by refreshing). Reverting to ALLOW_ALL lets the
 * next refresh slide again. A retired application's sessions do not slide
 * either: docs 13 let issued tokens "keep working until they expire", not for ever.
 */
function renewedExpiry(context: RefreshContextRow, now: Date): Date {
  const slides = !context.loginPolicyGoverns && context.applicationEnabled;
  return slides ? addSeconds(now, context.refreshTokenTtlSeconds) : context.expiresAt;
}

async function answerReuse(deps: RefreshDeps, context: RefreshContextRow, presentedId: string, scope: string | null): Promise<Rotation> {
  const now = deps.clock.now();
  const sinceRotation = (now.getTime() - context.rotatedAt!.getTime()) / 1000;
  if (sinceRotation > REFRESH_REUSE_GRACE_SECONDS) {
    await revokeFamily(deps.db, context.familyId, "refresh-token-reuse", now);
    fail("RefreshTokenFamilyCompromised", { message: "This refresh token was already used; the session has been revoked. Sign in again." });
  }
  const replacement = context.replacedByIdHash ? await findRefreshContext(deps.db, context.replacedByIdHash) : null;
  const live = replacement && !replacement.rotatedAt && !replacement.suspendedAt && !replacement.familyRevokedAt && replacement.expiresAt.getTime() > now.getTime();
  if (!live) {
    // The lineage moved on (or was revoked) while this token was being replayed: treat as compromise.
    await revokeFamily(deps.db, context.familyId, "refresh-rotation-race-lost", now);
    fail("RefreshTokenRotationRaceLost", { message: "A concurrent refresh already rotated this session; it has been revoked. Sign in again." });
  }
  // Converge: the same replacement session the winner received.
  return mintFor(deps, replacement, replacementRefreshId(deps.keyring, presentedId), replacement.expiresAt, scope);
}

async function mintFor(deps: RefreshDeps, context: RefreshContextRow, refreshId: string, refreshTokenExpiresAt: Date, scope: string | null): Promise<Rotation> {
  const subject = toSessionSubject(context);
  const account = subject.account;
  if (!account) fail("AccountNotFound", { message: "The account behind this session no longer exists." });
  assertAccountActive(account);
  // emailAddress is the one fixed when the session began (docs 16); grants are read live; an OIDC scope gates them.
  const claims = await resolveSessionClaims(deps, { ...subject, account }, context.emailAddress, scope === null ? CLAIMS : claimsOfScope(scope));
  if (claims.gate) fail(claims.gate, { message: "A required claim is no longer granted or has no data; the user must sign in again." });
  const pair = await mintTokenPair(deps, {
    application: subject.application,
    subject: claims.subject,
    claims: claims.tokenClaims,
    refreshId,
    issuedAt: deps.clock.now(),
    accessTokenTtlSeconds: context.accessTokenTtlSeconds,
    refreshTokenExpiresAt,
    scope,
  });
  return { ...pair, session: context, claims, scope };
}
