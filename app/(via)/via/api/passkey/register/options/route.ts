// POST /via/api/passkey/register/options — WebAuthn creation options for the signed-in account.
import { z } from "zod";
import { otherMethods } from "@/lib/http/route";
import { passkeyRegistrationOptions } from "@/lib/via/passkeys";
import { viaRoute } from "@/lib/via/route";

export const POST = viaRoute(z.strictObject({}), (deps, browser) => passkeyRegistrationOptions(deps, browser));
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
