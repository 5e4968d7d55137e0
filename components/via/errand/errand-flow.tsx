"use client";

// The errand page's card, client side. The server decides what is owed
// (ErrandView); this component shows the first thing left: sign in (as the
// errand's account), add an email, review and decide — then done. Every
// action answers with a fresh view; a view that changed under the page
// (errand over, sign-in lapsed) reloads it.
import { useCallback, useMemo, useState } from "react";
import type { ErrandView } from "@/lib/errand/errand-view";
import { Card } from "@/components/ui/card";
import type { ErrandPurpose } from "./errand-api";
import { ErrandFlowContext, type ErrandFlow as Flow } from "./errand-context";
import { ErrandAddEmailStep } from "./errand-add-email-step";
import { ErrandCodeStep } from "./errand-code-step";
import { ErrandDoneStep } from "./errand-done-step";
import { ErrandExpired } from "./errand-expired";
import { ErrandReviewStep } from "./errand-review-step";
import { ErrandSignInStep, type SteamNotice } from "./errand-sign-in-step";

type Code = { purpose: ErrandPurpose; email: string; challengeId: string };

export interface ErrandFlowProps {
  errandKey: string;
  initialView: Exclude<ErrandView, { state: "expired" }>;
  steamNotice: SteamNotice | null;
  codeMinutes: number;
}

export function ErrandFlow({ errandKey, initialView, steamNotice, codeMinutes }: ErrandFlowProps) {
  const [view, setView] = useState<ErrandView>(initialView);
  const [code, setCode] = useState<Code | null>(null);
  const [emailSkipped, setEmailSkipped] = useState(false);
  const [typedEmail, setTypedEmail] = useState("");
  const [stepNumber, setStepNumber] = useState(0);
  const application = initialView.application;

  const advance = useCallback(() => setStepNumber((value) => value + 1), []);
  const show = useCallback(
    (next: ErrandView) => {
      setCode(null);
      setView(next);
      advance();
    },
    [advance],
  );
  // The page itself, freshly rendered (without a Steam notice that was already shown).
  const reload = useCallback(() => window.location.replace(`/via/errand?key=${encodeURIComponent(errandKey)}`), [errandKey]);
  const flow = useMemo<Flow>(() => ({ errandKey, application, navigated: stepNumber > 0, show, reload }), [errandKey, application, stepNumber, show, reload]);

  const codeSent = (purpose: ErrandPurpose) => (email: string, challengeId: string) => {
    setTypedEmail(email);
    setCode({ purpose, email, challengeId });
    advance();
  };

  const [name, body] = ((): [string, React.ReactNode] => {
    if (view.state === "expired") return ["expired", <ErrandExpired key="expired" inCard={false} />];
    if (view.state === "completed") return ["done", <ErrandDoneStep key="done" />];
    if (code) {
      return [
        "code",
        <ErrandCodeStep
          key="code"
          purpose={code.purpose}
          email={code.email}
          challengeId={code.challengeId}
          codeMinutes={codeMinutes}
          onResent={(challengeId) => setCode({ ...code, challengeId })}
          onBack={() => {
            setCode(null);
            advance();
          }}
        />,
      ];
    }
    if (view.signIn) {
      return [
        "sign-in",
        <ErrandSignInStep key="sign-in" step={view.signIn} requested={view.requested} steamNotice={stepNumber === 0 ? steamNotice : null} initialEmail={typedEmail} onCodeSent={codeSent("sign-in")} />,
      ];
    }
    if (view.addEmail && !(emailSkipped && !view.addEmail.required)) {
      return [
        "add-email",
        <ErrandAddEmailStep
          key="add-email"
          required={view.addEmail.required}
          initialEmail=""
          onCodeSent={codeSent("add-email")}
          onSkip={() => {
            setEmailSkipped(true);
            advance();
          }}
        />,
      ];
    }
    return ["review", <ErrandReviewStep key="review" ask={view.review.ask} missingNames={view.review.missingNames} requirements={view.requirements} />];
  })();

  return (
    <ErrandFlowContext value={flow}>
      <Card>
        <div key={stepNumber} data-step={name}>
          {body}
        </div>
      </Card>
    </ErrandFlowContext>
  );
}
