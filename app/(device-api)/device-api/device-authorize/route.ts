// POST /device-api/device-authorize — start a device session (docs 19–20; device.yaml `deviceAuthorize`).
import { deviceAuthorize, deviceAuthorizeBodySchema } from "@/lib/device/authorize";
import { readJson } from "@/lib/http/body";
import { clientAddress } from "@/lib/http/client-address";
import { json } from "@/lib/http/respond";
import { jsonRoute, otherMethods } from "@/lib/http/route";

export const POST = jsonRoute(async (request, deps) => {
  const { body } = await readJson(request, deviceAuthorizeBodySchema, 4096);
  return json(await deviceAuthorize(deps, body, { address: clientAddress(request) }));
});
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
