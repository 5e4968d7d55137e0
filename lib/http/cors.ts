// Cross-origin access (CORS) for the endpoints browser code calls itself: an
// OIDC public client — a single-page app with no backend (docs 33) — exchanges
// its code at /token, reads /userinfo and fetches discovery and the JWKS; and
// Connect's /info "is safe to call from browsers and untrusted contexts"
// (docs 17), which the SDK's verifyAccessToken calls in browsers too (docs 34).
// The API fast path (lib/server/main.ts) applies what this file decides.
//
// Any origin may call them, always without credentials. That is safe because
// none of them reads a cookie or any other ambient authority: a caller proves
// itself only with what it sends (a code with its PKCE verifier, a bearer
// token), so a page on another origin can do nothing here that it could not
// do from its own server. No Access-Control-Allow-Credentials either: a page
// that sends cookies along gets no answer, as browsers never pair that with `*`.
//
// Nothing else opens: Connect's establish, redeem, refresh and the rest are
// calls of an application backend (it holds the client-auth key or the hidden
// key), /oidc/authorize and /oidc/end-session are browser navigations, not
// fetches, and via and with run on cookies.

/** Route paths as their folders under app/ spell them. */
const CROSS_ORIGIN_ROUTES: ReadonlySet<string> = new Set([
  "/oidc/token",
  "/oidc/userinfo",
  "/oidc/.well-known/openid-configuration",
  "/oidc/.well-known/jwks.json",
  "/connect-api/info",
]);

/** What these endpoints read from a request besides CORS-safelisted headers: a bearer token or Basic client secret, and a JSON or form body. */
const REQUEST_HEADERS = "authorization, content-type";

// The longest Chromium honours; the methods of a route change only with a deploy.
const PREFLIGHT_MAX_AGE_SECONDS = 7200;

export const allowsCrossOrigin = (routePath: string): boolean => CROSS_ORIGIN_ROUTES.has(routePath);

/**
 * Headers on every answer of a cross-origin route, refusals included: without
 * them the browser hides the answer, and the page sees a network error instead
 * of `invalid_grant` or the Bearer challenge.
 */
export const CROSS_ORIGIN_HEADERS: readonly { key: string; value: string }[] = [
  { key: "Access-Control-Allow-Origin", value: "*" },
  // Not CORS-safelisted, so hidden unless listed: userinfo's and the token endpoint's challenge (RFC 6750 §3), and the back-off of a 503.
  { key: "Access-Control-Expose-Headers", value: "WWW-Authenticate, Retry-After" },
];

/** The answer to a preflight (or any OPTIONS) of a cross-origin route serving `methods`. */
export function preflightResponse(methods: readonly string[]): Response {
  return new Response(null, {
    status: 204,
    headers: {
      allow: [...methods, "OPTIONS"].join(", "),
      "access-control-allow-methods": methods.join(", "),
      "access-control-allow-headers": REQUEST_HEADERS,
      "access-control-max-age": String(PREFLIGHT_MAX_AGE_SECONDS),
    },
  });
}
