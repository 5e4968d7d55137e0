// POST /via/api/device/lookup — the typed user code → what the sign-in card needs for its DEVICE inquiry (docs 19).
import { lookupBodySchema, lookupUserCode } from "@/lib/device/lookup";
import { otherMethods } from "@/lib/http/route";
import { viaRoute } from "@/lib/via/route";

export const POST = viaRoute(lookupBodySchema, (deps, browser, body) => lookupUserCode(deps, browser, body));
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
