// POST /with/sign-out — log the portal session out at Connect and end the
// browser's via session too, so "Sign in" afterwards really asks again.
// Another site's POST is refused (403) by portalRoute before anything ends.
import { portalRelyingParty } from "@/lib/portal/portal-session";
import { portalRoute } from "@/lib/portal/portal-routes";
import { browserFromRequest, clearSessionCookie } from "@/lib/via/browser";
import { signOut } from "@/lib/via/session-actions";

export const POST = portalRoute(async (deps, cookies, request) => {
  const cleared = await portalRelyingParty.signOut(deps, cookies);
  await signOut(deps, browserFromRequest(request, deps.config, "en-US"));
  return { location: "/with?signed-out=1", cookies: [cleared, clearSessionCookie(deps.config)] };
});
