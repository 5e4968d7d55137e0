// The user code as the device shows it: large and monospaced, named by its
// label for screen readers.
import { useId } from "react";

export function UserCodeDisplay({ code, label }: { code: string; label: string }) {
  const labelId = useId();
  return (
    <div className="flex flex-col items-center gap-1.5">
      <span id={labelId} className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
        {label}
      </span>
      <output
        aria-labelledby={labelId}
        data-testid="user-code"
        className="rounded-xl border border-slate-200 bg-slate-50 px-5 py-3 font-mono text-3xl font-semibold tracking-[0.2em] text-slate-900 dark:border-slate-700 dark:bg-slate-950 dark:text-white"
      >
        {code}
      </output>
    </div>
  );
}
