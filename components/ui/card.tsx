// The centered card every hosted page is built from: an optional badge
// (the application's monogram or a status icon), a title, a lead line, then
// the body. The title is rendered by the caller so a client step can focus it.
import type { ReactNode } from "react";

export function Card({ children, className = "" }: { children: ReactNode; className?: string }) {
  return (
    <section
      className={`w-full rounded-2xl border border-slate-200/80 bg-white px-5 py-8 shadow-xl shadow-slate-900/5 sm:px-10 sm:py-10 dark:border-slate-800 dark:bg-slate-900 dark:shadow-black/30 ${className}`}
    >
      {children}
    </section>
  );
}

export function CardHeader({ badge, title, lead }: { badge?: ReactNode; title: ReactNode; lead?: ReactNode }) {
  return (
    <div className="flex flex-col items-center text-center">
      {badge && <div className="mb-5">{badge}</div>}
      {title}
      {lead && <div className="mt-2 text-[0.9375rem] leading-6 text-slate-600 dark:text-slate-400">{lead}</div>}
    </div>
  );
}

export const cardTitleClasses = "text-2xl font-semibold tracking-tight text-balance wrap-break-word text-slate-900 focus:outline-none dark:text-white";

/** A rounded square with a few letters: the application has no logo here. */
export function Monogram({ name }: { name: string }) {
  const letters = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => Array.from(word)[0]?.toUpperCase() ?? "")
    .join("");
  return (
    <span
      aria-hidden="true"
      className="grid h-14 w-14 place-items-center rounded-2xl bg-gradient-to-br from-brand-500 to-brand-700 text-xl font-semibold text-white shadow-md shadow-brand-900/20 ring-4 ring-brand-100 dark:ring-brand-900/40"
    >
      {letters || "?"}
    </span>
  );
}

/** A round icon badge for status pages (done, ended, cancelled). */
export function StatusBadge({ tone, children }: { tone: "success" | "danger" | "neutral" | "brand"; children: ReactNode }) {
  const tones = {
    success: "bg-emerald-100 text-emerald-700 dark:bg-emerald-950 dark:text-emerald-300",
    danger: "bg-red-100 text-red-700 dark:bg-red-950 dark:text-red-300",
    neutral: "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300",
    brand: "bg-brand-100 text-brand-700 dark:bg-brand-900/50 dark:text-brand-200",
  } as const;
  return (
    <span aria-hidden="true" className={`grid h-14 w-14 place-items-center rounded-full ${tones[tone]}`}>
      {children}
    </span>
  );
}
