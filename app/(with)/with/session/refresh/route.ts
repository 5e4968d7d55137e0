// GET /with/session/refresh?return=/with/… — pages cannot set cookies, so an
// expired access token sends the browser here: refresh (strict rotation), then back.
import { portalRelyingParty, refreshPortalSession, safePortalPath } from "@/lib/portal/portal-session";
import { portalRoute } from "@/lib/portal/portal-routes";

export const GET = portalRoute(async (deps, cookies, request) => {
  const returnTo = safePortalPath(new URL(request.url).searchParams.get("return"));
  const session = portalRelyingParty.session(deps, cookies);
  if (!session) return { location: `/with/sign-in?return=${encodeURIComponent(returnTo)}`, cookies: [] };
  const refreshed = await refreshPortalSession(deps, session);
  if (refreshed.state.kind === "signed-in") return { location: returnTo, cookies: [refreshed.cookie] };
  const reason = refreshed.reason ?? (refreshed.state.kind === "gone" ? refreshed.state.reason : "SessionEnded");
  return { location: `/with?ended=${encodeURIComponent(reason)}`, cookies: [portalRelyingParty.clearSession(deps)] };
});
