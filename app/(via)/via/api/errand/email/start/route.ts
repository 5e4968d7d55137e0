// POST /via/api/errand/email/start — a code to sign in as the errand's account, or to prove an address to add (docs 31).
import { otherMethods } from "@/lib/http/route";
import { errandEmailStartSchema, startErrandEmailCode } from "@/lib/errand/errand-actions";
import { viaRoute } from "@/lib/via/route";

export const POST = viaRoute(errandEmailStartSchema, (deps, browser, body) => startErrandEmailCode(deps, browser, body));
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
