// POST /via/api/device/decide — approve or deny the device request this browser signed in for (docs 19).
import { decideBodySchema, decideDevice } from "@/lib/device/decide";
import { otherMethods } from "@/lib/http/route";
import { viaRoute } from "@/lib/via/route";

export const POST = viaRoute(decideBodySchema, (deps, browser, body) => decideDevice(deps, browser, body));
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
