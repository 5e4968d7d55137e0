// GET /native-api/errand/{errandKey}/status — PENDING, COMPLETED or EXPIRED; a pure read (docs 31; native.yaml `errandStatus`).
import { errandStatus } from "@/lib/errand/errand";
import { json } from "@/lib/http/respond";
import { jsonRoute, otherMethods } from "@/lib/http/route";

export async function GET(request: Request, context: { params: Promise<{ errandKey: string }> }): Promise<Response> {
  const { errandKey } = await context.params;
  return jsonRoute(async (_request, deps) => json(await errandStatus(deps, errandKey)))(request);
}
export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
