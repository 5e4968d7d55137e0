import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LocaleSwitcher } from "./locale-switcher";
import { ThemeSwitcher } from "./theme-switcher";

export async function SiteHeader({ returnTo }: { returnTo: string }) {
  const t = await getTranslations("common");
  return (
    <header className="border-b border-slate-200 bg-white/80 dark:border-slate-800 dark:bg-slate-950/80">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-4 px-6 py-4">
        <Link href="/" className="flex items-center gap-2 text-lg font-bold tracking-tight">
          <span aria-hidden="true" className="grid h-8 w-8 place-items-center rounded-lg bg-brand-600 text-white">
            S
          </span>
          Sudomimus
        </Link>
        <nav aria-label={t("mainNavigation")} className="flex flex-wrap items-center gap-6 text-sm">
          <Link href="/demo" className="hover:text-brand-600 dark:hover:text-brand-300">
            {t("demo")}
          </Link>
          <Link href="/with" className="hover:text-brand-600 dark:hover:text-brand-300">
            {t("portal")}
          </Link>
          <LocaleSwitcher returnTo={returnTo} />
          <ThemeSwitcher returnTo={returnTo} />
        </nav>
      </div>
    </header>
  );
}
