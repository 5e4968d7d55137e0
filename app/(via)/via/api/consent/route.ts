// POST /via/api/consent — record claim decisions (and missing profile data), then realize (docs 12).
import { otherMethods } from "@/lib/http/route";
import { consentBodySchema, submitConsent } from "@/lib/via/consent";
import { viaRoute } from "@/lib/via/route";

export const POST = viaRoute(consentBodySchema, (deps, browser, body) => submitConsent(deps, browser, body));
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
