// Email one-time codes (docs 06 EMAIL_VERIFICATION, 11, 15 §7), wherever they
// are sent — via's sign-in, the Errand, the portal's "add an email": six
// digits, ten minutes, only a keyed hash at rest, single use, valid only in
// the browser that asked, and rate-limited per email address, per browser and
// per network address. What a wrong code costs differs by caller (an inquiry
// life on via, an attempt of the challenge elsewhere); `spendAttempt` is the
// latter.
import crypto from "node:crypto";
import { consumeOtherOtpChallenges, consumeOtpChallenge, countOtpAttempt, insertOtpChallenge, type OtpChallengeRow } from "@/db/queries/challenges";
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

/** Counts a wrong code against its challenge; the last allowed one spends the challenge. Returns the attempts left. */
export async function spendAttempt(deps: Pick<Deps, "db" | "clock">, challenge: Pick<OtpChallengeRow, "id" | "attempts">, allowed: number): Promise<number> {
  await countOtpAttempt(deps.db, challenge.id);
  const attemptsLeft = allowed - (challenge.attempts + 1);
  if (attemptsLeft <= 0) await consumeOtpChallenge(deps.db, challenge.id, deps.clock.now());
  return Math.max(0, attemptsLeft);
}
