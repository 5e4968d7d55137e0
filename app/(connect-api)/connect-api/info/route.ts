// POST /connect-api/info — public, localized application metadata (docs 17; connect.yaml `info`).
import { z } from "zod";
import { applicationInfo } from "@/lib/applications/info";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { jsonRoute, otherMethods } from "@/lib/http/route";

const bodySchema = z.strictObject({ applicationAnchor: z.string().max(64), locale: z.string().min(1).max(35) });

export const POST = jsonRoute(async (request, deps) => {
  const { body } = await readJson(request, bodySchema);
  return json(await applicationInfo(deps, body));
});
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
