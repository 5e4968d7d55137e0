// The portal's session route handlers share one shape: do the step, then send
// the browser on (303) with cookies — or back to the portal's front page with
// `?ended=<reason>` when the step could not be done. A state-changing request
// (any but GET) from another site is refused (403) before the step runs and
// touches no cookie: SameSite=Lax does not stop a foreign page's form
// navigation from applying our Set-Cookie, so any site could sign users out.
import { ConnectApiError } from "../relying-party/connect-client";
import { isSudomimusError } from "../errors";
import { readCookie } from "../http/cookies";
import { crossSiteRefusal } from "../http/same-origin";
import { getDeps, type Deps, type Runtime } from "../runtime";
import type { CookieSource } from "../relying-party/rp-session";

export interface PortalStep {
  location: string;
  cookies: string[];
}

type StepDeps = Pick<Deps, "config" | "log">;

export function portalRoute(step: (deps: Runtime, cookies: CookieSource, request: Request) => Promise<PortalStep>) {
  return async (request: Request): Promise<Response> => runPortalStep(await getDeps(), request, step);
}

/** What portalRoute answers, given the server's dependencies. */
export async function runPortalStep<D extends StepDeps>(
  deps: D,
  request: Request,
  step: (deps: D, cookies: CookieSource, request: Request) => Promise<PortalStep>,
): Promise<Response> {
  const refused = crossSiteRefusal(request, deps.config.publicUrl);
  if (refused) return refused;
  const headers = new Headers();
  try {
    const result = await step(deps, { get: (name) => readCookie(request, name) }, request);
    for (const cookie of result.cookies) headers.append("set-cookie", cookie);
    headers.set("location", new URL(result.location, deps.config.publicUrl).toString());
  } catch (error) {
    const reason = error instanceof ConnectApiError ? (error.reason ?? `HTTP${error.status}`) : isSudomimusError(error) ? error.reason : "InternalError";
    if (!(error instanceof ConnectApiError) && !isSudomimusError(error)) deps.log.error("portal step failed", { error: String(error) });
    const back = new URL("/with", deps.config.publicUrl);
    back.searchParams.set("ended", reason);
    headers.set("location", back.toString());
  }
  headers.set("cache-control", "no-store");
  return new Response(null, { status: 303, headers });
}
