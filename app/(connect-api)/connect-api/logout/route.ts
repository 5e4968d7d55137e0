// POST /connect-api/logout — revoke one session, idempotently (docs 30; connect.yaml `logout`).
import { z } from "zod";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { jsonRoute, otherMethods } from "@/lib/http/route";
import { logout } from "@/lib/sessions/logout";

const bodySchema = z.strictObject({ refreshToken: z.string().min(1).max(16_384) });

export const POST = jsonRoute(async (request, deps) => {
  const { body } = await readJson(request, bodySchema);
  return json(await logout(deps, body));
});
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
