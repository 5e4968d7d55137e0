// "or" between two ways of doing the same thing (a passkey or an email code, Steam or email).
export function OrDivider({ label }: { label: string }) {
  return (
    <div className="flex items-center gap-4 text-xs font-medium uppercase tracking-wider text-slate-500 dark:text-slate-400">
      <span className="h-px flex-1 bg-slate-200 dark:bg-slate-700" />
      {label}
      <span className="h-px flex-1 bg-slate-200 dark:bg-slate-700" />
    </div>
  );
}
