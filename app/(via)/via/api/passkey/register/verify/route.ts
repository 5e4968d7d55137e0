// POST /via/api/passkey/register/verify — store the new passkey on the signed-in account.
import { z } from "zod";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { otherMethods } from "@/lib/http/route";
import { passkeyRegistrationVerify } from "@/lib/via/passkeys";
import { viaRoute } from "@/lib/via/route";

const bodySchema = z.strictObject({
  challengeId: z.string().max(64),
  label: z.string().max(60).optional(),
  response: z.looseObject({ id: z.string().max(1024), rawId: z.string().max(1024), type: z.literal("public-key") }),
});

export const POST = viaRoute(bodySchema, (deps, browser, body) =>
  passkeyRegistrationVerify(deps, browser, { ...body, response: body.response as unknown as RegistrationResponseJSON }),
);
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
