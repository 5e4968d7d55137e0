// POST /via/api/passkey/sign-in/verify — verify the assertion, sign in, realize.
import { z } from "zod";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { otherMethods } from "@/lib/http/route";
import { passkeySignInVerify } from "@/lib/via/passkeys";
import { viaRoute } from "@/lib/via/route";

const bodySchema = z.strictObject({
  exposureKey: z.string(),
  challengeId: z.string().max(64),
  response: z.looseObject({ id: z.string().max(1024), rawId: z.string().max(1024), type: z.literal("public-key") }),
});

export const POST = viaRoute(bodySchema, (deps, browser, body) =>
  passkeySignInVerify(deps, browser, { ...body, response: body.response as unknown as AuthenticationResponseJSON }),
);
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
