// POST /connect-api/revoke-all — every session of one user in the calling application (docs 30; connect.yaml `revokeAll`).
import { readRawBody } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { jsonRoute, otherMethods } from "@/lib/http/route";
import { revokeAll } from "@/lib/sessions/revoke-all";

export const POST = jsonRoute(async (request, deps) => {
  const rawBody = await readRawBody(request);
  return json(await revokeAll(deps, { authorization: request.headers.get("authorization"), rawBody }));
});
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
