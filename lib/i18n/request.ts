// next-intl request configuration (wired in next.config.ts). URLs carry no
// locale — the docs fix them (`/via?exposure-key=…`) — so the locale comes
// from the visitor's choice (cookie) or their browser's Accept-Language.
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { loadCatalog } from "./catalogs";
import { isLocale, LOCALE_COOKIE, negotiateLocale } from "./locales";

export default getRequestConfig(async () => {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(chosen) ? chosen : negotiateLocale((await headers()).get("accept-language"));
  return { locale, messages: loadCatalog(locale) };
});
