"use client";

// The first step: "Sign in with a passkey" (usernameless) first, then the
// email field. What happens after the email depends only on the methods the
// application offers and on the address's domain (a forced-SSO domain
// suppresses every other method), never on the account — the page must not
// reveal whether an account exists.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Monogram } from "@/components/ui/card";
import { PasskeyIcon } from "@/components/ui/icons";
import { OrDivider } from "@/components/ui/or-divider";
import { EmailField } from "@/components/ui/text-field";
import { leaveForIdp, leaveForSocialProvider } from "../federation-start";
import { SocialIcon } from "../social-icon";
import { SOCIAL } from "@/lib/social/vocabulary";
import { useFlow } from "../flow-context";
import { keep } from "../keep-together";
import type { MessageRef } from "../error-messages";
import { signInWithPasskey } from "../passkey-ceremony";
import { StepHeader } from "../step-header";
import { useStepAction } from "../use-step-action";
import { useTranslateMessage } from "../use-translate-message";
import { useWebAuthnSupport } from "../use-webauthn-support";
import { viaApi } from "../via-api";
import type { SsoRequirement } from "@/lib/domains/sso-policy";
import type { OfferedMethods, SignedIn } from "@/lib/via/sign-in-page";

export type { OfferedMethods };

export interface StartStepProps {
  methods: OfferedMethods;
  initialEmail: string;
  notice: MessageRef | null;
  /** Someone is signed in whose sign-in this application does not accept. */
  /** Signed in as an account this flow will not take: another way to sign in, or another account, is needed. */
  signedInElsewhere: SignedIn | null;
  onSignOut: () => Promise<void>;
  onChoose: (email: string) => void;
  onCodeSent: (email: string, challengeId: string) => void;
  /** The address's domain forces its users through an IdP: every other method is suppressed. */
  onForcedSso: (email: string, connectors: SsoRequirement[]) => void;
}

// Deliberately loose: the server validates properly; this only catches typos before a round trip.
const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);

