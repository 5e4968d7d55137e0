"use client";

// Edit first and last name. Errors come back as message keys and are shown
// next to the field they belong to.
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { Notice } from "@/components/with/portal-ui";
import { useAccountError } from "./use-account-error";
import { saveProfileName } from "@/app/(with)/with/profile/actions";

export function ProfileNameForm({ firstName, lastName, maxLength }: { firstName: string; lastName: string; maxLength: number }) {
  const t = useTranslations("withAccount");
  const errorText = useAccountError();
  const router = useRouter();
  const [values, setValues] = useState({ firstName, lastName });
  const [errors, setErrors] = useState<Partial<Record<"firstName" | "lastName", string>>>({});
  const [status, setStatus] = useState<"idle" | "saved" | { error: string }>("idle");
  const [pending, startTransition] = useTransition();

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await saveProfileName(values);
      if (result.ok) {
        setErrors({});
        setValues({ firstName: result.firstName ?? "", lastName: result.lastName ?? "" });
        setStatus("saved");
        router.refresh();
      } else if (result.error === "fields" && "fields" in result) {
        setErrors(result.fields);
        setStatus("idle");
      } else {
        setErrors({});
        setStatus({ error: result.error });
      }
    });
  };

  const fieldError = (field: "firstName" | "lastName") => (errors[field] ? t(`errors.${errors[field]}` as "errors.nameInvalid", { max: maxLength }) : null);

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id="first-name"
          name="firstName"
          label={t("profile.firstName")}
          autoComplete="given-name"
          value={values.firstName}
          error={fieldError("firstName")}
          onChange={(event) => {
            setValues({ ...values, firstName: event.target.value });
            setStatus("idle");
          }}
        />
        <TextField
          id="last-name"
          name="lastName"
          label={t("profile.lastName")}
          autoComplete="family-name"
          value={values.lastName}
          error={fieldError("lastName")}
          onChange={(event) => {
            setValues({ ...values, lastName: event.target.value });
            setStatus("idle");
          }}
        />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" fullWidth={false} busy={pending} busyLabel={t("profile.saving")}>
          {t("profile.save")}
        </Button>
        {status === "saved" && (
          <p role="status" className="text-sm font-medium text-emerald-700 dark:text-emerald-300">
            {t("profile.saved")}
          </p>
        )}
      </div>
      {typeof status === "object" && <Notice tone="danger">{errorText(status.error)}</Notice>}
    </form>
  );
}
