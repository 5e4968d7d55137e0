// The wrapper of via's JSON endpoints (called by the sign-in pages'
// scripts): same-origin only, body validated, the browser's binding and
// session cookies read and refreshed on every answer — errors included.
import type { z } from "zod";
import { readCookie } from "../http/cookies";
import { readJson } from "../http/body";
import { errorResponse, json } from "../http/respond";
import { jsonRoute } from "../http/route";
import { assertSameOrigin } from "../http/same-origin";
import { isLocale, LOCALE_COOKIE, negotiateLocale } from "../i18n/locales";
import type { Runtime } from "../runtime";
import { browserFromRequest, type Browser } from "./browser";

export function viaRoute<T>(schema: z.ZodType<T>, handler: (deps: Runtime, browser: Browser, body: T) => Promise<unknown>) {
  return jsonRoute(async (request, deps) => {
    const chosen = readCookie(request, LOCALE_COOKIE);
    const locale = isLocale(chosen) ? chosen : negotiateLocale(request.headers.get("accept-language"));
    const browser = browserFromRequest(request, deps.config, locale);
    let response: Response;
    try {
      assertSameOrigin(request, deps.config.publicUrl);
      const { body } = await readJson(request, schema, 32 * 1024);
      response = json((await handler(deps, browser, body)) ?? { ok: true });
    } catch (error) {
      response = errorResponse(error, deps.log);
    }
    for (const cookie of browser.setCookies) response.headers.append("set-cookie", cookie);
    return response;
  });
}
