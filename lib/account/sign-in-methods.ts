// Sign-in methods (docs 11): passkeys, verified email addresses and linked
// identities. Every verified address is a way in (email codes work for any of
// them), as is each passkey and each linked identity; nothing here may leave
// the account without a way to sign in.
import { z } from "zod";
import { deleteAuthenticationOf, deleteEmailCredential, deleteSecondaryEmail, lockAccount, renamePasskeyOf, setPrimaryEmail } from "@/db/queries/account";
import { consumeOtpChallenge, findLiveOtpChallenge } from "@/db/queries/challenges";
import { findEmailIdentity, listAuthentications, listEmailIdentities, type AuthenticationRow } from "@/db/queries/identity";
import type { Executor } from "@/db/client";
import { checkLoginPolicy } from "../domains/login-policy-gate";
import { fail } from "../errors";
import { emailAddressSchema } from "../identity/email-address";
import { guessEmailCode, issueEmailCode, OTP_TTL_SECONDS } from "../identity/email-codes";
import { sendAddEmailCode } from "../errand/errand-mail";
import type { Deps } from "../runtime";
import { confirmRecentSignIn, type ActingBrowser } from "../via/browser-session";
import { addProvenEmail } from "../identity/proven-email";
import { registrationOptionsFor } from "../via/passkeys";

export const PASSKEY_LABEL_MAX_LENGTH = 60;

// Rows are named to the browser by what is already public about them — a
// passkey by its WebAuthn credential id, an address by itself — never by a row id.
export interface SignInMethods {
  passkeys: { credentialId: string; label: string; createdAt: Date; lastUsedAt: Date | null; synced: boolean }[];
  emails: { email: string; isPrimary: boolean; verifiedHow: string; verifiedAt: Date }[];
  linked: { key: string; kind: AuthenticationRow["kind"]; display: string; createdAt: Date; lastUsedAt: Date | null }[];
}

function linkedDisplay(row: AuthenticationRow): string {
  const profile = row.profile ?? {};
  for (const key of ["battleTag", "login", "username", "name", "email", "personaName"]) {
    if (typeof profile[key] === "string" && profile[key]) return profile[key] as string;
  }
  return row.label ?? row.subject;
}

export async function loadSignInMethods(db: Executor, accountId: string): Promise<SignInMethods> {
  const [authentications, emails] = await Promise.all([listAuthentications(db, accountId), listEmailIdentities(db, accountId)]);
  return {
    passkeys: authentications
      .filter((row) => row.kind === "PASSKEY")
      .map((row) => ({ credentialId: row.subject, label: row.label ?? "Passkey", createdAt: row.createdAt, lastUsedAt: row.lastUsedAt, synced: row.backedUp === true })),
    emails: emails.map((row) => ({ email: row.email, isPrimary: row.isPrimary, verifiedHow: row.verifiedHow, verifiedAt: row.verifiedAt })),
    linked: authentications
      .filter((row) => row.kind !== "PASSKEY" && row.kind !== "EMAIL")
      .map((row) => ({ key: `${row.kind}:${row.namespace}:${row.subject}`, kind: row.kind, display: linkedDisplay(row), createdAt: row.createdAt, lastUsedAt: row.lastUsedAt })),
  };
}

/** Ways in left if `removing` went away: passkeys and linked identities by row, email codes by verified address. */
async function waysLeftWithout(db: Executor, accountId: string, removing: { authenticationId?: string; email?: string }): Promise<number> {
  const [authentications, emails] = await Promise.all([listAuthentications(db, accountId), listEmailIdentities(db, accountId)]);
  const credentials = authentications.filter((row) => row.kind !== "EMAIL" && row.id !== removing.authenticationId).length;
  return credentials + emails.filter((row) => row.email !== removing.email).length;
}

// WebAuthn credential ids travel base64url-encoded; 1023 bytes is the spec's maximum.
const credentialIdSchema = z.string().min(1).max(1400).regex(/^[A-Za-z0-9_-]+$/);
const addressSchema = z.string().min(3).max(320);
export const passkeyLabelSchema = z
  .string()
  .transform((value) => value.normalize("NFC").trim().replace(/\s+/g, " "))
  .pipe(z.string().min(1, "labelEmpty").max(PASSKEY_LABEL_MAX_LENGTH, "labelTooLong"));

export async function renamePasskey(deps: Pick<Deps, "db">, accountId: string, input: { credentialId: string; label: string }): Promise<string> {
  const parsed = passkeyLabelSchema.safeParse(input.label);
  if (!parsed.success) fail("Invalid label", { body: { key: parsed.error.issues[0]?.message ?? "labelEmpty", field: "label" } });
  if (!credentialIdSchema.safeParse(input.credentialId).success || !(await renamePasskeyOf(deps.db, accountId, input.credentialId, parsed.data))) {
    fail("NotFound", { message: "No such passkey." });
  }
  return parsed.data;
}

