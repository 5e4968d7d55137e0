// POST /with/confirm — "Confirm it's you": adding a way into the account,
// erasing it, or a new key, secret or access key for an application needs a
// recent sign-in on this browser (lib/via/browser-session). This ends the
// browser's via session, so via really asks again, and signs in to the portal
// anew, coming back to the page the form names. The portal session stays until
// the new sign-in replaces it: giving up halfway leaves the user signed in.
import { portalRelyingParty, safePortalPath } from "@/lib/portal/portal-session";
import { portalRoute } from "@/lib/portal/portal-routes";
import { browserFromRequest, clearSessionCookie } from "@/lib/via/browser";
import { signOut } from "@/lib/via/session-actions";

export const POST = portalRoute(async (deps, _cookies, request) => {
  const form = await request.formData().catch(() => null);
  const returnTo = safePortalPath(typeof form?.get("return") === "string" ? String(form.get("return")) : null);
  await signOut(deps, browserFromRequest(request, deps.config, "en-US"));
  const { location, cookie } = await portalRelyingParty.start(deps, returnTo);
  return { location, cookies: [cookie, clearSessionCookie(deps.config)] };
});
