// Answers to the relying party at its redirect URI (RFC 6749 §4.1.2, query
// response mode), always with `iss` (RFC 9207) so a client talking to several
// providers can tell which one answered. The registered URI's own query
// parameters are kept.
import type { OAuthErrorCode } from "./errors";

function withParameters(redirectUri: string, parameters: Record<string, string | null>): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(parameters)) if (value !== null) url.searchParams.set(name, value);
  return url.toString();
}

export function codeResponse(redirectUri: string, values: { code: string; state: string | null; issuer: string }): string {
  return withParameters(redirectUri, { code: values.code, state: values.state, iss: values.issuer });
}

export function errorResponseUrl(
  redirectUri: string,
  values: { error: OAuthErrorCode; description: string; state: string | null; issuer: string },
): string {
  return withParameters(redirectUri, { error: values.error, error_description: values.description, state: values.state, iss: values.issuer });
}
