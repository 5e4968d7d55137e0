// POST /via/api/errand/email/verify — check the code: sign in, or add the proven address to the account; answers the errand view.
import { otherMethods } from "@/lib/http/route";
import { errandEmailVerifySchema, verifyErrandEmailCode } from "@/lib/errand/errand-actions";
import { viaRoute } from "@/lib/via/route";

export const POST = viaRoute(errandEmailVerifySchema, (deps, browser, body) => verifyErrandEmailCode(deps, browser, body));
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
