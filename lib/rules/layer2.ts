// Layer 2 — which identities may realize. Runs after the user has proven who
// they are and before the inquiry is marked realized: authenticating someone
// and deciding whether this application accepts them are separate questions.
import { combineSources, type RuleCheck } from "./combine";
import { anyEmailMatches } from "./email-glob";
import type { RealizeConstraint, RealizeRule } from "./realize-schemas";

/** The realizing account, as far as Layer 2 can see it. */
export interface RealizeIdentity {
  /**
   * Every verified email the account owns (not only the one used to sign
   * in); for an email-OTP registration, the single email being registered.
   */
  verifiedEmails: readonly string[];
  steamId64?: string | null;
  accountAlias?: string | null;
  sectorSubject?: string | null;
}

type Layer2Record = RealizeRule | RealizeConstraint;

/** Absent, null and empty all mean "the account has no such value". */
function present(value: string | null | undefined): value is string {
  return typeof value === "string" && value !== "";
}

function recordAdmits(record: Layer2Record, identity: RealizeIdentity): boolean {
  switch (record.constraintType) {
    case "EMAIL":
      // No verified email → no match: EMAIL rules fail closed for
      // Steam-, Battle.net- or X-only accounts.
      return anyEmailMatches(record.payload.allowedEmails, identity.verifiedEmails);
    case "STEAM_ID": {
      const steamId = identity.steamId64;
      if (!present(steamId)) return false;
      return record.payload.allowedSteamIds.some((allowed) => allowed === "*" || allowed === steamId);
    }
    case "ACCOUNT_ALIAS": {
      // Opaque values, exact comparison, no wildcard.
      const alias = identity.accountAlias;
      return present(alias) && record.payload.allowedAccountAliases.includes(alias);
    }
    case "SECTOR_SUBJECT": {
      const subject = identity.sectorSubject;
      return present(subject) && record.payload.allowedSectorSubjects.includes(subject);
    }
    case "EVERYONE":
      // The explicit opt-in to "anyone who cleared Layer 1".
      return true;
  }
}

/** Decides whether `identity` may realize; no application rules means deny. */
export function checkRealize<R extends RealizeRule, C extends RealizeConstraint>(
  appRules: readonly R[],
  constraints: readonly C[] | undefined,
  identity: RealizeIdentity,
): RuleCheck<R, C> {
  const admits = (record: Layer2Record) => recordAdmits(record, identity);
  return combineSources(appRules, constraints, admits, admits);
}
