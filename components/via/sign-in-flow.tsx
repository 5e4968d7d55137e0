"use client";

// The sign-in card's steps, client side: start (passkey / email) → choose →
// code → add a passkey (new accounts) → consent → back to the application
// (redirect, "return to the app", or the one-time token reveal). Each step
// calls via's JSON endpoints itself; this component only decides which step
// is showing.
import { useCallback, useMemo, useState } from "react";
import type { SsoRequirement } from "@/lib/domains/sso-policy";
import type { Claim, Requirement } from "@/lib/identity/claims-vocabulary";
import type { ViaOutcome } from "@/lib/via/outcome";
import type { SignedIn } from "@/lib/via/sign-in-page";
import { Card } from "@/components/ui/card";
import { describeError, type MessageRef } from "./error-messages";
import { FlowContext, type Flow } from "./flow-context";
import { AddPasskeyStep } from "./steps/add-passkey-step";
import { CancelledStep } from "./steps/cancelled-step";
import { ChooseStep } from "./steps/choose-step";
import { CodeStep } from "./steps/code-step";
import { ConsentStep } from "./steps/consent-step";
import { ContinuingStep } from "./steps/continuing-step";
import { ForcedSsoStep } from "./steps/forced-sso-step";
import { DeviceDecisionStep, DeviceDeniedStep } from "./steps/device-decision-step";
import { ReturningStep } from "./steps/returning-step";
import { RevealStep } from "./steps/reveal-step";
import { SignedInStep } from "./steps/signed-in-step";
import { StartStep, type OfferedMethods } from "./steps/start-step";
import { StoppedStep } from "./steps/stopped-step";
import { useWebAuthnSupport } from "./use-webauthn-support";
import { viaApi, type ViaError, type VerifiedOutcome } from "./via-api";

type Step =
  | { name: "continuing" }
  | { name: "start"; notice: MessageRef | null }
  | { name: "choose"; email: string }
  | { name: "sso"; connectors: SsoRequirement[]; email: string | null }
  | { name: "code"; email: string; challengeId: string }
  | { name: "add-passkey"; then: ViaOutcome }
  | { name: "consent"; ask: Claim[]; missingData: Claim[] }
  | { name: "cancelled"; ask: Claim[]; missingData: Claim[] }
  | { name: "returning"; redirectTo: string; declined: boolean }
  | { name: "signed-in" }
  | { name: "reveal"; tokens: { accessToken?: string; refreshToken?: string }; continueTo: string | null }
  | { name: "device-decision"; userCode: string }
  | { name: "device-denied" }
  | { name: "stopped"; kind: "ended" | "blocked"; message: MessageRef };

export interface SignInFlowProps {
  exposureKey: string;
  application: string;
  methods: OfferedMethods;
  signedIn: SignedIn | null;
  requirements: Record<Claim, Requirement> | null;
  codeMinutes: number;
  /** Shown on the first step: why a round trip to an IdP came back without a sign-in. */
  notice?: MessageRef | null;
}

function stepFor(outcome: ViaOutcome): Step {
  switch (outcome.next) {
    case "consent":
      return { name: "consent", ask: outcome.ask, missingData: outcome.missingData };
    case "callback":
      return { name: "returning", redirectTo: outcome.redirectTo, declined: outcome.declined === true };
    case "status-poll":
      return { name: "signed-in" };
    case "reveal":
      return { name: "reveal", tokens: outcome.tokens, continueTo: outcome.continueTo };
    case "device-decision":
      return { name: "device-decision", userCode: outcome.userCode };
    case "device-denied":
      return { name: "device-denied" };
    case "sso":
      // Realize turned a no-email sign-in back: the account must go through its domain's IdP.
      return { name: "sso", connectors: outcome.connectors, email: null };
  }
}

