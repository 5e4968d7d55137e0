// POST /native-api/direct-issue/access-key — an AccessKey for tokens (docs 32; native.yaml `directIssueAccessKey`).
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { jsonRoute, otherMethods } from "@/lib/http/route";
import { accessKeyBodySchema, directIssueAccessKey } from "@/lib/native/access-key-direct";

export const POST = jsonRoute(async (request, deps) => {
  const { body } = await readJson(request, accessKeyBodySchema);
  return json(await directIssueAccessKey(deps, body));
});
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
