// POST /via/api/continue — realize as the account already signed in to this browser.
import { z } from "zod";
import { otherMethods } from "@/lib/http/route";
import { viaRoute } from "@/lib/via/route";
import { continueAsSignedIn } from "@/lib/via/session-actions";

export const POST = viaRoute(z.strictObject({ exposureKey: z.string() }), (deps, browser, body) => continueAsSignedIn(deps, browser, body));
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
