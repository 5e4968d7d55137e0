// A tab bar of portal pages: plain links (each tab is its own page), the
// current one marked with aria-current. Applications and domains use it.
import Link from "next/link";

export interface Tab {
  href: string;
  label: string;
  active: boolean;
}

export function TabBar({ label, tabs }: { label: string; tabs: readonly Tab[] }) {
  return (
    <nav aria-label={label} className="mt-6 border-b border-slate-200 dark:border-slate-800">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {tabs.map((tab) => (
          <li key={tab.href} className="shrink-0">
            <Link
              href={tab.href}
              aria-current={tab.active ? "page" : undefined}
              className={`inline-block border-b-2 px-3 py-2.5 text-sm font-semibold whitespace-nowrap transition-colors ${
                tab.active
                  ? "border-brand-600 text-brand-700 dark:border-brand-400 dark:text-brand-200"
                  : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900 dark:text-slate-400 dark:hover:border-slate-600 dark:hover:text-white"
              }`}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
