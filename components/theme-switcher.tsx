// Light, dark, or the system's setting — stored in a cookie so the server
// renders the right theme on the first paint (no flash, no inline script).
import { cookies } from "next/headers";
import { getTranslations } from "next-intl/server";
import { isTheme, THEME_COOKIE, THEMES } from "@/lib/i18n/theme";
import { chooseTheme } from "./preference-actions";
import { PreferenceForm } from "./preference-form";

export async function ThemeSwitcher({ returnTo }: { returnTo: string }) {
  const t = await getTranslations("common");
  const stored = (await cookies()).get(THEME_COOKIE)?.value;
  return (
    <PreferenceForm
      action={chooseTheme}
      returnTo={returnTo}
      id="theme-select"
      name="theme"
      label={t("theme")}
      value={isTheme(stored) ? stored : "system"}
      options={THEMES.map((value) => ({ value, label: t(`themes.${value}`) }))}
    />
  );
}
