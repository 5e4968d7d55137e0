// POST /connect-api/refresh — strict refresh-token rotation (docs 30; connect.yaml `refresh`).
import { z } from "zod";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { jsonRoute, otherMethods } from "@/lib/http/route";
import { refresh } from "@/lib/sessions/refresh";

const bodySchema = z.strictObject({ refreshToken: z.string().min(1).max(16_384) });

export const POST = jsonRoute(async (request, deps) => {
  const { body } = await readJson(request, bodySchema);
  return json(await refresh(deps, body));
});
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
