// POST /via/api/sign-out — end this browser's session on via.
import { z } from "zod";
import { otherMethods } from "@/lib/http/route";
import { clearSessionCookie } from "@/lib/via/browser";
import { viaRoute } from "@/lib/via/route";
import { signOut } from "@/lib/via/session-actions";

export const POST = viaRoute(z.strictObject({}), async (deps, browser) => {
  await signOut(deps, browser);
  browser.setCookies.push(clearSessionCookie(deps.config));
  return { signedOut: true };
});
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
