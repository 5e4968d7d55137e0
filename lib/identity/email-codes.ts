// Email one-time codes (docs 06 EMAIL_VERIFICATION, 11, 15 §7), wherever they
// are sent — via's sign-in, the Errand, the portal's "add an email": six
// digits, ten minutes, only a keyed hash at rest, single use, valid only in
// the browser that asked, and rate-limited per email address, per browser and
// per network address. Each code takes at most CODE_GUESSES guesses, taken
// before the comparison (`guessEmailCode`); what a wrong one costs besides
// differs by caller (an inquiry life on via; elsewhere the guesses of the
// challenge are all there is).
import crypto from "node:crypto";
import { consumeOtherOtpChallenges, consumeOtpChallenge, insertOtpChallenge, takeOtpGuess, type OtpChallengeRow } from "@/db/queries/challenges";
import { addSeconds } from "../clock";
import { secretHash, secretMatches } from "../crypto/secret-hash";
import { enforceRateLimit } from "../rate-limit";
import type { Deps } from "../runtime";

export const OTP_TTL_SECONDS = 10 * 60;
export const CODES_PER_ADDRESS = { limit: 5, windowSeconds: 15 * 60 };
export const CODES_PER_BROWSER = { limit: 10, windowSeconds: 15 * 60 };
/**
 * Codes sent to anyone for one network address, per this window (how many:
 * SUDOMIMUS_EMAIL_CODES_PER_CLIENT_ADDRESS, default 100). A browser that drops
 * its cookies is a new browser, so without this one client could have us mail
 * codes to any number of addresses. Generous: an office behind one NAT signs
 * in through it, and a browser session then spares most of them a code.
 */
export const CLIENT_ADDRESS_WINDOW_SECONDS = 15 * 60;
/** Guesses one code allows, on every surface: as many as an inquiry has lives. */
export const CODE_GUESSES = 5;

export type OtpPurpose = OtpChallengeRow["purpose"];

/** Keyed hash of a code, bound to its challenge. */
const codeHash = (deps: Pick<Deps, "keyring">, challengeId: string, code: string) => secretHash(deps.keyring, "otp", `${challengeId}:${code}`);

/** Six random digits. */
function newOtpCode(): string {
  return crypto.randomInt(0, 1_000_000).toString().padStart(6, "0");
}

/**
 * A new code for `email` in this browser, once the email address, the
 * browser and its network address are within their rate limits. It replaces
 * the browser's earlier live codes for the email address. The caller mails
 * the code; only its hash is stored.
 */
export async function issueEmailCode(
  deps: Pick<Deps, "db" | "keyring" | "clock" | "config">,
  requester: { browserBinding: string; clientAddress: string | null },
  challenge: { email: string; purpose: OtpPurpose; inquiryId: string | null; accountId: string | null },
): Promise<{ challengeId: string; code: string }> {
  await enforceRateLimit(deps, `otp:address:${secretHash(deps.keyring, "rate-limit", challenge.email)}`, CODES_PER_ADDRESS);
  await enforceRateLimit(deps, `otp:browser:${requester.browserBinding}`, CODES_PER_BROWSER);
  if (requester.clientAddress) {
    const perClient = { limit: deps.config.emailCodesPerClientAddress, windowSeconds: CLIENT_ADDRESS_WINDOW_SECONDS };
    await enforceRateLimit(deps, `otp:client:${requester.clientAddress}`, perClient);
  }
  const now = deps.clock.now();
  const challengeId = crypto.randomUUID();
  const code = newOtpCode();
  await deps.db.transaction(async (tx) => {
    await consumeOtherOtpChallenges(tx, requester.browserBinding, challenge.email, now);
    await insertOtpChallenge(tx, {
      id: challengeId,
      ...challenge,
      browserBinding: requester.browserBinding,
      codeHash: codeHash(deps, challengeId, code),
      expiresAt: addSeconds(now, OTP_TTL_SECONDS),
      createdAt: now,
    });
  });
  return { challengeId, code };
}

/** Whether `typed` (spaces ignored) is the challenge's code; compared in constant time through the keyed hash. */
export function emailCodeMatches(deps: Pick<Deps, "keyring">, challenge: Pick<OtpChallengeRow, "id" | "codeHash">, typed: string): boolean {
  const code = typed.replace(/\s+/g, "");
  return /^\d{6}$/.test(code) && secretMatches(deps.keyring, "otp", `${challenge.id}:${code}`, challenge.codeHash);
}

export type CodeGuess = { right: true } | { right: false; guessesLeft: number };

/**
 * One guess at the challenge's code. The guess is taken from the challenge's
 * budget before the code is compared, in one conditional write: counting a
 * wrong guess only after comparing would let a burst of concurrent guesses
 * all be compared before the first was counted. A challenge with no guess
 * left (then spent) answers wrong with none left, whatever was typed.
 */
export async function guessEmailCode(deps: Pick<Deps, "db" | "keyring" | "clock">, challenge: Pick<OtpChallengeRow, "id" | "codeHash">, typed: string): Promise<CodeGuess> {
  const taken = await takeOtpGuess(deps.db, challenge.id, CODE_GUESSES, deps.clock.now());
  if (taken !== null && emailCodeMatches(deps, challenge, typed)) return { right: true };
  const guessesLeft = taken === null ? 0 : CODE_GUESSES - taken;
  if (guessesLeft === 0) await consumeOtpChallenge(deps.db, challenge.id, deps.clock.now());
  return { right: false, guessesLeft };
}
