// POST /via/api/email/verify — check the code, sign in (registering a new address), realize.
import { z } from "zod";
import { otherMethods } from "@/lib/http/route";
import { verifyEmailCode } from "@/lib/via/email-code";
import { viaRoute } from "@/lib/via/route";

const bodySchema = z.strictObject({ exposureKey: z.string(), challengeId: z.string().max(64), code: z.string().max(32) });

export const POST = viaRoute(bodySchema, (deps, browser, body) => verifyEmailCode(deps, browser, body));
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
