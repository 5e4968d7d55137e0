"use client";

// Translates an action's message key (withAccount.errors.*) with the values
// every message may use, so no key ever renders raw.
import { useTranslations } from "next-intl";

export function useAccountError() {
  const t = useTranslations("withAccount.errors");
  return (key: string, values: Record<string, string | number> = {}) =>
    t.has(key as "unexpected") ? t(key as "unexpected", { max: 60, remaining: 0, ...values }) : t("unexpected");
}
