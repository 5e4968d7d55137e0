// POST /connect-api/redeem — three keys for a token pair, once (docs 17–18; connect.yaml `redeem`).
import { z } from "zod";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { jsonRoute, otherMethods } from "@/lib/http/route";
import { redeem } from "@/lib/inquiry/redeem";

const bodySchema = z.strictObject({ exposureKey: z.string(), hiddenKey: z.string(), confirmationKey: z.string() });

export const POST = jsonRoute(async (request, deps) => {
  const { body } = await readJson(request, bodySchema);
  return json(await redeem(deps, body));
});
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
