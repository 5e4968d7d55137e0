// The building blocks every portal page is made of, so pages look alike: a
// page header (title, one line of what the page is for, optional actions), a
// panel (a titled section), an empty state and a notice.
import type { ReactNode } from "react";

export function PageHeader({ title, lead, actions }: { title: ReactNode; lead?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-4">
      <div className="min-w-0">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900 wrap-break-word dark:text-white">{title}</h1>
        {lead && <p className="mt-1 max-w-2xl text-slate-600 dark:text-slate-400">{lead}</p>}
      </div>
      {actions && <div className="flex shrink-0 flex-wrap gap-2">{actions}</div>}
    </div>
  );
}

export function Panel({ title, lead, id, children, tone = "default" }: { title: ReactNode; lead?: ReactNode; id?: string; children: ReactNode; tone?: "default" | "danger" }) {
  const border = tone === "danger" ? "border-red-200 dark:border-red-900" : "border-slate-200 dark:border-slate-800";
  return (
    <section aria-labelledby={id} className={`mt-8 rounded-2xl border bg-white p-5 shadow-sm sm:p-6 dark:bg-slate-900 ${border}`}>
      <h2 id={id} className={`text-lg font-semibold ${tone === "danger" ? "text-red-700 dark:text-red-300" : "text-slate-900 dark:text-white"}`}>
        {title}
      </h2>
      {lead && <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{lead}</p>}
      <div className="mt-5">{children}</div>
    </section>
  );
}

export function EmptyState({ title, body, action }: { title: ReactNode; body?: ReactNode; action?: ReactNode }) {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 px-6 py-10 text-center dark:border-slate-700">
      <p className="font-semibold text-slate-900 dark:text-white">{title}</p>
      {body && <p className="mx-auto mt-1 max-w-md text-sm text-slate-600 dark:text-slate-400">{body}</p>}
      {action && <div className="mt-5 flex justify-center">{action}</div>}
    </div>
  );
}

export function Notice({ tone = "info", children }: { tone?: "info" | "success" | "warning" | "danger"; children: ReactNode }) {
  const tones = {
    info: "border-brand-200 bg-brand-50 text-brand-900 dark:border-brand-800 dark:bg-brand-900/30 dark:text-brand-100",
    success: "border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100",
    warning: "border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100",
    danger: "border-red-200 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100",
  } as const;
  return (
    <div role={tone === "danger" || tone === "warning" ? "alert" : "status"} className={`rounded-lg border px-4 py-3 text-sm ${tones[tone]}`}>
      {children}
    </div>
  );
}
