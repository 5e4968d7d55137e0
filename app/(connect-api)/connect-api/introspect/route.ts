// POST /connect-api/introspect — is the session behind an access token alive (docs 30; connect.yaml `introspect`).
import { z } from "zod";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { jsonRoute, otherMethods } from "@/lib/http/route";
import { introspect } from "@/lib/sessions/introspect";

const bodySchema = z.strictObject({ accessToken: z.string().min(1).max(16_384) });

export const POST = jsonRoute(async (request, deps) => {
  const { body } = await readJson(request, bodySchema);
  return json(await introspect(deps, body));
});
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
