// The hosted pages' header: the Sudomimus wordmark (not a link — nothing
// here should lead away from a sign-in in progress), then language and
// theme. Layouts cannot see the query string, so each page passes its own
// path + query as `returnTo`: switching language keeps the exposure key.
import { getTranslations } from "next-intl/server";
import { LocaleSwitcher } from "@/components/locale-switcher";
import { ThemeSwitcher } from "@/components/theme-switcher";
import { Wordmark } from "./wordmark";

export async function ViaHeader({ returnTo }: { returnTo?: string }) {
  const t = await getTranslations("via");
  return (
    <header className="w-full">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-6 gap-y-3 px-4 py-4 sm:px-6">
        <Wordmark />
        {returnTo !== undefined && (
          <div role="group" aria-label={t("preferences")} className="flex flex-wrap items-center gap-x-4 gap-y-2">
            <LocaleSwitcher returnTo={returnTo} />
            <ThemeSwitcher returnTo={returnTo} />
          </div>
        )}
      </div>
    </header>
  );
}
