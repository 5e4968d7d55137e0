// The OAuth 2.0 / OpenID Connect error vocabulary (RFC 6749 §4.1.2.1 and
// §5.2, RFC 6750 §3.1, OIDC Core §3.1.2.6). The OIDC surface speaks only
// this; failures raised by shared code (SudomimusError reasons) are
// translated here, once, per endpoint kind.
import { isSudomimusError } from "../errors";

export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "unsupported_response_type"
  | "invalid_scope"
  | "access_denied"
  | "server_error"
  | "temporarily_unavailable"
  | "login_required"
  | "consent_required"
  | "interaction_required"
  | "account_selection_required"
  | "request_not_supported"
  | "request_uri_not_supported"
  | "registration_not_supported"
  | "invalid_token"
  | "insufficient_scope";

export class OAuthError extends Error {
  override name = "OAuthError";
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
    readonly status = 400,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${error}: ${description}`);
  }
}

export const oauthError = (error: OAuthErrorCode, description: string, status = 400, headers: Record<string, string> = {}) =>
  new OAuthError(error, description, status, headers);

/** The descriptions docs 29 fixes for the account cases. */
const ACCOUNT_DESCRIPTIONS: Record<string, string> = {
  AccountDeleted: "Account is deleted",
  AccountDisabled: "Account is disabled",
  AccountNotFound: "Account does not exist",
};

/** At /token, anything the grant's own checks or the session machinery refuse is invalid_grant. */
export function tokenEndpointError(error: unknown): OAuthError | null {
  if (error instanceof OAuthError) return error;
  if (!isSudomimusError(error)) return null;
  if (error.status >= 500) return null;
  // A retired client still authenticates (its tokens live on, docs 13); it may only no longer sign anybody in.
  if (error.reason === "ApplicationDisabled") return oauthError("unauthorized_client", error.publicMessage ?? "This application is disabled.");
  if (error.reason === "RateLimited") return oauthError("temporarily_unavailable", error.publicMessage ?? "Too many requests.", 429, error.headers ?? {});
  return oauthError("invalid_grant", ACCOUNT_DESCRIPTIONS[error.reason] ?? error.publicMessage ?? "The grant is not valid.");
}

/** At /userinfo, a refused session makes the presented token invalid (RFC 6750 §3.1). */
export function userinfoError(error: unknown): OAuthError | null {
  if (error instanceof OAuthError) return error;
  if (!isSudomimusError(error) || error.status >= 500) return null;
  return oauthError("invalid_token", ACCOUNT_DESCRIPTIONS[error.reason] ?? error.publicMessage ?? "The access token is not valid.", 401);
}
