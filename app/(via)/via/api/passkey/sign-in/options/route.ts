// POST /via/api/passkey/sign-in/options — WebAuthn request options (usernameless, or email-first with `email`).
import { z } from "zod";
import { otherMethods } from "@/lib/http/route";
import { passkeySignInOptions } from "@/lib/via/passkeys";
import { viaRoute } from "@/lib/via/route";

const bodySchema = z.strictObject({ exposureKey: z.string(), email: z.string().max(320).optional() });

export const POST = viaRoute(bodySchema, (deps, browser, body) => passkeySignInOptions(deps, browser, body));
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
