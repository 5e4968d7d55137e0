"use client";

// Forced SSO (docs 25): the user's email domain requires its organization's
// IdP. A confirmation screen, never a silent jump — "Continue with <IdP>",
// or a picker when two organizations' domains govern the account (any one
// of their IdPs will do). Reached from the email step (`email` is the typed
// address) or when realize turned a no-email sign-in back (`email` null).
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { StatusBadge } from "@/components/ui/card";
import { ArrowLeftIcon, BuildingIcon } from "@/components/ui/icons";
import type { SsoRequirement } from "@/lib/domains/sso-policy";
import { leaveForIdp } from "../federation-start";
import { useFlow } from "../flow-context";
import { keep } from "../keep-together";
import { StepHeader } from "../step-header";

export interface ForcedSsoStepProps {
  connectors: SsoRequirement[];
  email: string | null;
  /** Back to the email field (email-first) or sign out to use another account (realize-time). */
  onBack: () => Promise<void> | void;
}

export function ForcedSsoStep({ connectors, email, onBack }: ForcedSsoStepProps) {
  const t = useTranslations("via");
  const flow = useFlow();
  const [leavingFor, setLeavingFor] = useState<string | null>(null);
  const [goingBack, setGoingBack] = useState(false);
  const single = connectors.length === 1 ? connectors[0]! : null;
  const domain = email ? email.slice(email.lastIndexOf("@") + 1) : null;

  const lead = single
    ? domain
      ? t.rich("forcedSso.leadDomain", { domain, name: single.displayName, keep })
      : t("forcedSso.leadAccount", { name: single.displayName })
    : t("forcedSso.leadPicker");

  return (
    <>
      <StepHeader
        badge={
          <StatusBadge tone="brand">
            <BuildingIcon />
          </StatusBadge>
        }
        title={single ? t.rich("forcedSso.title", { name: single.displayName, keep }) : t("forcedSso.pickerTitle")}
        lead={lead}
      />
      {email && (
        <p className="mt-4 text-center text-sm text-slate-600 dark:text-slate-400">
          {t("forcedSso.continuingAs")}{" "}
          {/* The address moves to the next line whole rather than breaking at a hyphen. */}
          <span className="inline-block max-w-full font-medium wrap-anywhere text-slate-900 dark:text-slate-100">{email}</span>
        </p>
      )}
      <div className="mt-8 space-y-3" {...(single ? {} : { role: "group", "aria-label": t("forcedSso.pickerLabel") })}>
        {connectors.map(({ connectorAnchor, displayName }) => (
          <Button
            key={connectorAnchor}
            variant={single ? "primary" : "secondary"}
            busy={leavingFor === connectorAnchor}
            busyLabel={t("forcedSso.leaving", { name: displayName })}
            onClick={() => {
              if (leavingFor) return;
              setLeavingFor(connectorAnchor);
              leaveForIdp(flow.exposureKey, connectorAnchor, email);
            }}
          >
            {t("forcedSso.continue", { name: displayName })}
          </Button>
        ))}
      </div>
      <p className="mt-6 text-center text-sm text-slate-600 dark:text-slate-400">{t("forcedSso.why", { application: flow.application })}</p>
      <div className="mt-6 flex justify-center">
        <Button
          variant="ghost"
          size="sm"
          fullWidth={false}
          icon={email ? <ArrowLeftIcon /> : undefined}
          busy={goingBack}
          onClick={async () => {
            setGoingBack(true);
            await onBack();
          }}
        >
          {email ? t("differentEmail") : t("forcedSso.differentAccount")}
        </Button>
      </div>
    </>
  );
}
