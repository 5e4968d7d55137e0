// GET /with/session/end?reason=… — the session names an account that is gone
// (deleted, disabled): forget it and say why on the portal's front page.
import { endPortalSession } from "@/lib/portal/portal-session";
import { portalRoute } from "@/lib/portal/portal-routes";

export const GET = portalRoute(async (deps, _cookies, request) => endPortalSession(deps, request));
