// POST /via/api/email/start — send a one-time code to an address (docs 06 EMAIL_VERIFICATION).
import { z } from "zod";
import { otherMethods } from "@/lib/http/route";
import { startEmailCode } from "@/lib/via/email-code";
import { viaRoute } from "@/lib/via/route";

const bodySchema = z.strictObject({ exposureKey: z.string(), email: z.string().max(320) });

export const POST = viaRoute(bodySchema, (deps, browser, body) => startEmailCode(deps, browser, body));
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
