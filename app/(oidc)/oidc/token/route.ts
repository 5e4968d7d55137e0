// POST /oidc/token — authorization_code and refresh_token grants (docs 33 steps 2 and 4; RFC 6749 §3.2).
import { otherMethods } from "@/lib/http/route";
import { tokenEndpointError } from "@/lib/oidc/errors";
import { readForm } from "@/lib/oidc/form";
import { oauthJson, oidcRoute } from "@/lib/oidc/http";
import { exchangeToken } from "@/lib/oidc/token";

export const POST = oidcRoute(async (request, deps) => {
  const form = await readForm(request);
  return oauthJson(await exchangeToken(deps, { authorization: request.headers.get("authorization"), form }));
}, tokenEndpointError);
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
