"use client";

// The device approval page, client side (docs 19 §2): enter or confirm the
// code → the ordinary sign-in card for the code's DEVICE inquiry (Layer 1
// methods, Layer 2, consent) → approve or deny. A browser that already
// signed in for the code (a reload) goes straight to the decision.
import { useCallback, useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import type { DeviceLookup } from "@/lib/device/lookup";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FlowContext, type Flow } from "../flow-context";
import { SignInFlow } from "../sign-in-flow";
import { DeviceDecisionStep } from "../steps/device-decision-step";
import { EnterCodeStep } from "./enter-code-step";

type State = { name: "enter"; code: string; notice: string | null } | { name: "found"; lookup: DeviceLookup };

export interface DeviceFlowProps {
  /** The well-formed code from the device's link (`?user_code=`), or "". */
  initialCode: string;
  /** The link carried a code that cannot be one. */
  linkInvalid: boolean;
  codeMinutes: number;
}

export function DeviceFlow({ initialCode, linkInvalid, codeMinutes }: DeviceFlowProps) {
  const t = useTranslations("device");
  const [state, setState] = useState<State>({ name: "enter", code: initialCode, notice: linkInvalid ? t("errors.linkInvalid") : null });
  const [moves, setMoves] = useState(0);

  const go = useCallback((next: State) => {
    setState(next);
    setMoves((value) => value + 1);
  }, []);

  const found = useCallback(
    (lookup: DeviceLookup) => {
      // A reload (or a language switch) comes back to this code, confirmed by one click.
      const url = new URL(window.location.href);
      url.searchParams.set("user_code", lookup.userCode);
      window.history.replaceState(null, "", url);
      go({ name: "found", lookup });
    },
    [go],
  );

  const lookup = state.name === "found" ? state.lookup : null;
  // The decision card outside the sign-in card (after a reload) needs the flow the steps share.
  const decisionFlow = useMemo<Flow | null>(
    () =>
      lookup
        ? {
            exposureKey: lookup.exposureKey,
            application: lookup.application,
            navigated: true,
            proceed: () => {},
            escalate: () => go({ name: "enter", code: lookup.userCode, notice: t("errors.signInAgain") }),
          }
        : null,
    [lookup, go, t],
  );

  if (state.name === "enter") {
    return (
      <Card>
        <div data-step="device-enter">
          <EnterCodeStep key={moves} initialCode={state.code} notice={state.notice} navigated={moves > 0} onFound={found} />
        </div>
      </Card>
    );
  }

  const current = state.lookup;
  return (
    <div className="flex w-full flex-col items-center gap-4">
      {current.step === "sign-in" ? (
        <SignInFlow
          exposureKey={current.exposureKey}
          application={current.application}
          methods={current.methods}
          signedIn={current.signedIn}
          requirements={current.requirements}
          codeMinutes={codeMinutes}
        />
      ) : (
        <FlowContext value={decisionFlow!}>
          <Card>
            <div data-step="device-decision">
              <DeviceDecisionStep userCode={current.userCode} />
            </div>
          </Card>
        </FlowContext>
      )}
      <p className="text-center text-sm text-slate-600 dark:text-slate-400">
        {t("enter.forCode", { code: current.userCode })}
      </p>
      <Button variant="ghost" fullWidth={false} size="sm" onClick={() => go({ name: "enter", code: "", notice: null })}>
        {t("enter.otherCode")}
      </Button>
    </div>
  );
}
