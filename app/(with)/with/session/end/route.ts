// GET /with/session/end?reason=… — the session names an account that is gone
// (deleted, disabled): forget it and say why on the portal's front page.
import { portalRelyingParty } from "@/lib/portal/portal-session";
import { portalRoute } from "@/lib/portal/portal-routes";

const REASONS = new Set(["AccountDeleted", "AccountDisabled", "AccountNotFound"]);

export const GET = portalRoute(async (deps, _cookies, request) => {
  const reason = new URL(request.url).searchParams.get("reason") ?? "";
  const location = REASONS.has(reason) ? `/with?ended=${reason}` : "/with";
  return { location, cookies: [portalRelyingParty.clearSession(deps)] };
});
