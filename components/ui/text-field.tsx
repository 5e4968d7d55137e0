// A labelled input with an optional hint and error. The error is tied to the
// input (aria-describedby + aria-invalid) and rendered as an alert, so it is
// announced when it appears and read again when the field gets focus.
import type { InputHTMLAttributes, Ref } from "react";

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id"> {
  id: string;
  label: string;
  hint?: string;
  error?: string | null;
  ref?: Ref<HTMLInputElement>;
  inputClassName?: string;
}

export const inputClasses =
  "block w-full min-h-11 rounded-lg border bg-white px-3.5 py-2.5 text-base text-slate-900 shadow-sm transition-colors placeholder:text-slate-400 focus:outline-none focus:ring-4 dark:bg-slate-950 dark:text-slate-100 dark:placeholder:text-slate-500";

export const inputStateClasses = (invalid: boolean) =>
  invalid
    ? "border-red-500 focus:border-red-500 focus:ring-red-500/20 dark:border-red-500"
    : "border-slate-300 focus:border-brand-500 focus:ring-brand-500/20 dark:border-slate-700 dark:focus:border-brand-400";

export function TextField({ id, label, hint, error, ref, className = "", inputClassName = "", ...input }: TextFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
        {label}
      </label>
      <input
        ref={ref}
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`mt-1.5 ${inputClasses} ${inputStateClasses(Boolean(error))} ${inputClassName}`}
        {...input}
      />
      {hint && !error && (
        <p id={hintId} className="mt-1.5 text-sm text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} role="alert" className="mt-1.5 text-sm font-medium text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * An email address field: the keyboard, autofill and absence of
 * autocapitalization and spellchecking an address wants, alike on every page.
 */
export function EmailField(props: Omit<TextFieldProps, "type" | "inputMode" | "autoComplete" | "autoCapitalize" | "spellCheck">) {
  return <TextField type="email" inputMode="email" autoComplete="email" autoCapitalize="none" spellCheck={false} {...props} />;
}
