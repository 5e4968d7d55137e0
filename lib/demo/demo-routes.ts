// The route handlers of /demo share one shape: do the step, then send the
// browser back to /demo (303) with cookies, or with `?error=<reason>`. A
// state-changing request (any but GET) from another site is refused (403)
// before the step runs: no foreign page may sign the demo in or out.
import { ConnectApiError } from "../relying-party/connect-client";
import { isSudomimusError } from "../errors";
import { readCookie } from "../http/cookies";
import { crossSiteRefusal } from "../http/same-origin";
import { getDeps, type Deps, type Runtime } from "../runtime";
import type { CookieSource } from "./demo-relying-party";

type DemoStep<D> = (deps: D, cookies: CookieSource, request: Request) => Promise<{ location?: string; cookies: string[] }>;

export function demoRoute(step: DemoStep<Runtime>) {
  return async (request: Request): Promise<Response> => runDemoStep(await getDeps(), request, step);
}

/** What demoRoute answers, given the server's dependencies. */
export async function runDemoStep<D extends Pick<Deps, "config" | "log">>(deps: D, request: Request, step: DemoStep<D>): Promise<Response> {
  const refused = crossSiteRefusal(request, deps.config.publicUrl);
  if (refused) return refused;
  const back = new URL("/demo", deps.config.publicUrl);
  const headers = new Headers();
  try {
    const result = await step(deps, { get: (name) => readCookie(request, name) }, request);
    for (const cookie of result.cookies) headers.append("set-cookie", cookie);
    headers.set("location", result.location ?? back.toString());
  } catch (error) {
    const reason = error instanceof ConnectApiError ? (error.reason ?? `HTTP${error.status}`) : isSudomimusError(error) ? error.reason : "InternalError";
    if (!(error instanceof ConnectApiError) && !isSudomimusError(error)) deps.log.error("demo step failed", { error: String(error) });
    back.searchParams.set("error", reason);
    headers.set("location", back.toString());
  }
  return new Response(null, { status: 303, headers });
}
