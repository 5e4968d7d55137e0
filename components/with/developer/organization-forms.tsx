"use client";
// The organization forms: create, rename, invite a member, change a member's
// role. Each posts to a server action and shows the translated refusal next
// to the field it is about. `disabledReason` renders the form read-only with
// the reason (a VIEWER sees the controls, but cannot use them).
import { useId } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { inputClasses, inputStateClasses, TextField } from "@/components/ui/text-field";
import type { ActionResult } from "@/lib/portal/portal-action";
import { DisabledReason, FormError, useErrorText, useKeptFormAction } from "./action-ui";

/** Read-only fields look read-only, in both themes. */
export const DISABLED_INPUT = "disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-500 dark:disabled:bg-slate-900 dark:disabled:text-slate-400";

type FormAction = (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;

function useForm(action: FormAction) {
  const { state, onSubmit, pending } = useKeptFormAction(action);
  const errorText = useErrorText();
  const failure = state && !state.ok ? state : null;
  return { onSubmit, pending, state, error: errorText(failure?.error), field: failure?.field };
}

export function CreateOrganizationForm({ action, suggestedName, disabledReason }: { action: FormAction; suggestedName: string; disabledReason?: string | null }) {
  const t = useTranslations("withDeveloper.organizations");
  const { onSubmit, pending, error } = useForm(action);
  const reasonId = useId();
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3 sm:flex-row sm:items-end">
      <TextField
        id="organization-name"
        name="name"
        label={t("nameLabel")}
        defaultValue={suggestedName}
        required
        maxLength={80}
        error={error}
        disabled={Boolean(disabledReason)}
        inputClassName={DISABLED_INPUT}
        hint={t("nameHint")}
        className="flex-1"
      />
      <div className="sm:mb-7">
        <Button type="submit" busy={pending} fullWidth={false} disabled={Boolean(disabledReason)} aria-describedby={disabledReason ? reasonId : undefined}>
          {t("create")}
        </Button>
      </div>
      {disabledReason && <DisabledReason id={reasonId}>{disabledReason}</DisabledReason>}
    </form>
  );
}

export function RenameOrganizationForm({ action, name, disabledReason }: { action: FormAction; name: string; disabledReason?: string | null }) {
  const t = useTranslations("withDeveloper.organization");
  const { onSubmit, pending, error, state } = useForm(action);
  const reasonId = useId();
  return (
    <form onSubmit={onSubmit}>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <TextField
          id="organization-rename"
          name="name"
          label={t("nameLabel")}
          defaultValue={name}
          required
          maxLength={80}
          error={error}
          disabled={Boolean(disabledReason)}
          inputClassName={DISABLED_INPUT}
          aria-describedby={disabledReason ? reasonId : undefined}
          className="flex-1"
        />
        <Button type="submit" variant="secondary" busy={pending} fullWidth={false} disabled={Boolean(disabledReason)}>
          {t("rename")}
        </Button>
      </div>
      {state?.ok && (
        <p role="status" className="mt-2 text-sm text-emerald-700 dark:text-emerald-300">
          {t("renamed")}
        </p>
      )}
      {disabledReason && <DisabledReason id={reasonId}>{disabledReason}</DisabledReason>}
    </form>
  );
}

export function RoleSelect({ id, name, defaultValue, disabled, label, describedBy }: { id: string; name: string; defaultValue: string; disabled?: boolean; label: string; describedBy?: string }) {
  const t = useTranslations("withDeveloper.roles");
  return (
    <select
      id={id}
      name={name}
      defaultValue={defaultValue}
      disabled={disabled}
      aria-label={label}
      aria-describedby={describedBy}
      className={`${inputClasses} ${inputStateClasses(false)} ${DISABLED_INPUT} min-h-9 py-1.5 text-sm sm:w-36`}
    >
      {(["VIEWER", "ADMIN", "OWNER"] as const).map((role) => (
        <option key={role} value={role}>
          {t(role)}
        </option>
      ))}
    </select>
  );
}

/** `disabledBy` is the id of the reason shown once for the whole members panel. */
export function InviteMemberForm({ action, disabledBy }: { action: FormAction; disabledBy?: string | null }) {
  const t = useTranslations("withDeveloper.organization");
  const { onSubmit, pending, error, field, state } = useForm(action);
  const disabled = Boolean(disabledBy);
  return (
    <form onSubmit={onSubmit} key={state?.ok ? "sent" : "open"}>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <TextField
          id="invite-alias"
          name="alias"
          label={t("inviteAlias")}
          hint={t("inviteAliasHint")}
          placeholder="quiet-meadow-…-otter"
          autoComplete="off"
          spellCheck={false}
          required
          error={field === "alias" ? error : null}
          disabled={disabled}
          inputClassName={DISABLED_INPUT}
          className="flex-1"
        />
        <div className="sm:mb-7">
          <label htmlFor="invite-role" className="block text-sm font-medium text-slate-800 sm:sr-only dark:text-slate-200">
            {t("inviteRole")}
          </label>
          <RoleSelect id="invite-role" name="role" defaultValue="VIEWER" disabled={disabled} label={t("inviteRole")} />
        </div>
        <div className="sm:mb-7">
          <Button type="submit" busy={pending} fullWidth={false} disabled={disabled} aria-describedby={disabledBy ?? undefined}>
            {t("invite")}
          </Button>
        </div>
      </div>
      {field !== "alias" && <FormError message={error} />}
      {state?.ok && (
        <p role="status" className="mt-2 text-sm text-emerald-700 dark:text-emerald-300">
          {t("invited")}
        </p>
      )}
    </form>
  );
}

export function MemberRoleForm({ action, role, memberName, disabled }: { action: FormAction; role: string; memberName: string; disabled: boolean }) {
  const t = useTranslations("withDeveloper.organization");
  const { onSubmit, pending, error } = useForm(action);
  const id = useId();
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-1">
      <div className="flex items-center gap-2">
        <RoleSelect id={id} name="role" defaultValue={role} disabled={disabled} label={t("roleOf", { name: memberName })} />
        <Button type="submit" variant="secondary" size="sm" busy={pending} fullWidth={false} disabled={disabled} className="whitespace-nowrap">
          {t("changeRole")}
        </Button>
      </div>
      <FormError message={error} />
    </form>
  );
}
