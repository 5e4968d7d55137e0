"use client";

// One revealed token: masked until asked (shoulder-surfing, screen sharing),
// with Reveal/Hide and Copy. Copy works while masked, too.
import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";

const VISIBLE_PREFIX = 8;

export function maskToken(token: string): string {
  return `${token.slice(0, VISIBLE_PREFIX)}${"•".repeat(12)}`;
}

export function TokenRow({ label, token }: { label: string; token: string }) {
  const t = useTranslations("via.reveal");
  const [revealed, setRevealed] = useState(false);
  const valueId = useId();
  return (
    <div className="px-4 py-4 sm:px-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="font-medium text-slate-900 dark:text-slate-100">{label}</h2>
        <div className="flex items-start gap-2">
          <Button
            variant="secondary"
            size="sm"
            fullWidth={false}
            aria-pressed={revealed}
            aria-controls={valueId}
            onClick={() => setRevealed((value) => !value)}
          >
            {revealed ? t("hide") : t("show")}
          </Button>
          <CopyButton value={token} onFailure={() => setRevealed(true)} />
        </div>
      </div>
      <code
        id={valueId}
        data-testid="token-value"
        className={`mt-2 block rounded-lg bg-slate-100 px-3 py-2.5 font-mono text-sm text-slate-800 dark:bg-slate-950 dark:text-slate-200 ${revealed ? "max-h-40 overflow-y-auto break-all select-all" : "truncate"}`}
      >
        {revealed ? token : maskToken(token)}
      </code>
    </div>
  );
}
