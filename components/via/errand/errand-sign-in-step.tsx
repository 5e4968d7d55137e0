"use client";

// Sign-in before identity data is written (docs 31 "Security behavior"): as
// the errand's account only — with Steam for a Steam-first account, or with
// a code sent to one of the account's addresses. Someone else signed in to
// this browser is told so, and offered to sign out.
import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import type { ErrandSignInStep as SignInStepView } from "@/lib/errand/errand-view";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { StatusBadge } from "@/components/ui/card";
import { LockIcon } from "@/components/ui/icons";
import { OrDivider } from "@/components/ui/or-divider";
import { EmailField } from "@/components/ui/text-field";
import { errandApi } from "./errand-api";
import { useErrandAction, useErrandFlow, useErrandMessage } from "./errand-context";
import { ErrandStepHeader } from "./errand-step-header";

export type SteamNotice = "cancelled" | "invalid" | "unavailable" | "mismatch";

const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);

const linkButtonClasses =
  "inline-flex min-h-11 w-full items-center justify-center gap-2 rounded-lg border border-slate-300 bg-slate-900 px-4 py-2.5 text-[0.9375rem] font-semibold text-white shadow-sm transition-colors hover:bg-slate-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 dark:border-slate-600 dark:bg-slate-800 dark:hover:bg-slate-700";

export function ErrandSignInStep({
  step,
  requested,
  steamNotice,
  initialEmail,
  onCodeSent,
}: {
  step: SignInStepView;
  requested: boolean;
  steamNotice: SteamNotice | null;
  initialEmail: string;
  onCodeSent: (email: string, challengeId: string) => void;
}) {
  const t = useTranslations("errand.signIn");
  const flow = useErrandFlow();
  const translate = useErrandMessage();
  const { busy, error, run } = useErrandAction<"email" | "sign-out">();
  const [email, setEmail] = useState(initialEmail);
  const [emailError, setEmailError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const address = email.trim();
    if (!looksLikeEmail(address)) {
      setEmailError(translate({ key: "errors.invalidEmail" }));
      return;
    }
    setEmailError(null);
    void run("email", () => errandApi.startEmail(flow.errandKey, "sign-in", address), (data) => onCodeSent(address, data.challengeId));
  };

  const signOut = () => run("sign-out", () => errandApi.signOut(), () => flow.reload());

  return (
    <>
      <ErrandStepHeader
        badge={
          <StatusBadge tone="brand">
            <LockIcon className="h-7 w-7" />
          </StatusBadge>
        }
        title={t("title")}
        lead={requested ? t("leadRequested", { application: flow.application }) : t("lead", { application: flow.application })}
      />
      <div className="mt-6 space-y-3 empty:hidden">
        {steamNotice && <Alert tone="warning">{t(`steamNotice.${steamNotice}`, { application: flow.application })}</Alert>}
        {step.elsewhere !== null && (
          <Alert tone="info">
            <p>{t("elsewhere", { name: step.elsewhere, application: flow.application })}</p>
            <Button variant="ghost" size="sm" fullWidth={false} busy={busy === "sign-out"} onClick={signOut} className="-ml-3 mt-1">
              {t("signOut")}
            </Button>
          </Alert>
        )}
        {error && <Alert tone="error">{translate(error)}</Alert>}
      </div>
      {step.elsewhere === null && (
        <div className="mt-8 space-y-6">
          {step.methods.steam && (
            // A plain navigation: the round trip to Steam and back is the server's.
            <a href={`/via/errand/steam?key=${encodeURIComponent(flow.errandKey)}`} className={linkButtonClasses}>
              {t("steam")}
            </a>
          )}
          {step.methods.steam && step.methods.email && (
            <OrDivider label={t("or")} />
          )}
          {step.methods.email && (
            <form noValidate onSubmit={submit} className="space-y-4">
              <EmailField
                id="errand-sign-in-email"
                required
                label={t("emailLabel")}
                placeholder={t("emailPlaceholder")}
                value={email}
                onChange={(event) => setEmail(event.currentTarget.value)}
                error={emailError}
              />
              <Button type="submit" variant={step.methods.steam ? "secondary" : "primary"} busy={busy === "email"} busyLabel={t("sending")}>
                {t("sendCode")}
              </Button>
            </form>
          )}
          {!step.methods.steam && !step.methods.email && <Alert tone="warning">{t("noMethods", { application: flow.application })}</Alert>}
        </div>
      )}
    </>
  );
}
