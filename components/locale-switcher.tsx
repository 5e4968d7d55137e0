import { getLocale, getTranslations } from "next-intl/server";
import { LOCALES, LOCALE_NAMES } from "@/lib/i18n/locales";
import { chooseLocale } from "./preference-actions";
import { PreferenceForm } from "./preference-form";

export async function LocaleSwitcher({ returnTo }: { returnTo: string }) {
  const t = await getTranslations("common");
  return (
    <PreferenceForm
      action={chooseLocale}
      returnTo={returnTo}
      id="locale-select"
      name="locale"
      label={t("language")}
      value={await getLocale()}
      options={LOCALES.map((value) => ({ value, label: LOCALE_NAMES[value] }))}
    />
  );
}
