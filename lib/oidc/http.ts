// The OIDC surface's HTTP edge: JSON answers that are never cached (RFC 6749
// §5.1), errors in the OAuth vocabulary, redirects, and the via session
// cookie the browser endpoints read. Route files stay one call each.
import { isUnstorableText } from "@/db/unstorable-text";
import { readCookie } from "../http/cookies";
import { json, UNSTORABLE_TEXT_MESSAGE } from "../http/respond";
import { jsonRoute, type Handler } from "../http/route";
import type { Logger } from "../log";
import type { Runtime } from "../runtime";
import { clearSessionCookie, SESSION_COOKIE } from "../via/browser";
import { OAuthError, oauthError } from "./errors";

const NO_CACHE = { pragma: "no-cache" };

export function oauthJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return json(body, status, { ...NO_CACHE, ...headers });
}

export function oauthErrorResponse(error: OAuthError): Response {
  return oauthJson({ error: error.error, error_description: error.description }, error.status, error.headers);
}

/**
 * A JSON endpoint of the OIDC surface. `translate` turns failures raised by
 * shared code into this endpoint's OAuth error (null: unexpected → 500).
 */
export function oidcRoute(handler: Handler, translate: (error: unknown) => OAuthError | null = (error) => (error instanceof OAuthError ? error : null)) {
  return jsonRoute(handler, (error, deps) => {
    const known = translate(error);
    if (known) return oauthErrorResponse(known);
    // Text the database cannot store (U+0000) that got past the parameter checks is still a malformed request (RFC 6749 §5.2).
    if (isUnstorableText(error)) return oauthErrorResponse(oauthError("invalid_request", UNSTORABLE_TEXT_MESSAGE));
    logUnexpected(deps?.log, error);
    return oauthErrorResponse(oauthError("server_error", "The request could not be processed.", 500));
  });
}

function logUnexpected(log: Logger | undefined, error: unknown): void {
  log?.error("unexpected error", { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}

/** A browser redirect (303: a POSTed form must not be re-posted to the target). */
export function redirect(location: string, setCookies: string[] = []): Response {
  const headers = new Headers({ location, "cache-control": "no-store" });
  for (const cookie of setCookies) headers.append("set-cookie", cookie);
  return new Response(null, { status: 303, headers });
}

/** The via browser-session key this browser carries (validated by lib/via). */
export const browserSessionKey = (request: Request) => readCookie(request, SESSION_COOKIE);

export const clearBrowserSessionCookie = (deps: Pick<Runtime, "config">) => clearSessionCookie(deps.config);
