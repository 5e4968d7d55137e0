// One choice of a radio group drawn as a card: a title and a line saying what
// choosing it means, the chosen card outlined.
import type { ReactNode } from "react";

export function RadioCard({
  name,
  value,
  checked,
  disabled,
  onChange,
  title,
  body,
}: {
  name: string;
  value: string;
  checked: boolean;
  disabled?: boolean;
  onChange: () => void;
  title: ReactNode;
  body: ReactNode;
}) {
  return (
    <label
      className={`flex cursor-pointer gap-3 rounded-xl border p-4 transition-colors has-disabled:cursor-not-allowed ${
        checked
          ? "border-brand-500 bg-brand-50 ring-1 ring-brand-500 dark:border-brand-400 dark:bg-brand-900/40 dark:ring-brand-400"
          : "border-slate-200 hover:border-slate-300 dark:border-slate-700 dark:hover:border-slate-600"
      }`}
    >
      <input type="radio" name={name} value={value} checked={checked} disabled={disabled} onChange={onChange} className="mt-1 h-4 w-4 shrink-0 accent-brand-600" />
      <span>
        <span className="block font-semibold text-slate-900 dark:text-white">{title}</span>
        <span className="mt-0.5 block text-sm text-slate-600 dark:text-slate-400">{body}</span>
      </span>
    </label>
  );
}
