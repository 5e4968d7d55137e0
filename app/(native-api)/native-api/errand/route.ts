// POST /native-api/errand — an errand on the application's own initiative (docs 31; native.yaml `createErrand`).
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { jsonRoute, otherMethods } from "@/lib/http/route";
import { requestErrand, requestErrandBodySchema } from "@/lib/errand/request-errand";

export const POST = jsonRoute(async (request, deps) => {
  const { body } = await readJson(request, requestErrandBodySchema);
  return json(await requestErrand(deps, body));
});
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
