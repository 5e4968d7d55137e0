// GET|POST /oidc/end-session — RP-initiated logout (docs 33 step 5; OpenID Connect RP-Initiated Logout 1.0 §2).
import { otherMethods } from "@/lib/http/route";
import { endSession } from "@/lib/oidc/end-session";
import { postedAsGet, queryParameters } from "@/lib/oidc/form";
import { browserSessionKey, clearBrowserSessionCookie, oidcRoute, redirect } from "@/lib/oidc/http";
import { oidcEndpoints } from "@/lib/oidc/issuer";

export const GET = oidcRoute(async (request, deps) => {
  const outcome = await endSession(deps, { params: queryParameters(request), browserSessionKey: browserSessionKey(request) });
  return redirect(outcome.location, outcome.browserSessionEnded ? [clearBrowserSessionCookie(deps)] : []);
});
// A POSTed logout is answered as its GET, which carries the via session cookie it must end.
export const POST = oidcRoute(async (request, deps) => redirect(await postedAsGet(request, oidcEndpoints(deps.config).endSession)));
export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