export async function removePasskey(deps: Pick<Deps, "db">, accountId: string, input: { credentialId: string }): Promise<void> {
  if (!credentialIdSchema.safeParse(input.credentialId).success) fail("NotFound", { message: "No such passkey." });
  await deps.db.transaction(async (tx) => {
    await lockAccount(tx, accountId);
    const passkey = (await listAuthentications(tx, accountId, "PASSKEY")).find((row) => row.subject === input.credentialId);
    if (!passkey) fail("NotFound", { message: "No such passkey." });
    if ((await waysLeftWithout(tx, accountId, { authenticationId: passkey.id })) === 0) {
      fail("Conflict", { message: "This is your last way to sign in.", body: { key: "lastSignInMethod" } });
    }
    await deleteAuthenticationOf(tx, accountId, passkey.id);
  });
}

export async function makePrimaryEmail(deps: Pick<Deps, "db">, accountId: string, input: { email: string }): Promise<void> {
  if (!addressSchema.safeParse(input.email).success) fail("NotFound", { message: "No such address." });
  const done = await deps.db.transaction(async (tx) => {
    await lockAccount(tx, accountId);
    return setPrimaryEmail(tx, accountId, input.email);
  });
  if (!done) fail("NotFound", { message: "No such address." });
}

/** Removes a non-primary address and its email-code credential. */
export async function removeEmail(deps: Pick<Deps, "db">, accountId: string, input: { email: string }): Promise<void> {
  if (!addressSchema.safeParse(input.email).success) fail("NotFound", { message: "No such address." });
  await deps.db.transaction(async (tx) => {
    // Changes to one account's sign-in methods run one at a time: "the last way in" and "the primary address" are counted under this lock.
    await lockAccount(tx, accountId);
    const row = (await listEmailIdentities(tx, accountId)).find((candidate) => candidate.email === input.email);
    if (!row) fail("NotFound", { message: "No such address." });
    if (row.isPrimary) fail("Conflict", { message: "Choose another primary address first.", body: { key: "primaryEmail" } });
    if ((await waysLeftWithout(tx, accountId, { email: row.email })) === 0) {
      fail("Conflict", { message: "This is your last way to sign in.", body: { key: "lastSignInMethod" } });
    }
    await deleteSecondaryEmail(tx, accountId, row.email);
    await deleteEmailCredential(tx, accountId, row.email);
  });
}

type MailDeps = Pick<Deps, "db" | "keyring" | "clock" | "config" | "mailer">;

/** The portal's "Add a passkey": options for this account, after a recent sign-in. */
export async function addPasskeyOptions(deps: Pick<Deps, "db" | "keyring" | "clock" | "config">, who: ActingBrowser) {
  await confirmRecentSignIn(deps, who);
  return registrationOptionsFor(deps, who);
}

/**
 * Sends a one-time code to an address the user wants to add. An address that
 * belongs to another account gets a code too — the page must not tell — and
 * the verification then fails like any code that cannot be verified.
 */
export async function startAddEmail(
  deps: MailDeps,
  who: ActingBrowser & { address: string | null; locale: string; portalName: string },
  input: { email: string },
): Promise<{ challengeId: string; email: string }> {
  await confirmRecentSignIn(deps, who);
  const parsed = emailAddressSchema.safeParse(input.email);
  if (!parsed.success) fail("Invalid email", { body: { key: "emailInvalid", field: "email" } });
  const email = parsed.data;
  const owner = await findEmailIdentity(deps.db, email);
  if (owner?.accountId === who.accountId) fail("Conflict", { body: { key: "emailAlreadyYours", field: "email" } });
  // An address on a blocked or SSO-only domain would govern (and lock) the whole account.
  await checkLoginPolicy(deps.db, [email], null);
  const { challengeId, code } = await issueEmailCode(deps, { browserBinding: who.binding, clientAddress: who.address }, { email, purpose: "ADD_EMAIL", inquiryId: null, accountId: who.accountId });
  await sendAddEmailCode(deps, { to: email, code, locale: who.locale, applicationName: who.portalName, ttlMinutes: OTP_TTL_SECONDS / 60 });
  return { challengeId, email };
}

/** Proves the code and adds the address as a verified email identity and an email-code credential. */
export async function verifyAddEmail(
  deps: MailDeps,
  who: { accountId: string; binding: string },
  input: { challengeId: string; code: string },
): Promise<{ email: string }> {
  const now = deps.clock.now();
  const challenge = /^[0-9a-f-]{36}$/.test(input.challengeId) ? await findLiveOtpChallenge(deps.db, input.challengeId, who.binding, now) : null;
  if (!challenge || challenge.purpose !== "ADD_EMAIL" || challenge.accountId !== who.accountId || challenge.inquiryId !== null) {
    fail("CodeExpired", { body: { field: "code" } });
  }
  const guess = await guessEmailCode(deps, challenge, input.code);
  if (!guess.right) {
    if (guess.guessesLeft === 0) fail("CodeExpired", { body: { field: "code" } });
    fail("WrongCode", { body: { field: "code", livesRemaining: guess.guessesLeft } });
  }
  if (!(await consumeOtpChallenge(deps.db, challenge.id, now))) fail("CodeExpired", { body: { field: "code" } });
  // Another account owns it: the same answer as a code that cannot be verified, naming no one.
  if ((await addProvenEmail(deps.db, who.accountId, challenge.email, now)) === "taken") fail("Conflict", { body: { key: "codeNotVerified", field: "code" } });
  return { email: challenge.email };
}
