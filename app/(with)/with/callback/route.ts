// GET /with/callback?exposure-key=…&confirmation-key=… — redeem the three keys into the portal session.
import { portalRelyingParty, safePortalPath } from "@/lib/portal/portal-session";
import { portalRoute } from "@/lib/portal/portal-routes";

export const GET = portalRoute(async (deps, cookies, request) => {
  const result = await portalRelyingParty.finish(deps, cookies, new URL(request.url).searchParams);
  return { location: safePortalPath(result.returnTo), cookies: result.cookies };
});
