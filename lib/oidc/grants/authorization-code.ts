// grant_type=authorization_code (RFC 6749 §4.1.3, RFC 7636 §4.5, OIDC Core
// §3.1.3): the code is good once, for the client it was issued to, with the
// redirect URI it was issued for and the PKCE verifier of its challenge. The
// code's consumption is part of the statement that creates the session; a
// second presentation revokes the session the first one created.
import { consumeAuthorizationCode, findAuthorizationCode } from "@/db/queries/oidc";
import { revokeFamily } from "@/db/queries/sessions";
import { isKey } from "../../crypto/random-key";
import { fail } from "../../errors";
import { assertAccountActive } from "../../identity/accounts";
import type { Deps } from "../../runtime";
import { issueSession } from "../../sessions/issue-session";
import { resolveSessionClaims } from "../../sessions/session-claims";
import { loadSessionSubject } from "../../sessions/session-subject";
import type { AuthenticatedClient } from "../client-auth";
import { CODE_VERIFIER, hashAuthorizationCode, verifierMatches } from "../codes";
import { oauthError } from "../errors";
import { mintIdToken, oidcUserClaims } from "../id-token";
import { claimsOfScope, scopeIncludes, scopeValues } from "../scope";
import type { TokenResponse } from "../token";

type GrantDeps = Pick<Deps, "db" | "keyring" | "clock" | "cache" | "config">;

const badCode = () => oauthError("invalid_grant", "The authorization code is invalid, expired or was issued to another client.");

export async function authorizationCodeGrant(deps: GrantDeps, authenticated: AuthenticatedClient, form: URLSearchParams): Promise<TokenResponse> {
  const code = form.get("code");
  const redirectUri = form.get("redirect_uri");
  const codeVerifier = form.get("code_verifier");
  if (!code) throw oauthError("invalid_request", "code is required.");
  if (!redirectUri) throw oauthError("invalid_request", "redirect_uri is required.");
  if (!codeVerifier) throw oauthError("invalid_request", "code_verifier is required: PKCE is mandatory.");
  if (!isKey("oidcCode", code)) throw badCode();

  const { application } = authenticated.context;
  // Retiring an application makes every login to it fail at once (docs 13); exchanging a code finishes one.
  if (!application.enabled) fail("ApplicationDisabled", { message: "This application is disabled: it accepts no new sign-ins." });
  const codeHash = hashAuthorizationCode(deps.keyring, code);
  const row = await findAuthorizationCode(deps.db, codeHash);
  if (!row || row.applicationId !== application.id) throw badCode();
  const now = deps.clock.now();
  if (row.consumedAt) return replayed(deps, codeHash);
  if (row.expiresAt.getTime() <= now.getTime()) throw badCode();
  if (row.redirectUri !== redirectUri) throw oauthError("invalid_grant", "redirect_uri does not match the authorization request.");
  if (!CODE_VERIFIER.test(codeVerifier) || !verifierMatches(codeVerifier, row.codeChallenge)) {
    throw oauthError("invalid_grant", "code_verifier does not match the code_challenge.");
  }
  // Layer 3 again at runtime (docs 09): the OIDC rule must still allow this redirect URI and scope.
  const { client } = authenticated;
  if (!client.redirectUris.includes(row.redirectUri) || !scopeValues(row.scope).every((scope) => (client.allowedScopes as readonly string[]).includes(scope))) {
    throw oauthError("invalid_grant", "The application no longer allows this redirect URI or scope.");
  }

  const subject = await loadSessionSubject(deps.db, row.accountId, application.id);
  const account = subject?.account;
  if (!subject || !account) fail("AccountNotFound", { message: "The account behind this code no longer exists." });
  assertAccountActive(account);
  const emailAddress = row.loginEmail ?? subject.primaryEmail;
  const claims = await resolveSessionClaims(deps, { ...subject, account }, emailAddress, claimsOfScope(row.scope));
  // Consent may have been revoked between the sign-in and this exchange.
  if (claims.gate) fail(claims.gate, { message: "A required claim is not granted or has no data; the user must sign in again." });

  // Signed before the session exists: a signing failure leaves the code unspent.
  const idToken = scopeIncludes(row.scope, "openid")
    ? await mintIdToken(deps, { clientId: application.anchor, subject: claims.subject, authTime: row.authTime, nonce: row.nonce, claims: oidcUserClaims(subject, claims) })
    : null;
  const ttls = { accessTokenTtlSeconds: row.accessTokenTtlSeconds, refreshTokenTtlSeconds: row.refreshTokenTtlSeconds };
  const issued = await issueSession(
    deps,
    {
      application: subject.application,
      accountId: account.id,
      claims,
      origin: "OIDC",
      authenticationMethod: row.authenticationMethod,
      emailAddress,
      ttls,
      authTime: row.authTime,
      oidcScope: row.scope,
    },
    (familyId) => consumeAuthorizationCode(codeHash, familyId, now),
  );
  if (!issued) {
    // Lost a race with another exchange of this code (or it expired this instant).
    const again = await findAuthorizationCode(deps.db, codeHash);
    if (again?.consumedAt) return replayed(deps, codeHash);
    throw badCode();
  }
  return {
    access_token: issued.accessToken,
    token_type: "Bearer",
    expires_in: ttls.accessTokenTtlSeconds,
    ...(idToken ? { id_token: idToken } : {}),
    scope: row.scope,
    // The refresh token exists either way (it anchors the session); only offline_access hands it out.
    ...(scopeIncludes(row.scope, "offline_access") ? { refresh_token: issued.refreshToken } : {}),
  };
}

/** RFC 6749 §4.1.2: a code used twice is refused, and what it issued is revoked. */
async function replayed(deps: GrantDeps, codeHash: string): Promise<never> {
  const row = await findAuthorizationCode(deps.db, codeHash);
  if (row?.issuedFamilyId) await revokeFamily(deps.db, row.issuedFamilyId, "oidc-code-replay", deps.clock.now());
  throw oauthError("invalid_grant", "The authorization code was already used; the tokens issued for it have been revoked.");
}
