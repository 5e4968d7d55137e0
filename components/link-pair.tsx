// The two ways on from a standalone page (the landing page, the 404): a
// primary link and a secondary one, styled as buttons.
import Link from "next/link";

type Target = { href: string; label: string };

export function LinkPair({ primary, secondary, className = "" }: { primary: Target; secondary: Target; className?: string }) {
  return (
    <div className={`flex flex-wrap gap-4 ${className}`}>
      <Link href={primary.href} className="rounded-lg bg-brand-600 px-5 py-3 font-semibold text-white shadow-sm hover:bg-brand-700">
        {primary.label}
      </Link>
      <Link
        href={secondary.href}
        className="rounded-lg border border-slate-300 bg-white px-5 py-3 font-semibold hover:border-slate-400 dark:border-slate-700 dark:bg-slate-900 dark:hover:border-slate-500"
      >
        {secondary.label}
      </Link>
    </div>
  );
}
