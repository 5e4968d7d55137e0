// POST /via/api/decline — the user cancelled on the consent step; an OIDC relying party or a device is told access_denied.
import { otherMethods } from "@/lib/http/route";
import { declineBodySchema, declineSignIn } from "@/lib/via/decline";
import { viaRoute } from "@/lib/via/route";

export const POST = viaRoute(declineBodySchema, (deps, _browser, body) => declineSignIn(deps, body));
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
