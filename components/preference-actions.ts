"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/locales";
import { isTheme, THEME_COOKIE } from "@/lib/i18n/theme";

const YEAR = 60 * 60 * 24 * 365;

/** Only same-origin paths: a preference form must not become an open redirect. */
function safeReturn(form: FormData): string {
  const returnTo = String(form.get("returnTo") ?? "/");
  return returnTo.startsWith("/") && !returnTo.startsWith("//") && !returnTo.startsWith("/\\") ? returnTo : "/";
}

/** Remembers the chosen language for a year and returns to the same page. */
export async function chooseLocale(form: FormData): Promise<void> {
  const locale = form.get("locale");
  if (isLocale(locale)) (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: YEAR, sameSite: "lax", httpOnly: true });
  redirect(safeReturn(form));
}

/** Remembers the chosen theme (system / light / dark) and returns to the same page. */
export async function chooseTheme(form: FormData): Promise<void> {
  const theme = form.get("theme");
  if (isTheme(theme)) (await cookies()).set(THEME_COOKIE, theme, { path: "/", maxAge: YEAR, sameSite: "lax", httpOnly: true });
  redirect(safeReturn(form));
}
