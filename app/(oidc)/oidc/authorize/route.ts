// GET|POST /oidc/authorize — the authorization request (docs 33 step 1; OIDC Core §3.1.2).
import { otherMethods } from "@/lib/http/route";
import { authorize } from "@/lib/oidc/authorize";
import { postedAsGet, queryParameters } from "@/lib/oidc/form";
import { browserSessionKey, oidcRoute, redirect } from "@/lib/oidc/http";
import { oidcEndpoints } from "@/lib/oidc/issuer";
import { problemPagePath } from "@/lib/oidc/problems";

export const GET = oidcRoute(async (request, deps) => {
  const outcome = await authorize(deps, { params: queryParameters(request), browserSessionKey: browserSessionKey(request) });
  return redirect(outcome.kind === "redirect" ? outcome.location : `${deps.config.publicUrl}${problemPagePath(outcome.problem)}`);
});
// A POSTed request is answered as its GET, which carries the via session cookie.
export const POST = oidcRoute(async (request, deps) => redirect(await postedAsGet(request, oidcEndpoints(deps.config).authorization)));
export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
