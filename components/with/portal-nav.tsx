"use client";
// The portal's sections, with the current one marked for sighted users and
// screen readers alike (aria-current). A client component only because the
// layout cannot know the path.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { useTranslations } from "next-intl";

export const PORTAL_SECTIONS = [
  { group: "account", items: ["profile", "sign-in-methods", "privacy", "data-sharing"] },
  { group: "developer", items: ["organizations", "applications", "sectors", "connectors", "domains"] },
] as const;

export function PortalNav() {
  const t = useTranslations("with.nav");
  const pathname = usePathname();
  const nav = useRef<HTMLElement>(null);
  useEffect(() => {
    // On a phone the sections scroll sideways: bring the current one into view.
    nav.current?.querySelector('[aria-current="page"]')?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [pathname]);
  return (
    <nav ref={nav} aria-label={t("label")} className="flex gap-6 overflow-x-auto pb-2 text-sm lg:flex-col lg:gap-8 lg:overflow-visible">
      {PORTAL_SECTIONS.map((section) => (
        <div key={section.group} className="shrink-0">
          <p className="px-3 text-xs font-semibold uppercase tracking-wider text-slate-500 dark:text-slate-400">{t(section.group)}</p>
          <ul className="mt-2 flex gap-1 lg:flex-col">
            {section.items.map((item) => {
              const href = `/with/${item}`;
              const current = pathname === href || pathname.startsWith(`${href}/`);
              return (
                <li key={item}>
                  <Link
                    href={href}
                    aria-current={current ? "page" : undefined}
                    className={`block whitespace-nowrap rounded-lg px-3 py-2 font-medium ${
                      current
                        ? "bg-brand-50 text-brand-700 dark:bg-brand-900/60 dark:text-brand-100"
                        : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
                    }`}
                  >
                    {t(item)}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
