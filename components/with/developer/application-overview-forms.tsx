"use client";
// The application overview's interactive parts: editing the localized names,
// rotating the client-auth key (whose new private key is shown once), and
// ending every session (which says how many were live).
import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import type { ActionResult } from "@/lib/portal/portal-action";
import { ActionButton, DisabledReason, FormError, useErrorText, useKeptFormAction } from "./action-ui";
import { DISABLED_INPUT } from "./organization-forms";
import { PrivateKeyOnce } from "./private-key-once";

const LOCALES = ["en-US", "de-DE", "fr-FR"] as const;

export function ApplicationNamesForm({
  action,
  names,
  disabledReason,
}: {
  action: (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;
  names: Record<string, string>;
  disabledReason?: string | null;
}) {
  const t = useTranslations("withDeveloper.newApplication");
  const tApp = useTranslations("withDeveloper.application");
  const { state, onSubmit, pending } = useKeptFormAction(action);
  const errorText = useErrorText();
  const failure = state && !state.ok ? state : null;
  const reasonId = useId();
  const disabled = Boolean(disabledReason);
  return (
    <form onSubmit={onSubmit}>
      <div className="grid gap-4 sm:grid-cols-3">
        {LOCALES.map((locale) => (
          <TextField
            key={locale}
            id={`name-${locale}`}
            name={`name-${locale}`}
            label={t(`name.${locale}`)}
            defaultValue={names[locale] ?? ""}
            required={locale === "en-US"}
            maxLength={80}
            disabled={disabled}
            inputClassName={DISABLED_INPUT}
            error={failure?.field === `name-${locale}` ? errorText(failure.error) : null}
          />
        ))}
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <Button type="submit" variant="secondary" busy={pending} fullWidth={false} disabled={disabled} aria-describedby={disabledReason ? reasonId : undefined}>
          {tApp("saveNames")}
        </Button>
        {state?.ok && (
          <span role="status" className="text-sm text-emerald-700 dark:text-emerald-300">
            {tApp("namesSaved")}
          </span>
        )}
      </div>
      {failure && !failure.field?.startsWith("name-") && <FormError message={errorText(failure.error)} />}
      {disabledReason && <DisabledReason id={reasonId}>{disabledReason}</DisabledReason>}
    </form>
  );
}

export function RotateClientAuthKey({
  anchor,
  action,
  disabledReason,
}: {
  anchor: string;
  action: () => Promise<ActionResult<{ privateKey: string }>>;
  disabledReason?: string | null;
}) {
  const t = useTranslations("withDeveloper.application");
  const [privateKey, setPrivateKey] = useState<string | null>(null);
  if (privateKey) return <PrivateKeyOnce anchor={anchor} privateKey={privateKey} />;
  return (
    <ActionButton
      action={async () => {
        const result = await action();
        if (result.ok) setPrivateKey(result.privateKey);
        return result;
      }}
      label={t("rotateClientAuth")}
      confirm={t("rotateClientAuthConfirm")}
      disabledReason={disabledReason}
    />
  );
}

export function EndAllSessions({ action, disabledReason }: { action: () => Promise<ActionResult<{ endedCount: number }>>; disabledReason?: string | null }) {
  const t = useTranslations("withDeveloper.application");
  const [ended, setEnded] = useState<number | null>(null);
  return (
    <div>
      <ActionButton
        action={async () => {
          const result = await action();
          if (result.ok) setEnded(result.endedCount);
          return result;
        }}
        label={t("endSessions")}
        confirm={t("endSessionsConfirm")}
        variant="danger"
        disabledReason={disabledReason}
      />
      {ended !== null && (
        <p role="status" className="mt-2 text-sm text-emerald-700 dark:text-emerald-300">
          {t("sessionsEnded", { count: ended })}
        </p>
      )}
    </div>
  );
}
