// POST /via/api/errand/complete — missing names and claim decisions; COMPLETED once nothing is owed (docs 31).
import { otherMethods } from "@/lib/http/route";
import { completeErrand, errandCompleteSchema } from "@/lib/errand/errand-actions";
import { viaRoute } from "@/lib/via/route";

export const POST = viaRoute(errandCompleteSchema, (deps, browser, body) => completeErrand(deps, browser, body));
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
