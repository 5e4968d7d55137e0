// The browser navigations of an upstream round trip (Steam OpenID, federation
// IdPs) as route handlers: whatever happens, the answer is a redirect that
// keeps the cookies the step set (browser binding, via session). An expected
// refusal (a SudomimusError) goes to the fallback the route names — a page
// that shows what is true — never to an error page.
import { isUnstorableText } from "@/db/unstorable-text";
import { isSudomimusError } from "../errors";
import { negotiateLocale } from "../i18n/locales";
import { getDeps, type Runtime } from "../runtime";
import { browserFromRequest, type Browser } from "./browser";

export function browserRedirectRoute(
  step: (deps: Runtime, browser: Browser, url: URL) => Promise<string>,
  fallback: (deps: Runtime, url: URL) => string,
) {
  return async (request: Request): Promise<Response> => {
    const deps = await getDeps();
    const browser = browserFromRequest(request, deps.config, negotiateLocale(request.headers.get("accept-language")));
    const url = new URL(request.url);
    let location: string;
    try {
      location = await step(deps, browser, url);
    } catch (error) {
      // Text the database cannot store (U+0000, e.g. in a query parameter) is a refusal too, not a 500.
      if (!isSudomimusError(error) && !isUnstorableText(error)) throw error;
      location = fallback(deps, url);
    }
    const response = new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
    for (const cookie of browser.setCookies) response.headers.append("set-cookie", cookie);
    return response;
  };
}
