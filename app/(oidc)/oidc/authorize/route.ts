// GET|POST /oidc/authorize — the authorization request (docs 33 step 1; OIDC Core §3.1.2).
import { otherMethods } from "@/lib/http/route";
import { authorize } from "@/lib/oidc/authorize";
import { browserParameters } from "@/lib/oidc/form";
import { browserSessionKey, oidcRoute, redirect } from "@/lib/oidc/http";
import { problemPagePath } from "@/lib/oidc/problems";

export const GET = oidcRoute(async (request, deps) => {
  const outcome = await authorize(deps, { params: await browserParameters(request), browserSessionKey: browserSessionKey(request) });
  return redirect(outcome.kind === "redirect" ? outcome.location : `${deps.config.publicUrl}${problemPagePath(outcome.problem)}`);
});
export const POST = GET;
export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
