// What the provider tells the user on its own page instead of redirecting:
// a request whose client or redirect URI cannot be trusted (RFC 6749
// §4.1.2.1 forbids sending the browser there), or an end-session request it
// cannot honour. Only these fixed names travel in the URL — nothing the
// request carried is echoed back.
export const OIDC_PAGE_PROBLEMS = [
  "missing-client-id",
  "unknown-client",
  "client-disabled",
  "not-an-oidc-client",
  "missing-redirect-uri",
  "redirect-uri-mismatch",
  "duplicate-parameter",
  "invalid-id-token-hint",
  "logout-client-mismatch",
  "logout-client-unknown",
  "post-logout-redirect-uri-mismatch",
] as const;
export type OidcPageProblem = (typeof OIDC_PAGE_PROBLEMS)[number];

export function isOidcPageProblem(value: unknown): value is OidcPageProblem {
  return typeof value === "string" && (OIDC_PAGE_PROBLEMS as readonly string[]).includes(value);
}

export const problemPagePath = (problem: OidcPageProblem) => `/oidc/error?problem=${problem}`;
export const SIGNED_OUT_PAGE_PATH = "/oidc/signed-out";
