// GET /with/sign-in?return=/with/… — the portal establishes a Connect inquiry and sends the browser to via.
import { portalRelyingParty, safePortalPath } from "@/lib/portal/portal-session";
import { portalRoute } from "@/lib/portal/portal-routes";

export const GET = portalRoute(async (deps, _cookies, request) => {
  const returnTo = safePortalPath(new URL(request.url).searchParams.get("return"));
  const { location, cookie } = await portalRelyingParty.start(deps, returnTo);
  return { location, cookies: [cookie] };
});
