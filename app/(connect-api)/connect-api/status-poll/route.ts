// POST /connect-api/status-poll — PENDING or REALIZED + confirmationKey (docs 32; connect.yaml `statusPoll`).
import { z } from "zod";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { jsonRoute, otherMethods } from "@/lib/http/route";
import { statusPoll } from "@/lib/inquiry/status-poll";

const bodySchema = z.strictObject({ exposureKey: z.string(), hiddenKey: z.string() });

export const POST = jsonRoute(async (request, deps) => {
  const { body } = await readJson(request, bodySchema);
  return json(await statusPoll(deps, body));
});
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
