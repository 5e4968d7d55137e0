// The one button of the hosted pages. While busy it keeps focus (no
// `disabled`, which would drop focus to <body>), announces itself with
// aria-busy, shows a spinner and the busy label, and swallows clicks so a
// request is never sent twice.
import type { ButtonHTMLAttributes, MouseEvent, ReactNode } from "react";
import { Spinner } from "./spinner";

export type ButtonVariant = "primary" | "secondary" | "ghost" | "danger";
export type ButtonSize = "md" | "sm";

const SIZES: Record<ButtonSize, string> = {
  md: "min-h-11 gap-2 px-4 py-2.5 text-[0.9375rem]",
  sm: "min-h-9 gap-1.5 px-3 py-1.5 text-sm",
};

const VARIANTS: Record<ButtonVariant, string> = {
  primary: "bg-brand-600 text-white shadow-sm hover:bg-brand-700 dark:bg-brand-500 dark:hover:bg-brand-400 dark:text-white",
  secondary:
    "border border-slate-300 bg-white text-slate-900 shadow-sm hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800",
  ghost: "text-brand-700 hover:bg-brand-50 dark:text-brand-300 dark:hover:bg-slate-800",
  danger: "border border-red-300 bg-white text-red-700 hover:bg-red-50 dark:border-red-800 dark:bg-slate-900 dark:text-red-300 dark:hover:bg-red-950",
};

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  busy?: boolean;
  /** Replaces the label while busy, e.g. "Sending code…". */
  busyLabel?: string;
  icon?: ReactNode;
  fullWidth?: boolean;
}

export function Button({ variant = "primary", size = "md", busy = false, busyLabel, icon, fullWidth = true, className = "", children, onClick, type = "button", ...rest }: ButtonProps) {
  const guarded = (event: MouseEvent<HTMLButtonElement>) => {
    if (busy) {
      event.preventDefault();
      return;
    }
    onClick?.(event);
  };
  return (
    <button
      type={type}
      {...rest}
      onClick={guarded}
      aria-busy={busy || undefined}
      aria-disabled={busy || rest.disabled || undefined}
      className={`inline-flex items-center justify-center rounded-lg font-semibold transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:cursor-not-allowed disabled:opacity-50 aria-busy:cursor-progress aria-busy:opacity-80 ${SIZES[size]} ${fullWidth ? "w-full" : ""} ${VARIANTS[variant]} ${className}`}
    >
      {busy ? <Spinner /> : icon}
      <span>{busy && busyLabel ? busyLabel : children}</span>
    </button>
  );
}
