// State-changing browser endpoints refuse cross-site requests. SameSite=Lax
// cookies already keep a foreign site's POST from carrying our session; this
// check makes a forged request fail loudly even in browsers that ignore it.
// Lax does not keep a cross-site navigation's answer from setting cookies,
// though: a foreign page's form could still sign a user out. A request with
// neither Origin nor Sec-Fetch-Site (not a browser's) passes.
import { SudomimusError } from "../errors";
import { errorResponse } from "./respond";

/** Why the request is refused as cross-site, or null when it is same-origin (or not from a browser that says). */
function crossSiteMessage(request: Request, publicUrl: string): string | null {
  const expected = new URL(publicUrl).origin;
  const origin = request.headers.get("origin");
  const site = request.headers.get("sec-fetch-site");
  if (origin && origin !== "null" && origin !== expected) return "Cross-origin requests are not accepted.";
  if (site && site !== "same-origin" && site !== "none") return "Cross-site requests are not accepted.";
  return null;
}

export function assertSameOrigin(request: Request, publicUrl: string): void {
  const message = crossSiteMessage(request, publicUrl);
  if (message) throw new SudomimusError("Forbidden", { message });
}

export function isSameOrigin(request: Request, publicUrl: string): boolean {
  return crossSiteMessage(request, publicUrl) === null;
}

/**
 * For the built-in relying parties' route handlers (portal, demo): the 403 a
 * state-changing request from another site gets — before anything ran, so no
 * cookie is touched — or null when it may run. GETs pass: a sign-in starts
 * with a navigation from anywhere.
 */
export function crossSiteRefusal(request: Request, publicUrl: string): Response | null {
  if (request.method === "GET" || request.method === "HEAD") return null;
  const message = crossSiteMessage(request, publicUrl);
  return message ? errorResponse(new SudomimusError("Forbidden", { message })) : null;
}
