"use client";

// The danger zone: erasing the account. The user types the confirmation
// phrase (their primary email); while they solely own an organization with
// live resources the server refuses and the organizations are listed.
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { Notice } from "@/components/with/portal-ui";
import { ConfirmItsYou, RECENT_SIGN_IN_REQUIRED } from "@/components/with/confirm-its-you";
import { useAccountError } from "./use-account-error";
import { deleteMyAccount } from "@/app/(with)/with/profile/actions";

type Organization = { anchor: string; name: string };

export function BlockingOrganizations({ organizations }: { organizations: Organization[] }) {
  const t = useTranslations("withAccount.delete");
  return (
    <div id="delete-blocked">
      <Notice tone="warning">
        <p className="font-semibold">{t("blockedTitle")}</p>
        <p className="mt-1">{t("blockedBody")}</p>
        <ul className="mt-2 list-disc space-y-1 pl-5" aria-label={t("blockedListLabel")}>
          {organizations.map((organization) => (
            <li key={organization.anchor}>
              <span className="font-medium">{organization.name}</span> <code className="text-xs">{organization.anchor}</code>
            </li>
          ))}
        </ul>
        <a href="/with/organizations" className="mt-2 inline-block font-semibold underline underline-offset-2">
          {t("blockedLink")}
        </a>
      </Notice>
    </div>
  );
}

export function DeleteAccountPanel({ phrase, blocking }: { phrase: string; blocking: Organization[] }) {
  const t = useTranslations("withAccount");
  const errorText = useAccountError();
  const [open, setOpen] = useState(false);
  const [confirmation, setConfirmation] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [organizations, setOrganizations] = useState<Organization[]>(blocking);
  const [pending, startTransition] = useTransition();

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await deleteMyAccount({ confirmation });
      if (result.ok) {
        // A full navigation: the session route clears the cookie and the front page says the account is gone.
        window.location.assign("/with/session/end?reason=AccountDeleted");
        return;
      }
      setError(result.error);
      if (result.organizations) setOrganizations(result.organizations);
    });
  };

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700 dark:text-slate-300">{t("delete.body")}</p>
      <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700 dark:text-slate-300">
        <li>{t("delete.effectSignIn")}</li>
        <li>{t("delete.effectApplications")}</li>
        <li>{t("delete.effectEmail")}</li>
      </ul>
      {organizations.length > 0 && <BlockingOrganizations organizations={organizations} />}
      {!open ? (
        // Blocked: the control stays visible but disabled, and the notice above says why.
        <Button variant="danger" fullWidth={false} disabled={organizations.length > 0} aria-describedby={organizations.length > 0 ? "delete-blocked" : undefined} onClick={() => setOpen(true)}>
          {t("delete.start")}
        </Button>
      ) : (
        <form onSubmit={submit} noValidate className="space-y-4 rounded-xl border border-red-200 bg-red-50/50 p-4 dark:border-red-900 dark:bg-red-950/30">
          <TextField
            id="delete-confirmation"
            name="confirmation"
            label={t("delete.confirmLabel", { phrase })}
            hint={t("delete.confirmHint")}
            autoComplete="off"
            spellCheck={false}
            value={confirmation}
            error={error && error !== "ownsLiveOrganizations" && error !== RECENT_SIGN_IN_REQUIRED ? errorText(error) : null}
            onChange={(event) => {
              setConfirmation(event.target.value);
              setError(null);
            }}
          />
          <div className="flex flex-wrap gap-3">
            <Button type="submit" variant="danger" fullWidth={false} busy={pending} busyLabel={t("delete.deleting")}>
              {t("delete.confirm")}
            </Button>
            <Button
              variant="secondary"
              fullWidth={false}
              onClick={() => {
                setOpen(false);
                setConfirmation("");
                setError(null);
              }}
            >
              {t("cancel")}
            </Button>
          </div>
        </form>
      )}
      {error === RECENT_SIGN_IN_REQUIRED && <ConfirmItsYou returnTo="/with/profile" />}
    </div>
  );
}
