// POST /via/api/reason/email — what the typed address may sign in with: the usual methods, or only its domain's IdP (docs 06, 25).
import { z } from "zod";
import { otherMethods } from "@/lib/http/route";
import { reasonEmail } from "@/lib/via/email-reason";
import { viaRoute } from "@/lib/via/route";

const bodySchema = z.strictObject({ exposureKey: z.string(), email: z.string().max(320) });

export const POST = viaRoute(bodySchema, (deps, _browser, body) => reasonEmail(deps, body));
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