export function StartStep({ methods, initialEmail, notice, signedInElsewhere, onSignOut, onChoose, onCodeSent, onForcedSso }: StartStepProps) {
  const t = useTranslations("via");
  const flow = useFlow();
  const translate = useTranslateMessage();
  const supportsPasskeys = useWebAuthnSupport();
  const { busy, error, setError, run } = useStepAction<"passkey" | "email">();
  const [email, setEmail] = useState(initialEmail);
  const [emailError, setEmailError] = useState<string | null>(null);
  const [signingOut, setSigningOut] = useState(false);
  const [leavingFor, setLeavingFor] = useState<string | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);

  const usernameless = methods.usernameless && supportsPasskeys;
  const reasoned = methods.reasoned && supportsPasskeys;
  // With forced SSO accepted, the email field is also how a user finds their organization's IdP.
  const emailForm = methods.email || reasoned || methods.forcedSso;
  const upstreamButtons = methods.federation.length + methods.social.length;

  useEffect(() => {
    // Coming back with "Use a different email": the field is where the user continues.
    if (flow.navigated && initialEmail) emailRef.current?.select();
    // Only on mount.
  }, []);

  const serverEmailError = error?.key === "errors.invalidEmail" ? translate(error) : null;
  const shownError = error && !serverEmailError ? translate(error) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const address = email.trim();
    if (!looksLikeEmail(address)) {
      setEmailError(t("errors.invalidEmail"));
      emailRef.current?.focus();
      return;
    }
    setEmailError(null);
    // The address's domain may force SSO: asked first, so no code is mailed and no passkey asked for in vain.
    void run("email", () => viaApi.reasonEmail(flow.exposureKey, address), (reason) =>
      reason.next === "sso" ? onForcedSso(address, reason.connectors) : withOfferedMethods(address),
    );
  };

  const withOfferedMethods = (address: string) => {
    if (methods.email && reasoned) return onChoose(address);
    if (!methods.email && !reasoned) return setError({ key: "start.ssoOnly", tone: "error" });
    if (methods.email) return void run("email", () => viaApi.startEmail(flow.exposureKey, address), (data) => onCodeSent(address, data.challengeId));
    void run("email", () => signInWithPasskey(flow.exposureKey, address), flow.proceed);
  };

  const signOut = async () => {
    setSigningOut(true);
    await onSignOut();
    setSigningOut(false);
  };

  return (
    <>
      <StepHeader badge={<Monogram name={flow.application} />} title={t.rich("start.title", { application: flow.application, keep })} lead={t("start.lead")} focusTitle={!initialEmail} />

      <div className="mt-6 space-y-3 empty:hidden">
        {notice && <Alert tone={notice.tone ?? "info"}>{translate(notice)}</Alert>}
        {signedInElsewhere && (
          <Alert tone="info">
            <p>
              {t(signedInElsewhere.otherAccountExpected ? "start.otherAccountExpected" : "start.signedInElsewhere", {
                name: signedInElsewhere.displayName,
                application: flow.application,
              })}
            </p>
            <Button variant="ghost" size="sm" fullWidth={false} busy={signingOut} onClick={signOut} className="-ml-3 mt-1">
              {t("signOut")}
            </Button>
          </Alert>
        )}
        {shownError && <Alert tone="error">{shownError}</Alert>}
      </div>

      <div className="mt-8 space-y-6">
        {methods.federation.length > 0 && (
          <div className="space-y-3">
            {methods.federation.map(({ connectorAnchor, displayName }) => (
              <Button
                key={connectorAnchor}
                variant={usernameless || emailForm ? "secondary" : "primary"}
                busy={leavingFor === connectorAnchor}
                busyLabel={t("start.federationLeaving", { name: displayName })}
                onClick={() => {
                  setLeavingFor(connectorAnchor);
                  leaveForIdp(flow.exposureKey, connectorAnchor);
                }}
              >
                {t("start.federationButton", { name: displayName })}
              </Button>
            ))}
          </div>
        )}

        {methods.social.length > 0 && (
          <div className="space-y-3">
            {methods.social.map((provider) => (
              <Button
                key={provider}
                variant="secondary"
                icon={<SocialIcon provider={provider} />}
                busy={leavingFor === provider}
                busyLabel={t("start.federationLeaving", { name: SOCIAL[provider].displayName })}
                onClick={() => {
                  setLeavingFor(provider);
                  leaveForSocialProvider(flow.exposureKey, provider);
                }}
              >
                {/* Steam's button reads "Sign in with Steam" (docs 06), not "Continue with". */}
                {t(`start.${SOCIAL[provider].button}Button`, { provider: SOCIAL[provider].displayName })}
              </Button>
            ))}
          </div>
        )}

        {upstreamButtons > 0 && (usernameless || emailForm) && <OrDivider label={t("start.or")} />}

        {usernameless && (
          <Button
            icon={<PasskeyIcon />}
            busy={busy === "passkey"}
            busyLabel={t("passkey.waiting")}
            onClick={() => run("passkey", () => signInWithPasskey(flow.exposureKey), flow.proceed)}
          >
            {t("start.passkeyButton")}
          </Button>
        )}

        {usernameless && emailForm && <OrDivider label={t("start.or")} />}

        {emailForm && (
          <form noValidate onSubmit={submit} className="space-y-4">
            <EmailField
              ref={emailRef}
              id="via-email"
              name="email"
              required
              label={t("start.emailLabel")}
              placeholder={t("start.emailPlaceholder")}
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              error={emailError ?? serverEmailError}
            />
            <Button type="submit" variant={usernameless ? "secondary" : "primary"} busy={busy === "email"} busyLabel={t("start.continuing")}>
              {t("start.continue")}
            </Button>
          </form>
        )}

        {!usernameless && !emailForm && upstreamButtons === 0 && (
          <Alert tone="warning">{methods.usernameless || methods.reasoned ? t("start.passkeysUnsupported") : t("start.noMethods", { application: flow.application })}</Alert>
        )}
      </div>
    </>
  );
}
