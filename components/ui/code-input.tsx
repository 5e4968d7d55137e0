"use client";

// A one-time-code field: one input (so pasting "123 456" or a whole mail
// line just works, and password managers / SMS autofill can fill it), digits
// only, and `onComplete` fires as soon as the last digit lands.
import type { Ref } from "react";
import { inputClasses, inputStateClasses } from "./text-field";

export interface CodeInputProps {
  id: string;
  label: string;
  value: string;
  onChange: (digits: string) => void;
  onComplete?: (code: string) => void;
  length?: number;
  error?: string | null;
  hint?: string;
  ref?: Ref<HTMLInputElement>;
}

export function CodeInput({ id, label, value, onChange, onComplete, length = 6, error, hint, ref }: CodeInputProps) {
  const errorId = error ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
        {label}
      </label>
      <input
        ref={ref}
        id={id}
        name="code"
        type="text"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern={`\\d{${length}}`}
        maxLength={length + 8}
        spellCheck={false}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={[errorId, hintId].filter(Boolean).join(" ") || undefined}
        onChange={(event) => {
          // Keep only digits: pasted codes often carry spaces, dashes or a trailing newline.
          const digits = event.currentTarget.value.replace(/\D/g, "").slice(0, length);
          onChange(digits);
          if (digits.length === length && value.length !== length) onComplete?.(digits);
        }}
        className={`mt-1.5 ${inputClasses} ${inputStateClasses(Boolean(error))} text-center font-mono text-2xl font-semibold tracking-[0.5em] indent-[0.5em]`}
      />
      {error && (
        <p id={errorId} role="alert" className="mt-2 text-sm font-medium text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      {hint && (
        <p id={hintId} className="mt-2 text-sm text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      )}
    </div>
  );
}
