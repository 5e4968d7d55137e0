// POST /device-api/device-token — poll, and once approved consume the session for a token pair (docs 19–20; device.yaml `deviceToken`).
import { deviceToken, deviceTokenBodySchema } from "@/lib/device/token";
import { deviceTokenFailure, deviceTokenResponse } from "@/lib/device/token-response";
import { readJson } from "@/lib/http/body";
import { jsonRoute, otherMethods } from "@/lib/http/route";

export const POST = jsonRoute(
  async (request, deps) => {
    const { body } = await readJson(request, deviceTokenBodySchema, 4096);
    return deviceTokenResponse(await deviceToken(deps, body));
  },
  (error, deps) => deviceTokenFailure(error, deps?.log),
);
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
