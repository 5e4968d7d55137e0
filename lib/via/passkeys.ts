// Passkeys on via (docs 06): one credential row serves both sign-in buttons.
// Both ask the browser for any discoverable credential — email-first too, so
// its options are the same for every address (docs 15 §2) — and
// PASSKEY_REASONED then accepts only a passkey of the account behind the
// typed email. User verification is always required. Failed assertions spend
// a life of the inquiry.
import crypto from "node:crypto";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { insertPasskeyChallenge, takePasskeyChallenge } from "@/db/queries/challenges";
import { findAuthentication, findEmailIdentity, insertAuthentication, listAuthentications, updatePasskeyUse } from "@/db/queries/identity";
import { addSeconds } from "../clock";
import { fail } from "../errors";
import { loadAccountIdentity } from "../identity/accounts";
import { emailAddressSchema } from "../identity/email-address";
import { spendInquiryLife } from "../inquiry/spend-life";
import { enforceRateLimit, type RateLimit } from "../rate-limit";
import { checkAuthenticationMethod } from "../rules";
import type { Deps } from "../runtime";
import type { Browser } from "./browser";
import { currentBrowserSession, recentBrowserSession, startBrowserSession } from "./browser-session";
import { suppressForForcedSso } from "./email-reason";
import { realizeForBrowser, type ViaOutcome } from "./outcome";
import { pendingInquiry } from "./pending-inquiry";

const CHALLENGE_TTL_SECONDS = 5 * 60;
const CEREMONY_TIMEOUT_MS = 120_000;

type ViaDeps = Pick<Deps, "db" | "keyring" | "clock" | "cache" | "config">;

export function relyingParty(config: Deps["config"]) {
  const url = new URL(config.publicUrl);
  return { rpID: url.hostname, origin: url.origin, rpName: "Sudomimus" };
}

/**
 * Sign-in options asked for from one network address per minute. Each answer
 * stores a challenge (kept a day past its expiry), so one client must not be
 * able to write them without end; generous, as an office behind one NAT
 * shares the address.
 */
export const SIGN_IN_OPTIONS_PER_CLIENT: RateLimit = { limit: 60, windowSeconds: 60 };

/** The WebAuthn user handle: stable per account, never the account id itself. */
function userHandle(deps: Pick<Deps, "keyring">, accountId: string): Uint8Array<ArrayBuffer> {
  const digest = crypto.createHmac("sha256", deps.keyring.signingKey).update(`webauthn-user:${accountId}`).digest();
  const handle = new Uint8Array(new ArrayBuffer(digest.length));
  handle.set(digest);
  return handle;
}

export async function passkeySignInOptions(
  deps: ViaDeps,
  browser: Browser,
  input: { exposureKey: string; email?: string },
): Promise<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  if (browser.address) await enforceRateLimit(deps, `passkey-options:client:${browser.address}`, SIGN_IN_OPTIONS_PER_CLIENT);
  const { inquiry, context } = await pendingInquiry(deps, input.exposureKey);
  const method = input.email === undefined ? "PASSKEY_USERNAMELESS" : "PASSKEY_REASONED";
  if (!checkAuthenticationMethod(context.rules.authentication, inquiry.authenticationConstraints, { method }).allowed) {
    fail("Layer1Denied", { message: "This passkey sign-in is not offered by this application." });
  }
  // Email-first names no credentials either, so the answer is the same for
  // every address (docs 15 §2): a list of the account's passkeys would give a
  // registered address away by their number, id lengths and transports (and
  // hand out its credential ids), and no decoy can mimic what real
  // authenticators produce. The browser still finds the passkey because every
  // one is registered discoverable (registrationOptionsFor); the typed
  // address's account rides on the challenge, and passkeySignInVerify refuses
  // another account's passkey (any passkey, for an address without an
  // account) exactly like a wrong one. The price: a device holding several
  // accounts' passkeys offers them all.
  let accountId: string | null = null;
  if (input.email !== undefined) {
    const parsed = emailAddressSchema.safeParse(input.email);
    if (!parsed.success) fail("Invalid email", { message: "Enter a valid email address." });
    await suppressForForcedSso(deps, parsed.data);
    accountId = (await findEmailIdentity(deps.db, parsed.data))?.accountId ?? null;
  }
  const { rpID } = relyingParty(deps.config);
  const options = await generateAuthenticationOptions({ rpID, allowCredentials: [], userVerification: "required", timeout: CEREMONY_TIMEOUT_MS });
  const now = deps.clock.now();
  const challenge = await insertPasskeyChallenge(deps.db, {
    purpose: "SIGN_IN",
    method,
    challenge: options.challenge,
    browserBinding: browser.binding,
    inquiryId: inquiry.row.id,
    accountId,
    expiresAt: addSeconds(now, CHALLENGE_TTL_SECONDS),
    createdAt: now,
  });
  return { challengeId: challenge.id, options };
}

