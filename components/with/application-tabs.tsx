// The tab bar of an application's pages: overview, then the four
// configuration tabs. Plain links (each tab is its own page), the current one
// marked with aria-current.
import Link from "next/link";
import { useTranslations } from "next-intl";

export type ApplicationTab = "overview" | "rules" | "claims" | "access-keys" | "oidc";

const TABS: ReadonlyArray<{ tab: ApplicationTab; label: "overview" | "rules" | "claims" | "accessKeys" | "oidc" }> = [
  { tab: "overview", label: "overview" },
  { tab: "rules", label: "rules" },
  { tab: "claims", label: "claims" },
  { tab: "access-keys", label: "accessKeys" },
  { tab: "oidc", label: "oidc" },
];

export function ApplicationTabs({ anchor, current }: { anchor: string; current: ApplicationTab }) {
  const t = useTranslations("withDeveloper.tabs");
  const base = `/with/applications/${encodeURIComponent(anchor)}`;
  return (
    <nav aria-label={t("label")} className="mt-6 border-b border-slate-200 dark:border-slate-800">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {TABS.map(({ tab, label }) => {
          const active = tab === current;
          return (
            <li key={tab} className="shrink-0">
              <Link
                href={tab === "overview" ? base : `${base}/${tab}`}
                aria-current={active ? "page" : undefined}
                className={`inline-block border-b-2 px-3 py-2.5 text-sm font-semibold whitespace-nowrap transition-colors ${
                  active
                    ? "border-brand-600 text-brand-700 dark:border-brand-400 dark:text-brand-200"
                    : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900 dark:text-slate-400 dark:hover:border-slate-600 dark:hover:text-white"
                }`}
              >
                {t(label)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
