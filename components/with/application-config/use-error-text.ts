"use client";
// Translates a configuration action's message key (the portal envelope's
// shared keys, withApplication.common.errors); a key this catalog does not
// carry reads as the unknown failure, so no key ever renders raw.
import { useTranslations } from "next-intl";

export function useErrorText() {
  const t = useTranslations("withApplication.common.errors");
  return (key: string | undefined) => (key && t.has(key) ? t(key) : t("unexpected"));
}
