"use client";

// The access-keys tab: create a key for your own account (the secret is
// shown once, with copy), see your keys with their state, revoke one.
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { TextField } from "@/components/ui/text-field";
import type { Claim } from "@/lib/identity/claims-vocabulary";
import { EmptyState, Notice, Panel } from "../portal-ui";
import { ReadOnlyHint } from "./form-bits";
import { ConfirmItsYou, RECENT_SIGN_IN_REQUIRED } from "@/components/with/confirm-its-you";
import { useErrorText } from "./use-error-text";

export interface AccessKeyView {
  accessKeyIdentifier: string;
  label: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  state: "active" | "expired" | "revoked";
}

export type CreateAccessKey = (
  anchor: string,
  input: { label: string; expiresInDays: string; accessTokenTtlSeconds: string; refreshTokenTtlSeconds: string; grants: Claim[] },
) => Promise<{ ok: true; key: { accessKeyIdentifier: string; accessKeySecret: string } } | { ok: false; field?: string; error: string }>;
export type RevokeAccessKey = (anchor: string, accessKeyIdentifier: string) => Promise<{ ok: boolean; error?: string }>;

export function AccessKeysPanel({
  anchor,
  keys,
  requestedClaims,
  canEdit,
  readOnlyReason,
  create,
  revoke,
}: {
  anchor: string;
  keys: AccessKeyView[];
  requestedClaims: Claim[];
  canEdit: boolean;
  readOnlyReason: string | null;
  create: CreateAccessKey;
  revoke: RevokeAccessKey;
}) {
  const t = useTranslations("withApplication.accessKeys");
  const errorText = useErrorText();
  const format = useFormatter();
  const router = useRouter();
  const [form, setForm] = useState({ label: "", expiresInDays: "", accessTokenTtlSeconds: "", refreshTokenTtlSeconds: "" });
  const [grants, setGrants] = useState<Claim[]>([]);
  const [error, setError] = useState<{ field: string; text: string } | null>(null);
  const [created, setCreated] = useState<{ accessKeyIdentifier: string; accessKeySecret: string } | null>(null);
  const [revokeStatus, setRevokeStatus] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [revoking, setRevoking] = useState<string | null>(null);

  const onCreate = () =>
    startTransition(async () => {
      const result = await create(anchor, { ...form, grants });
      if (result.ok) {
        setCreated(result.key);
        setError(null);
        setForm({ label: "", expiresInDays: "", accessTokenTtlSeconds: "", refreshTokenTtlSeconds: "" });
        setGrants([]);
        router.refresh();
      } else {
        // The lib's own validation keys live in this tab's catalog; the envelope's in the common one.
        const known = ["labelTooLong", "expiryRange", "ttlRange"].includes(result.error);
        if (result.error === RECENT_SIGN_IN_REQUIRED) return setError({ field: "form", text: RECENT_SIGN_IN_REQUIRED });
        setError({ field: result.field ?? "form", text: known ? t(`errors.${result.error}`) : errorText(result.error) });
      }
    });

  const onRevoke = (identifier: string) => {
    setRevoking(identifier);
    startTransition(async () => {
      const result = await revoke(anchor, identifier);
      setRevoking(null);
      setRevokeStatus(result.ok ? t("revoked") : errorText(result.error));
      if (result.ok) router.refresh();
    });
  };

  const fieldError = (field: string) => (error?.field === field ? error.text : null);
  const date = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" }) : null);

  return (
    <>
      {created && (
        <div className="mt-8">
          <section aria-labelledby="new-key" className="rounded-2xl border border-emerald-300 bg-emerald-50 p-5 sm:p-6 dark:border-emerald-800 dark:bg-emerald-950/40">
            <h2 id="new-key" className="text-lg font-semibold text-emerald-900 dark:text-emerald-100">{t("createdTitle")}</h2>
            <p className="mt-1 text-sm text-emerald-900 dark:text-emerald-200">{t("createdLead")}</p>
            <dl className="mt-4 grid gap-4">
              <SecretRow label={t("identifier")} value={created.accessKeyIdentifier} testId="new-access-key-identifier" />
              <SecretRow label={t("secret")} value={created.accessKeySecret} testId="new-access-key-secret" />
            </dl>
            <div className="mt-4">
              <Button variant="secondary" fullWidth={false} onClick={() => setCreated(null)}>{t("dismiss")}</Button>
            </div>
          </section>
        </div>
      )}
      <Panel id="create-key" title={t("createTitle")} lead={t("createLead")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField id="key-label" label={t("label")} hint={t("labelHint")} value={form.label} maxLength={200} disabled={!canEdit} error={fieldError("label")} onChange={(event) => setForm({ ...form, label: event.target.value })} />
          <TextField id="key-expiry" label={t("expiresInDays")} hint={t("expiresInDaysHint")} inputMode="numeric" value={form.expiresInDays} disabled={!canEdit} error={fieldError("expiresInDays")} onChange={(event) => setForm({ ...form, expiresInDays: event.target.value })} />
          <TextField id="key-access-ttl" label={t("accessTtl")} hint={t("accessTtlHint")} inputMode="numeric" value={form.accessTokenTtlSeconds} disabled={!canEdit} error={fieldError("accessTokenTtlSeconds")} onChange={(event) => setForm({ ...form, accessTokenTtlSeconds: event.target.value })} />
          <TextField id="key-refresh-ttl" label={t("refreshTtl")} hint={t("refreshTtlHint")} inputMode="numeric" value={form.refreshTokenTtlSeconds} disabled={!canEdit} error={fieldError("refreshTokenTtlSeconds")} onChange={(event) => setForm({ ...form, refreshTokenTtlSeconds: event.target.value })} />
        </div>
        {requestedClaims.length > 0 && (
          <fieldset className="mt-5">
            <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">{t("consentTitle")}</legend>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t("consentLead")}</p>
            <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
              {requestedClaims.map((claim) => (
                <label key={claim} className="inline-flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
                  <input
                    type="checkbox"
                    checked={grants.includes(claim)}
                    disabled={!canEdit}
                    onChange={(event) => setGrants(event.target.checked ? [...grants, claim] : grants.filter((entry) => entry !== claim))}
                    className="h-4 w-4 rounded border-slate-300 accent-brand-600"
                  />
                  {t(`claims.${claim}`)}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        {error?.field === "form" && <div className="mt-4">{error.text === RECENT_SIGN_IN_REQUIRED ? <ConfirmItsYou /> : <Notice tone="danger">{error.text}</Notice>}</div>}
        <div className="mt-5">
          <Button fullWidth={false} onClick={onCreate} busy={pending && revoking === null} busyLabel={t("creating")} disabled={!canEdit} title={readOnlyReason ?? undefined}>
            {t("create")}
          </Button>
          {!canEdit && readOnlyReason && <ReadOnlyHint>{readOnlyReason}</ReadOnlyHint>}
        </div>
      </Panel>
      <Panel id="your-keys" title={t("listTitle")} lead={t("listLead")}>
        {revokeStatus && <div className="mb-4"><Notice tone="success">{revokeStatus}</Notice></div>}
        {keys.length === 0 ? (
          <EmptyState title={t("emptyTitle")} body={t("emptyBody")} />
        ) : (
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {keys.map((key) => (
              <li key={key.accessKeyIdentifier} className="flex flex-col gap-3 py-4 first:pt-0 last:pb-0 sm:flex-row sm:items-center sm:justify-between" aria-label={key.label ?? key.accessKeyIdentifier}>
                <div className="min-w-0">
                  <p className="font-semibold text-slate-900 dark:text-white">
                    {key.label ?? t("unlabelled")}
                    <StateBadge state={key.state} label={t(`state.${key.state}`)} />
                  </p>
                  <p className="mt-0.5 truncate font-mono text-xs text-slate-500 dark:text-slate-400">{key.accessKeyIdentifier}</p>
                  <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
                    {t("created", { date: date(key.createdAt)! })} · {key.lastUsedAt ? t("lastUsed", { date: date(key.lastUsedAt)! }) : t("neverUsed")} ·{" "}
                    {key.expiresAt ? t("expires", { date: date(key.expiresAt)! }) : t("noExpiry")}
                  </p>
                </div>
                {key.state !== "revoked" && (
                  <Button
                    variant="danger"
                    size="sm"
                    fullWidth={false}
                    onClick={() => onRevoke(key.accessKeyIdentifier)}
                    busy={revoking === key.accessKeyIdentifier}
                    disabled={!canEdit}
                    title={readOnlyReason ?? undefined}
                    aria-label={t("revokeNamed", { key: key.label ?? key.accessKeyIdentifier })}
                  >
                    {t("revoke")}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </Panel>
    </>
  );
}

function SecretRow({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div>
      <dt className="text-sm font-medium text-emerald-900 dark:text-emerald-100">{label}</dt>
      <dd className="mt-1 flex flex-wrap items-start gap-2">
        <code data-testid={testId} className="min-w-0 flex-1 rounded-lg border border-emerald-200 bg-white px-3 py-2 font-mono text-sm break-all text-slate-900 dark:border-emerald-900 dark:bg-slate-950 dark:text-slate-100">
          {value}
        </code>
        <CopyButton value={value} />
      </dd>
    </div>
  );
}

function StateBadge({ state, label }: { state: AccessKeyView["state"]; label: string }) {
  const tones = {
    active: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
    expired: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-200",
    revoked: "bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
  } as const;
  return <span className={`ml-2 rounded-full px-2 py-0.5 align-middle text-xs font-medium ${tones[state]}`}>{label}</span>;
}
