// The route handlers of /demo share one shape: do the step, then send the
// browser back to /demo (303) with cookies, or with `?error=<reason>`.
import { ConnectApiError } from "../relying-party/connect-client";
import { isSudomimusError } from "../errors";
import { readCookie } from "../http/cookies";
import { getDeps, type Runtime } from "../runtime";
import type { CookieSource } from "./demo-relying-party";

export function demoRoute(step: (deps: Runtime, cookies: CookieSource, request: Request) => Promise<{ location?: string; cookies: string[] }>) {
  return async (request: Request): Promise<Response> => {
    const deps = await getDeps();
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
  };
}
