// GET|POST /oidc/userinfo (docs 33 step 3; OIDC Core §5.3, RFC 6750): the
// Bearer access token from /oidc/token names its session; the answer is the
// sector subject plus the claims its scope AND the user's live grants allow —
// a revoked grant is gone from the very next call. A token whose session was
// revoked (a replayed code, logout) or whose account is disabled or deleted
// (docs 29) is invalid_token. A retired application's issued tokens keep
// working until they expire (docs 13).
import { findRefreshContext } from "@/db/queries/sessions";
import { epochSeconds } from "../clock";
import { fail } from "../errors";
import { assertAccountActive } from "../identity/accounts";
import type { Deps } from "../runtime";
import { verifyPresentedToken } from "../sessions/presented-token";
import { hashRefreshId } from "../sessions/refresh-ids";
import { resolveSessionClaims } from "../sessions/session-claims";
import { toSessionSubject } from "../sessions/session-subject";
import type { AccessTokenBody } from "../tokens";
import { oauthError, type OAuthError } from "./errors";
import { oauthJson } from "./http";
import { oidcUserClaims, type OidcUserClaims } from "./id-token";
import { claimsOfScope, scopeIncludes } from "./scope";

const REALM = 'Bearer realm="oidc"';

/** RFC 6750 §3: the challenge of a refusal names its error. */
export function bearerChallenge(error: OAuthError): string {
  return `${REALM}, error="${error.error}", error_description="${error.description.replace(/["\\]/g, "")}"`;
}

/**
 * RFC 6750 §3.1: a request without any bearer token (none sent, or only
 * another scheme's credentials) is not an error to report — 401 with the bare
 * challenge, and no error code in it or in the body.
 */
export const bearerTokenRequired = (): Response => oauthJson({}, 401, { "www-authenticate": REALM });

const invalidToken = (description: string) => oauthError("invalid_token", description, 401);

/**
 * The access token of the request: the Authorization header's Bearer token,
 * or (POST) the form's access_token — null when there is none. A malformed
 * Bearer header, or a token sent both ways, is invalid_request (400).
 */
export function presentedAccessToken(authorization: string | null, formToken: string | null): string | null {
  const triedBearer = authorization !== null && /^bearer(\s|$)/i.test(authorization);
  const bearer = triedBearer ? /^bearer\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(authorization!) : null;
  if (triedBearer && !bearer) throw oauthError("invalid_request", "Send the access token as `Authorization: Bearer <token>`.");
  const bodyToken = formToken || null;
  if (bearer && bodyToken !== null) throw oauthError("invalid_request", "Send the access token once, not in both the header and the body.");
  return bearer?.[1] ?? bodyToken;
}

export async function userinfo(deps: Pick<Deps, "db" | "keyring" | "clock" | "cache" | "config">, accessToken: string): Promise<{ sub: string } & OidcUserClaims> {
  const presented = await verifyPresentedToken<AccessTokenBody>(deps, accessToken, "Access");
  if (!presented) throw invalidToken("The access token is malformed or its signature is invalid.");
  const { header, application } = presented;
  if (header.exp <= epochSeconds(deps.clock.now())) throw invalidToken("The access token has expired.");
  const scope = header.scope;
  if (!scope || !scopeIncludes(scope, "openid")) throw oauthError("insufficient_scope", "This access token was not granted the openid scope.", 403);
  const session = typeof header.sub === "string" ? await findRefreshContext(deps.db, hashRefreshId(deps.keyring, header.sub)) : null;
  if (!session || session.familyApplicationId !== application.id) throw invalidToken("The session behind this access token does not exist.");
  if (session.familyRevokedAt || session.suspendedAt) throw invalidToken("The session behind this access token has been revoked.");

  const subject = toSessionSubject(session);
  const account = subject.account;
  if (!account) fail("AccountNotFound", { message: "The account no longer exists." });
  assertAccountActive(account);
  const claims = await resolveSessionClaims(deps, { ...subject, account }, session.emailAddress, claimsOfScope(scope));
  return { sub: claims.subject, ...oidcUserClaims(subject, claims) };
}
