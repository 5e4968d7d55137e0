"use client";

// The claim policy: for each shareable claim, Off / Optional / Required /
// Synthetic, each option explained the way the docs explain it. Saved in one
// go; takes effect at the next token issue.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { RadioCard } from "@/components/ui/radio-card";
import { CLAIMS, REQUIREMENTS, type Claim, type Requirement } from "@/lib/identity/claims-vocabulary";
import { Panel } from "../portal-ui";
import { useErrorText } from "./use-error-text";

export type SaveClaimPolicy = (anchor: string, policy: Record<Claim, Requirement>) => Promise<{ ok: true } | { ok: false; error: string }>;

export function ClaimPolicyForm({ anchor, initial, canEdit, readOnlyReason, save }: { anchor: string; initial: Record<Claim, Requirement>; canEdit: boolean; readOnlyReason: string | null; save: SaveClaimPolicy }) {
  const t = useTranslations("withApplication.claims");
  const errorText = useErrorText();
  const router = useRouter();
  const [policy, setPolicy] = useState(initial);
  // A save renders the stored policy again: start over from it, keeping the status line.
  const [base, setBase] = useState(initial);
  if (base !== initial) {
    setBase(initial);
    setPolicy(initial);
  }
  const [status, setStatus] = useState<string>("idle");
  const [pending, startTransition] = useTransition();
  const dirty = CLAIMS.some((claim) => policy[claim] !== initial[claim]);

  const onSave = () =>
    startTransition(async () => {
      const result = await save(anchor, policy);
      setStatus(result.ok ? "saved" : result.error);
      if (result.ok) router.refresh();
    });

  return (
    <>
      {CLAIMS.map((claim) => (
        <Panel key={claim} id={`claim-${claim}`} title={t(`claim.${claim}.title`)} lead={t(`claim.${claim}.lead`)}>
          <fieldset>
            <legend className="sr-only">{t("policyFor", { claim: t(`claim.${claim}.title`) })}</legend>
            <div className="grid gap-3 sm:grid-cols-2">
              {REQUIREMENTS.map((requirement) => (
                <RadioCard
                  key={requirement}
                  name={`claim-${claim}`}
                  value={requirement}
                  checked={policy[claim] === requirement}
                  disabled={!canEdit}
                  onChange={() => {
                    setPolicy((current) => ({ ...current, [claim]: requirement }));
                    setStatus("idle");
                  }}
                  title={t(`requirement.${requirement}.title`)}
                  body={t(`requirement.${requirement}.body`)}
                />
              ))}
            </div>
          </fieldset>
        </Panel>
      ))}
      <div className="mt-8 flex flex-wrap items-center justify-between gap-3 rounded-2xl border border-slate-200 bg-white/95 px-5 py-4 shadow-lg backdrop-blur dark:border-slate-800 dark:bg-slate-900/95">
        <p role="status" aria-live="polite" className="text-sm text-slate-600 dark:text-slate-400">
          {status === "saved" ? t("saved") : status !== "idle" ? <span className="font-medium text-red-700 dark:text-red-300">{errorText(status)}</span> : !canEdit && readOnlyReason ? readOnlyReason : dirty ? t("unsaved") : t("effect")}
        </p>
        <Button fullWidth={false} onClick={onSave} busy={pending} busyLabel={t("saving")} disabled={!canEdit} title={readOnlyReason ?? undefined}>
          {t("save")}
        </Button>
      </div>
    </>
  );
}
