"use client";
// A verified domain's login policy (docs 22): ALLOW_ALL, BLOCK_ALL or
// SSO_ONLY through one of the organization's enabled connectors. Disabled,
// with the reason, for anyone but the organization's sole owner. When the
// caller's own email is on the domain, a restrictive policy is only set after
// the lock-yourself-out warning has been read and confirmed (the server
// insists on that confirmation too).
import { useId, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { RadioCard } from "@/components/ui/radio-card";
import { inputClasses, inputStateClasses } from "@/components/ui/text-field";
import type { LoginPolicyInput } from "@/lib/domains/login-policy";
import { LOGIN_POLICIES, type LoginPolicy } from "@/lib/domains/vocabulary";
import type { ActionResult } from "@/lib/portal/portal-action";
import { DisabledReason, FormError, useErrorText } from "../action-ui";
import { DISABLED_INPUT } from "../organization-forms";

export function LoginPolicyForm({
  domain,
  current,
  currentConnector,
  connectors,
  ownEmail,
  disabledReason,
  save,
}: {
  domain: string;
  /** null: no policy stored (ALLOW_ALL). */
  current: LoginPolicy | null;
  currentConnector: string | null;
  connectors: { anchor: string; displayName: string }[];
  /** One of the caller's own emails is on this domain. */
  ownEmail: boolean;
  disabledReason: string | null;
  save: (input: LoginPolicyInput) => Promise<ActionResult>;
}) {
  const t = useTranslations("withDomains");
  const errorText = useErrorText();
  const id = useId();
  const stored = current ?? "ALLOW_ALL";
  const [policy, setPolicy] = useState<LoginPolicy>(stored);
  const [connector, setConnector] = useState(currentConnector ?? connectors[0]?.anchor ?? "");
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const disabled = Boolean(disabledReason);
  const changed = policy !== stored || (policy === "SSO_ONLY" && connector !== currentConnector);
  const missingConnector = policy === "SSO_ONLY" && !connector;
  const policyName = (value: LoginPolicy) => t(`policy.${value}.title`);

  const submit = (confirmSelfLockout: boolean) =>
    startTransition(async () => {
      const result = await save({ policy, connectorAnchor: policy === "SSO_ONLY" ? connector : undefined, confirmSelfLockout });
      setStatus(result.ok ? "saved" : result.error);
      if (result.ok) setConfirming(false);
    });
  const choose = (value: LoginPolicy) => {
    setPolicy(value);
    setConfirming(false);
    setStatus(null);
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="text-lg font-semibold text-slate-900 dark:text-white">
        {t("policyTitle")}
      </h2>
      <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">{t("policyLead", { domain })}</p>
      {disabledReason && <DisabledReason id={`${id}-reason`}>{disabledReason}</DisabledReason>}
      <fieldset className="mt-3" aria-describedby={disabled ? `${id}-reason` : undefined}>
        <legend className="sr-only">{t("policyFor", { domain })}</legend>
        <div className="grid gap-3 md:grid-cols-3">
          {LOGIN_POLICIES.map((value) => (
            <RadioCard
              key={value}
              name={`${id}-policy`}
              value={value}
              checked={policy === value}
              disabled={disabled}
              onChange={() => choose(value)}
              title={
                <>
                  {policyName(value)} <span className="font-mono text-xs font-normal text-slate-500 dark:text-slate-400">{value}</span>
                </>
              }
              body={t(`policy.${value}.body`)}
            />
          ))}
        </div>
      </fieldset>

      {policy === "SSO_ONLY" &&
        (connectors.length > 0 ? (
          <div className="mt-4 max-w-xl">
            <label htmlFor={`${id}-connector`} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
              {t("connectorLabel")}
            </label>
            <select
              id={`${id}-connector`}
              value={connector}
              disabled={disabled}
              onChange={(event) => (setConnector(event.target.value), setConfirming(false), setStatus(null))}
              className={`mt-1.5 ${inputClasses} ${inputStateClasses(status === "connectorUnusable")} ${DISABLED_INPUT}`}
            >
              {connectors.map((option) => (
                <option key={option.anchor} value={option.anchor}>
                  {option.displayName} ({option.anchor})
                </option>
              ))}
            </select>
            <p className="mt-1.5 text-sm text-slate-500 dark:text-slate-400">{t("connectorHint")}</p>
          </div>
        ) : (
          <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">{t("noConnectors")}</p>
        ))}

      {confirming ? (
        <div role="alert" className="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-100">
          <p className="font-semibold">{t("lockoutTitle")}</p>
          <p className="mt-1">
            {policy === "SSO_ONLY" ? t("lockoutBodySso", { domain }) : t("lockoutBody", { domain, policy: policyName(policy) })}
          </p>
          <div className="mt-3 flex flex-wrap gap-2">
            <Button variant="danger" size="sm" fullWidth={false} busy={pending} onClick={() => submit(true)}>
              {t("lockoutConfirm", { policy: policyName(policy) })}
            </Button>
            <Button variant="ghost" size="sm" fullWidth={false} onClick={() => setConfirming(false)}>
              {t("cancel")}
            </Button>
          </div>
        </div>
      ) : (
        <div className="mt-4 flex flex-wrap items-center gap-3">
          <Button
            size="sm"
            fullWidth={false}
            busy={pending}
            disabled={disabled || !changed || missingConnector}
            onClick={() => (ownEmail && policy !== "ALLOW_ALL" ? setConfirming(true) : submit(false))}
          >
            {t("savePolicy")}
          </Button>
          {status === "saved" && !changed && (
            <p role="status" className="text-sm text-emerald-700 dark:text-emerald-300">
              {t("policySaved")}
            </p>
          )}
        </div>
      )}
      {status !== null && status !== "saved" && <FormError message={errorText(status)} />}
    </section>
  );
}
