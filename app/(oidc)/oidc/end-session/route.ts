// GET|POST /oidc/end-session — RP-initiated logout (docs 33 step 5; OpenID Connect RP-Initiated Logout 1.0 §2).
import { otherMethods } from "@/lib/http/route";
import { endSession } from "@/lib/oidc/end-session";
import { browserParameters } from "@/lib/oidc/form";
import { browserSessionKey, clearBrowserSessionCookie, oidcRoute, redirect } from "@/lib/oidc/http";

export const GET = oidcRoute(async (request, deps) => {
  const outcome = await endSession(deps, { params: await browserParameters(request), browserSessionKey: browserSessionKey(request) });
  return redirect(outcome.location, outcome.browserSessionEnded ? [clearBrowserSessionCookie(deps)] : []);
});
export const POST = GET;
export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
