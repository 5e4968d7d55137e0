// Passkey ceremonies in the browser: server options → the platform's
// passkey prompt → server verification. A cancelled or timed-out prompt never
// reaches the server, so it costs the inquiry no life.
import {
  startAuthentication,
  startRegistration,
  WebAuthnError,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/browser";
import type { ViaOutcome } from "@/lib/via/outcome";
import { callVia, type ViaError, type ViaResult } from "./via-api";

function ceremonyError(error: unknown, registering: boolean): ViaError {
  const name = error instanceof WebAuthnError ? (error.cause as { name?: string } | undefined)?.name : error instanceof Error ? error.name : undefined;
  if (error instanceof WebAuthnError && error.code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED") return { reason: "PasskeyExists" };
  if (registering && name === "InvalidStateError") return { reason: "PasskeyExists" };
  if (name === "NotAllowedError" || name === "AbortError" || (error instanceof WebAuthnError && error.code === "ERROR_CEREMONY_ABORTED")) {
    return { reason: "PasskeyCancelled" };
  }
  return { reason: "PasskeyUnavailable" };
}

/** Usernameless when `email` is undefined (PASSKEY_USERNAMELESS), email-first otherwise (PASSKEY_REASONED). */
export async function signInWithPasskey(exposureKey: string, email?: string): Promise<ViaResult<ViaOutcome>> {
  const options = await callVia<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }>(
    "passkey/sign-in/options",
    email === undefined ? { exposureKey } : { exposureKey, email },
  );
  if (!options.ok) return options;
  let response;
  try {
    response = await startAuthentication({ optionsJSON: options.data.options });
  } catch (error) {
    return { ok: false, error: ceremonyError(error, false) };
  }
  return callVia<ViaOutcome>("passkey/sign-in/verify", { exposureKey, challengeId: options.data.challengeId, response });
}

/** Adds a passkey to the account signed in to this browser. */
export async function addPasskey(label?: string): Promise<ViaResult<{ credentialId: string; label: string }>> {
  const options = await callVia<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON }>("passkey/register/options", {});
  if (!options.ok) return options;
  let response;
  try {
    response = await startRegistration({ optionsJSON: options.data.options });
  } catch (error) {
    return { ok: false, error: ceremonyError(error, true) };
  }
  return callVia("passkey/register/verify", { challengeId: options.data.challengeId, response, ...(label ? { label } : {}) });
}
