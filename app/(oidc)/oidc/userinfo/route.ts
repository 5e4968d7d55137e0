// GET|POST /oidc/userinfo — the signed-in user's claims for a Bearer access token (docs 33 step 3; OIDC Core §5.3).
import { otherMethods } from "@/lib/http/route";
import { OAuthError, userinfoError } from "@/lib/oidc/errors";
import { isFormRequest, readForm } from "@/lib/oidc/form";
import { oauthJson, oidcRoute } from "@/lib/oidc/http";
import { bearerChallenge, bearerTokenRequired, presentedAccessToken, userinfo } from "@/lib/oidc/userinfo";

// RFC 6750 §3: every refusal carries a Bearer challenge.
const withChallenge = (error: unknown): OAuthError | null => {
  const known = userinfoError(error);
  return known && new OAuthError(known.error, known.description, known.status, { ...known.headers, "www-authenticate": bearerChallenge(known) });
};

const handler = (readsBody: boolean) =>
  oidcRoute(async (request, deps) => {
    const formToken = readsBody && isFormRequest(request) ? (await readForm(request)).get("access_token") : null;
    const token = presentedAccessToken(request.headers.get("authorization"), formToken);
    if (token === null) return bearerTokenRequired();
    return oauthJson(await userinfo(deps, token));
  }, withChallenge);

export const GET = handler(false);
export const POST = handler(true);
export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
