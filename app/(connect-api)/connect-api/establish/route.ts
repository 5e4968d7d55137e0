// POST /connect-api/establish — open an inquiry (docs 17; connect.yaml `establish`).
import { readRawBody } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { jsonRoute, otherMethods } from "@/lib/http/route";
import { establish } from "@/lib/inquiry/establish";

export const POST = jsonRoute(async (request, deps) => {
  const rawBody = await readRawBody(request);
  return json(await establish(deps, { authorization: request.headers.get("authorization"), rawBody }));
});
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
