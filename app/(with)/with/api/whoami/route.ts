// GET /with/api/whoami — the signed-in With account, for the Sudomimus CLI (docs 03): Bearer access token of `sudomimus-with`.
import { json } from "@/lib/http/respond";
import { jsonRoute, otherMethods } from "@/lib/http/route";
import { whoami } from "@/lib/portal/with-api";

export const GET = jsonRoute(async (request, deps) => json(await whoami(deps, request.headers.get("authorization"))));
export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
