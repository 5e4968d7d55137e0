// The DNS record that proves control of a domain (docs 21): a TXT record on
// the dedicated `_sudomimus-challenge` subhost, clear of the apex's SPF/DKIM
// records, carrying a token fixed for the life of the claim.
import { randomHex } from "../crypto/random-key";

export const CHALLENGE_HOST_PREFIX = "_sudomimus-challenge.";
export const CHALLENGE_VALUE_PREFIX = "sudomimus-domain-verification=";

export interface ChallengeRecord {
  host: string;
  type: "TXT";
  value: string;
}

/** A claim's token: 128 bits from the CSPRNG, drawn once when the claim is made. */
export function newVerificationToken(): string {
  return randomHex(16);
}

export function challengeRecord(domain: string, token: string): ChallengeRecord {
  return { host: `${CHALLENGE_HOST_PREFIX}${domain}`, type: "TXT", value: `${CHALLENGE_VALUE_PREFIX}${token}` };
}
