"use client";

// Copies a value to the clipboard and says so ("Copied") in a polite live
// region; when the clipboard is unavailable it says how to copy by hand.
import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "./button";

export function CopyButton({ value, label, onFailure }: { value: string; label?: string; onFailure?: () => void }) {
  const t = useTranslations("ui");
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (state !== "copied") return;
    const timer = setTimeout(() => setState("idle"), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
      onFailure?.();
    }
  };

  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button variant="secondary" size="sm" fullWidth={false} onClick={copy} icon={<CopyIcon />}>
        {state === "copied" ? t("copied") : (label ?? t("copy"))}
      </Button>
      <span role="status" aria-live="polite" className="text-xs text-slate-600 dark:text-slate-400">
        {state === "copied" ? <span className="sr-only">{t("copied")}</span> : state === "failed" ? t("copyFailed") : null}
      </span>
    </span>
  );
}

function CopyIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" className="h-4 w-4">
      <rect x="9" y="9" width="11" height="11" rx="2" stroke="currentColor" strokeWidth="1.8" />
      <path d="M5 15V6a2 2 0 0 1 2-2h9" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}
