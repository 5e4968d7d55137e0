// Small pieces shared by the configuration tabs' forms.
import type { ReactNode } from "react";
import { inputClasses, inputStateClasses } from "@/components/ui/text-field";

/** Read-only fields look read-only (VIEWERs, retired organizations). */
export const disabledInput = "disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-600 dark:disabled:bg-slate-900 dark:disabled:text-slate-400";

export const selectClasses = `${inputClasses} ${inputStateClasses(false)} ${disabledInput} pr-8`;

/** An error tied to its input by id (the input names it in aria-describedby). */
export function FieldMessage({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} role="alert" className="mt-1.5 text-sm font-medium text-red-700 dark:text-red-300">
      {children}
    </p>
  );
}

/** Why the controls above are disabled, for members who may look but not change. */
export function ReadOnlyHint({ children }: { children: ReactNode }) {
  return <p className="mt-3 text-sm text-slate-500 dark:text-slate-400">{children}</p>;
}
