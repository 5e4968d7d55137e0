// Translations outside React (mail, API messages): the same catalogs the
// pages use, through next-intl's framework-free translator.
import { createTranslator } from "next-intl";
import { loadCatalog } from "./catalogs";
import { isLocale, negotiateLocale, type Locale } from "./locales";

/** The closest supported locale for any BCP 47 tag. */
export function supportedLocale(tag: string | null | undefined): Locale {
  return isLocale(tag) ? tag : negotiateLocale(tag);
}

export type Translate = (key: string, values?: Record<string, string | number | Date>) => string;

export function translator(locale: string | null | undefined, namespace: string): Translate {
  const supported = supportedLocale(locale);
  return createTranslator({ locale: supported, messages: loadCatalog(supported), namespace }) as unknown as Translate;
}