export async function passkeySignInVerify(
  deps: ViaDeps,
  browser: Browser,
  input: { exposureKey: string; challengeId: string; response: AuthenticationResponseJSON },
): Promise<ViaOutcome> {
  const { inquiry } = await pendingInquiry(deps, input.exposureKey);
  const now = deps.clock.now();
  const challenge = /^[0-9a-f-]{36}$/.test(input.challengeId) ? await takePasskeyChallenge(deps.db, input.challengeId, browser.binding, now) : null;
  if (!challenge || challenge.inquiryId !== inquiry.row.id || !challenge.method) {
    fail("PasskeyFailed", { message: "The passkey request expired. Try again." });
  }
  const failed = async (): Promise<never> => {
    const livesRemaining = await spendInquiryLife(deps, inquiry.row);
    if (!livesRemaining) fail("InquiryDead", { message: "Too many failed attempts ended this sign-in. Start again from the application." });
    fail("PasskeyFailed", { message: "That passkey could not be verified.", body: { livesRemaining } });
  };
  const credential = typeof input.response?.id === "string" ? await findAuthentication(deps.db, "PASSKEY", input.response.id) : null;
  // Email-first: the passkey must belong to the account of the typed address
  // (the options named none, for any address — see passkeySignInOptions).
  if (!credential || !credential.publicKey || (challenge.method === "PASSKEY_REASONED" && credential.accountId !== challenge.accountId)) {
    return failed();
  }
  const { rpID, origin } = relyingParty(deps.config);
  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response: input.response,
      expectedChallenge: challenge.challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      credential: {
        id: credential.subject,
        publicKey: new Uint8Array(credential.publicKey),
        counter: credential.signCount ?? 0,
        transports: credential.transports ?? undefined,
      },
      requireUserVerification: true,
    });
  } catch {
    return failed();
  }
  if (!verification.verified) return failed();
  await updatePasskeyUse(deps.db, credential.id, verification.authenticationInfo.newCounter, now);
  const session = await startBrowserSession(deps, browser, {
    accountId: credential.accountId,
    authenticationMethod: challenge.method,
    loginEmail: null,
  });
  return realizeForBrowser(deps, inquiry, session);
}

type RegistrationDeps = Pick<Deps, "db" | "keyring" | "clock" | "config">;

/** via offers a passkey right after a sign-in, and only then (RECENT_SIGN_IN_SECONDS). */
async function freshlySignedIn(deps: RegistrationDeps, browser: Browser): Promise<{ accountId: string; binding: string }> {
  const session = await recentBrowserSession(deps, browser);
  return { accountId: session.accountId, binding: browser.binding };
}

/** via: a passkey for the account signed in on this browser (offered right after sign-in). */
export async function passkeyRegistrationOptions(
  deps: RegistrationDeps,
  browser: Browser,
): Promise<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON }> {
  return registrationOptionsFor(deps, await freshlySignedIn(deps, browser));
}

/** via: verifies the new passkey of the account signed in on this browser. */
export async function passkeyRegistrationVerify(
  deps: RegistrationDeps,
  browser: Browser,
  input: { challengeId: string; response: RegistrationResponseJSON; label?: string },
): Promise<{ credentialId: string; label: string }> {
  return registrationVerifyFor(deps, await freshlySignedIn(deps, browser), input);
}

/**
 * Registration options for a known account — the one implementation behind
 * via's offer and the portal's "Add a passkey". `binding` ties the challenge
 * to the browser that asked.
 */
export async function registrationOptionsFor(
  deps: RegistrationDeps,
  who: { accountId: string; binding: string },
): Promise<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON }> {
  const identity = await loadAccountIdentity(deps.db, who.accountId);
  if (!identity) fail("SignInRequired", { message: "Sign in to add a passkey." });
  const existing = await listAuthentications(deps.db, who.accountId, "PASSKEY");
  const { rpID, rpName } = relyingParty(deps.config);
  const userName = identity.primaryEmail ?? "Sudomimus account";
  const displayName = [identity.account.firstName, identity.account.lastName].filter(Boolean).join(" ") || userName;
  const options = await generateRegistrationOptions({
    rpName,
    rpID,
    userName,
    userDisplayName: displayName,
    userID: userHandle(deps, who.accountId),
    timeout: CEREMONY_TIMEOUT_MS,
    attestationType: "none",
    excludeCredentials: existing.map((row) => ({ id: row.subject, transports: row.transports ?? undefined })),
    // Discoverable, so the usernameless button can find it; verified, so it is a second factor on its own.
    authenticatorSelection: { residentKey: "required", requireResidentKey: true, userVerification: "required" },
  });
  const now = deps.clock.now();
  const challenge = await insertPasskeyChallenge(deps.db, {
    purpose: "ADD_PASSKEY",
    challenge: options.challenge,
    browserBinding: who.binding,
    accountId: who.accountId,
    expiresAt: addSeconds(now, CHALLENGE_TTL_SECONDS),
    createdAt: now,
  });
  return { challengeId: challenge.id, options };
}

export async function registrationVerifyFor(
  deps: RegistrationDeps,
  who: { accountId: string; binding: string },
  input: { challengeId: string; response: RegistrationResponseJSON; label?: string },
): Promise<{ credentialId: string; label: string }> {
  const now = deps.clock.now();
  const challenge = /^[0-9a-f-]{36}$/.test(input.challengeId) ? await takePasskeyChallenge(deps.db, input.challengeId, who.binding, now) : null;
  if (!challenge || challenge.purpose !== "ADD_PASSKEY" || challenge.accountId !== who.accountId) {
    fail("PasskeyFailed", { message: "The passkey request expired. Try again." });
  }
  const { rpID, origin } = relyingParty(deps.config);
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response: input.response,
      expectedChallenge: challenge.challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: true,
    });
  } catch {
    fail("PasskeyFailed", { message: "The passkey could not be registered. Try again." });
  }
  if (!verification.verified) fail("PasskeyFailed", { message: "The passkey could not be registered. Try again." });
  const info = verification.registrationInfo;
  const label = input.label?.trim().slice(0, 60) || "Passkey";
  const row = await insertAuthentication(deps.db, {
    accountId: who.accountId,
    kind: "PASSKEY",
    subject: info.credential.id,
    label,
    publicKey: info.credential.publicKey,
    signCount: info.credential.counter,
    transports: info.credential.transports ?? null,
    aaguid: info.aaguid,
    backedUp: info.credentialBackedUp,
    deviceType: info.credentialDeviceType,
    createdAt: now,
  });
  if (!row) fail("Conflict", { message: "This passkey is already registered." });
  return { credentialId: info.credential.id, label };
}
