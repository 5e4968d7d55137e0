"use client";
// One connector in the Connectors view: what it is (name, anchor to copy,
// issuer, client id, scopes, enabled or not — never its secret) and what an
// OWNER may do with it: edit in place, disable/enable, delete after an inline
// confirmation. A refusal (still named by a rule, pinned by a domain policy)
// is shown once for the connector, saying what to do first.
import { useCallback, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/portal/portal-action";
import { Notice } from "../../portal-ui";
import { ActionButton, useErrorText } from "../action-ui";
import { CopyableValue } from "../copyable-value";
import { Pill } from "../pill";
import { ConnectorForm, type ConnectorValues } from "./connector-form";

export interface ConnectorView extends ConnectorValues {
  anchor: string;
  enabled: boolean;
}

export function ConnectorItem({
  connector,
  disabled,
  edit,
  setEnabled,
  remove,
}: {
  connector: ConnectorView;
  /** The caller may not manage connectors here; the reason is shown once above the list. */
  disabled: boolean;
  edit: (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;
  setEnabled: (enabled: boolean) => Promise<ActionResult>;
  remove: () => Promise<ActionResult>;
}) {
  const t = useTranslations("withConnectors");
  const errorText = useErrorText();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onDone = (result: ActionResult) => setError(result.ok ? null : result.error);
  const onSaved = useCallback(() => {
    setEditing(false);
    setSaved(true);
  }, []);
  const name = connector.displayName;

  return (
    <li aria-label={name} data-connector={name} className="rounded-xl border border-slate-200 p-4 sm:p-5 dark:border-slate-800">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="min-w-0 font-semibold text-slate-900 wrap-break-word dark:text-white">{name}</h3>
        {connector.enabled ? <Pill tone="success">{t("enabled")}</Pill> : <Pill tone="danger">{t("disabled")}</Pill>}
      </div>
      <dl className="mt-3 grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[8rem_minmax(0,1fr)]">
        <dt className="text-slate-500 sm:pt-1.5 dark:text-slate-400">{t("anchor")}</dt>
        <dd>
          <CopyableValue value={connector.anchor} label={t("copyAnchor")} />
        </dd>
        <dt className="text-slate-500 dark:text-slate-400">{t("issuer")}</dt>
        <dd className="break-all text-slate-900 dark:text-slate-100">{connector.issuer}</dd>
        <dt className="text-slate-500 dark:text-slate-400">{t("clientId")}</dt>
        <dd className="font-mono break-all text-slate-900 dark:text-slate-100">{connector.clientId}</dd>
        <dt className="text-slate-500 dark:text-slate-400">{t("scopes")}</dt>
        <dd className="flex flex-wrap gap-1.5">
          {connector.scopes.split(" ").map((scope) => (
            <Pill key={scope}>{scope}</Pill>
          ))}
        </dd>
      </dl>

      {editing ? (
        <div className="mt-4 border-t border-slate-200 pt-4 dark:border-slate-800">
          <ConnectorForm action={edit} idPrefix={`edit-${connector.anchor}`} values={connector} onSaved={onSaved} onCancel={() => setEditing(false)} />
        </div>
      ) : (
        <div className="mt-4 flex flex-wrap items-start gap-2 border-t border-slate-200 pt-4 dark:border-slate-800">
          <Button variant="secondary" size="sm" fullWidth={false} disabled={disabled} onClick={() => (setSaved(false), setError(null), setEditing(true))}>
            {t("edit")}
          </Button>
          <ActionButton
            action={() => setEnabled(!connector.enabled)}
            label={connector.enabled ? t("disable") : t("enable")}
            variant={connector.enabled ? "secondary" : "primary"}
            disabled={disabled}
            showError={false}
            onDone={onDone}
          />
          <ActionButton
            action={remove}
            label={t("delete")}
            variant="danger"
            confirm={t("deleteConfirm", { name })}
            disabled={disabled}
            showError={false}
            onDone={onDone}
          />
        </div>
      )}
      {saved && !editing && (
        <p role="status" className="mt-3 text-sm text-emerald-700 dark:text-emerald-300">
          {t("saved")}
        </p>
      )}
      {error && (
        <div className="mt-3">
          <Notice tone="danger">{errorText(error)}</Notice>
        </div>
      )}
    </li>
  );
}
