// grant_type=refresh_token (RFC 6749 §6, OIDC Core §12): the same strict
// rotation as Connect's /refresh, in the same session family, bound to the
// client it was issued to. `scope` may narrow the originally granted scope
// for this response (never widen it; the family keeps its grant), and so
// does the client's OIDC rule as it stands now (docs 09). The new
// ID token keeps the original auth_time and carries no nonce. A retired
// client's sessions rotate without sliding, as at Connect (docs 13).
import { rotateSession } from "../../sessions/refresh";
import { toSessionSubject } from "../../sessions/session-subject";
import type { Deps } from "../../runtime";
import type { AuthenticatedClient } from "../client-auth";
import { oauthError } from "../errors";
import { mintIdToken, oidcUserClaims } from "../id-token";
import { formatScope, scopeAllowedNow, scopeIncludes, scopeValues } from "../scope";
import type { TokenResponse } from "../token";

type GrantDeps = Pick<Deps, "db" | "keyring" | "clock" | "cache" | "config">;

export async function refreshTokenGrant(deps: GrantDeps, authenticated: AuthenticatedClient, form: URLSearchParams): Promise<TokenResponse> {
  const refreshToken = form.get("refresh_token");
  if (!refreshToken) throw oauthError("invalid_request", "refresh_token is required.");
  if (!(authenticated.client.allowedScopes as readonly string[]).includes("offline_access")) {
    throw oauthError("unauthorized_client", "This client may not use refresh tokens (offline_access is not allowed).");
  }
  const requested = form.get("scope");
  const { application } = authenticated.context;

  const rotation = await rotateSession(deps, refreshToken, {
    admit(session) {
      if (session.familyApplicationId !== application.id || session.origin !== "OIDC" || !session.oidcScope) {
        throw oauthError("invalid_grant", "The refresh token is not valid for this client.");
      }
      // Layer 3 again at runtime (docs 09), as at the code exchange: a scope the OIDC rule no longer allows
      // leaves the new tokens. openid is always allowed (the rule's schema) and offline_access was checked above.
      const allowedNow = (scope: string) => scopeAllowedNow(scope, authenticated.client.allowedScopes);
      if (requested === null) return { scope: allowedNow(session.oidcScope) };
      const granted = scopeValues(session.oidcScope);
      const wanted = scopeValues(requested);
      const beyond = wanted.filter((scope) => !granted.includes(scope));
      if (wanted.length === 0 || beyond.length > 0) {
        throw oauthError("invalid_scope", `scope may only narrow the granted scope (${session.oidcScope}).`);
      }
      return { scope: allowedNow(formatScope(wanted)) };
    },
  });
  const scope = rotation.scope ?? "";
  const subject = toSessionSubject(rotation.session);
  const idToken = scopeIncludes(scope, "openid")
    ? await mintIdToken(deps, {
        clientId: application.anchor,
        subject: rotation.claims.subject,
        authTime: rotation.session.authTime,
        nonce: null,
        claims: oidcUserClaims(subject, rotation.claims),
      })
    : null;
  return {
    access_token: rotation.accessToken,
    token_type: "Bearer",
    expires_in: rotation.session.accessTokenTtlSeconds,
    ...(idToken ? { id_token: idToken } : {}),
    scope,
    refresh_token: rotation.refreshToken,
  };
}