export function SignInFlow({ exposureKey, application, methods, signedIn: initiallySignedIn, requirements, codeMinutes, notice = null }: SignInFlowProps) {
  const supportsPasskeys = useWebAuthnSupport();
  const [signedIn, setSignedIn] = useState(initiallySignedIn);
  const [step, setStep] = useState<Step>(initiallySignedIn?.usableHere ? { name: "continuing" } : { name: "start", notice });
  const [stepNumber, setStepNumber] = useState(0);
  const [email, setEmail] = useState("");

  const go = useCallback((next: Step) => {
    setStep(next);
    setStepNumber((value) => value + 1);
  }, []);

  const proceed = useCallback((outcome: ViaOutcome) => go(stepFor(outcome)), [go]);

  const escalate = useCallback(
    (error: ViaError) => {
      const described = describeError(error);
      if (described.kind === "ended" || described.kind === "blocked") return go({ name: "stopped", kind: described.kind, message: described.message });
      // The browser's sign-in lapsed (or an unexpected reason reached here): start over.
      setSignedIn(null);
      go({ name: "start", notice: described.message });
    },
    [go],
  );

  const signOut = useCallback(
    async (notice: MessageRef | null) => {
      await viaApi.signOut();
      setSignedIn(null);
      go({ name: "start", notice });
    },
    [go],
  );

  const flow = useMemo<Flow>(
    () => ({ exposureKey, application, navigated: stepNumber > 0, proceed, escalate }),
    [exposureKey, application, stepNumber, proceed, escalate],
  );

  const afterVerified = (outcome: VerifiedOutcome) => {
    const { registered, ...rest } = outcome;
    const next = rest as ViaOutcome;
    setSignedIn(null);
    if (registered && supportsPasskeys) go({ name: "add-passkey", then: next });
    else proceed(next);
  };

  const view = (() => {
    switch (step.name) {
      case "continuing":
        return <ContinuingStep displayName={signedIn?.displayName ?? ""} onUseAnother={() => signOut({ key: "notices.signedOut" })} />;
      case "start":
        return (
          <StartStep
            methods={methods}
            initialEmail={email}
            notice={step.notice}
            signedInElsewhere={signedIn && !signedIn.usableHere ? signedIn : null}
            onSignOut={() => signOut({ key: "notices.signedOut" })}
            onChoose={(address) => {
              setEmail(address);
              go({ name: "choose", email: address });
            }}
            onCodeSent={(address, challengeId) => {
              setEmail(address);
              go({ name: "code", email: address, challengeId });
            }}
            onForcedSso={(address, connectors) => {
              setEmail(address);
              go({ name: "sso", connectors, email: address });
            }}
          />
        );
      case "sso":
        return (
          <ForcedSsoStep
            connectors={step.connectors}
            email={step.email}
            onBack={step.email ? () => go({ name: "start", notice: null }) : () => signOut({ key: "notices.signedOut" })}
          />
        );
      case "choose":
        return (
          <ChooseStep
            email={step.email}
            onCodeSent={(challengeId) => go({ name: "code", email: step.email, challengeId })}
            onBack={() => go({ name: "start", notice: null })}
          />
        );
      case "code":
        return (
          <CodeStep
            email={step.email}
            challengeId={step.challengeId}
            codeMinutes={codeMinutes}
            // A resend replaces the challenge without leaving the step (no remount, no focus jump).
            onResent={(challengeId) => setStep({ ...step, challengeId })}
            onVerified={afterVerified}
            onBack={() => go({ name: "start", notice: null })}
          />
        );
      case "add-passkey":
        return <AddPasskeyStep onDone={() => proceed(step.then)} />;
      case "consent":
        return <ConsentStep ask={step.ask} missingData={step.missingData} requirements={requirements} onCancel={() => go({ ...step, name: "cancelled" })} />;
      case "cancelled":
        return <CancelledStep onReview={() => go({ ...step, name: "consent" })} />;
      case "returning":
        return <ReturningStep redirectTo={step.redirectTo} declined={step.declined} />;
      case "signed-in":
        return <SignedInStep />;
      case "reveal":
        return <RevealStep tokens={step.tokens} continueTo={step.continueTo} />;
      case "device-decision":
        return <DeviceDecisionStep userCode={step.userCode} />;
      case "device-denied":
        return <DeviceDeniedStep />;
      case "stopped":
        return <StoppedStep kind={step.kind} message={step.message} onUseAnother={() => signOut(null)} />;
    }
  })();

  return (
    <FlowContext value={flow}>
      <Card>
        <div key={stepNumber} data-step={step.name}>
          {view}
        </div>
      </Card>
    </FlowContext>
  );
}
