// Layer 1 — which authentication methods may be used. Evaluated twice: when
// the sign-in UI decides what to offer, and again at every attempt (an
// offered button proves nothing; the attempt is what gets authorized).
// Callers pass enabled rules only; disabled rules simply do not exist here.
import type { AuthenticationConstraint, AuthenticationRule } from "./authentication-schemas";
import { combineSources, type RuleCheck } from "./combine";
import { AUTHENTICATION_METHODS, type AuthenticationMethod } from "./vocabulary";

/** What the user is trying to sign in with, plus what the method revealed. */
export interface AuthenticationAttempt {
  method: AuthenticationMethod;
  /** STEAM_TICKET: the App ID the ticket was issued for. */
  steamAppId?: number;
  /** A login through a federation connector (either federation method): the connector used. */
  connectorAnchor?: string;
  /**
   * A login through a federation connector: whether that connector is the one
   * an SSO_ONLY policy of a verified domain binds for this account (resolved
   * at login time from the account's verified emails; see lib/domains/sso-policy.ts).
   */
  mandatedByDomain?: boolean;
  /** GITHUB_OAUTH: the organization logins the user belongs to (needs `read:org`). */
  gitHubOrgs?: readonly string[];
}

/** One entry the sign-in UI may render. Application-managed federation is one per connector. */
export type AuthenticationOption =
  | { method: Exclude<AuthenticationMethod, "ENTERPRISE_FEDERATION_APPLICATION_MANAGED"> }
  | { method: "ENTERPRISE_FEDERATION_APPLICATION_MANAGED"; connectorAnchor: string };

// Constraints are a subset of rules (same payloads, fewer methods), so one
// matcher serves both sources.
type Layer1Record = AuthenticationRule | AuthenticationConstraint;

function recordsOf<M extends AuthenticationMethod>(
  records: readonly Layer1Record[],
  method: M,
): Extract<AuthenticationRule, { method: M }>[] {
  return records.filter((record): record is Extract<AuthenticationRule, { method: M }> => record.method === method);
}

function gitHubOrgsAdmit(allowedOrgs: readonly string[], userOrgs: readonly string[] | undefined): boolean {
  // An empty allowlist is "no org gating", not "nobody".
  if (allowedOrgs.length === 0) return true;
  // Unknown membership (scope not granted, lookup failed) fails closed.
  if (userOrgs === undefined) return false;
  const member = new Set(userOrgs.map((login) => login.toLowerCase()));
  return allowedOrgs.some((login) => member.has(login.toLowerCase()));
}

/** Both federation methods are a login through a connector; which button started it does not matter to the rules. */
const FEDERATED: readonly AuthenticationMethod[] = ["ENTERPRISE_FEDERATION_APPLICATION_MANAGED", "ENTERPRISE_FEDERATION_DOMAIN_MANAGED"];
export const isFederatedMethod = (method: string) => (FEDERATED as readonly string[]).includes(method);

function recordAdmits(record: Layer1Record, attempt: AuthenticationAttempt): boolean {
  if (isFederatedMethod(record.method) && isFederatedMethod(attempt.method)) {
    return record.method === "ENTERPRISE_FEDERATION_APPLICATION_MANAGED"
      ? // Anchors are opaque: exact, case-sensitive comparison.
        attempt.connectorAnchor !== undefined && record.payload.connectorAnchor === attempt.connectorAnchor
      : // The rule names no connector: the user's domain owner decides which one counts.
        attempt.mandatedByDomain === true;
  }
  if (record.method !== attempt.method) return false;
  switch (record.method) {
    case "STEAM_TICKET":
      return attempt.steamAppId !== undefined && record.payload.allowedSteamAppIds.includes(attempt.steamAppId);
    case "GITHUB_OAUTH":
      return gitHubOrgsAdmit(record.payload.allowedGitHubOrgs, attempt.gitHubOrgs);
    default:
      // Every other method is fully described by its name.
      return true;
  }
}

/**
 * Authorizes one attempt. On success, every matching rule and constraint is
 * returned so their TTL overrides can join the fold.
 */
export function checkAuthenticationMethod<R extends AuthenticationRule, C extends AuthenticationConstraint>(
  appRules: readonly R[],
  constraints: readonly C[] | undefined,
  attempt: AuthenticationAttempt,
): RuleCheck<R, C> {
  const admits = (record: Layer1Record) => recordAdmits(record, attempt);
  return combineSources(appRules, constraints, admits, admits);
}

/** Both sources name the method at all (payload details aside). */
function methodNamedByBoth(
  appRules: readonly AuthenticationRule[],
  constraints: readonly AuthenticationConstraint[] | undefined,
  method: AuthenticationMethod,
): boolean {
  const named = (record: Layer1Record) => record.method === method;
  return combineSources(appRules, constraints, named, named).allowed;
}

/**
 * The options to offer, deduplicated, in display order (the vocabulary
 * order). Where the payload decides reachability up front, it is honoured:
 * STEAM_TICKET is offered only if some App ID is allowed by both sources.
 * GitHub org gating can only be decided after sign-in, so GITHUB_OAUTH is
 * offered whenever both sources name it.
 */
export function allowedAuthenticationMethods(
  appRules: readonly AuthenticationRule[],
  constraints: readonly AuthenticationConstraint[] | undefined,
): AuthenticationOption[] {
  const options: AuthenticationOption[] = [];
  for (const method of AUTHENTICATION_METHODS) {
    if (method === "ENTERPRISE_FEDERATION_APPLICATION_MANAGED") {
      // One rule = one button, in rule order; duplicates collapse.
      const anchors = new Set(recordsOf(appRules, method).map((rule) => rule.payload.connectorAnchor));
      for (const connectorAnchor of anchors) {
        if (checkAuthenticationMethod(appRules, constraints, { method, connectorAnchor }).allowed) {
          options.push({ method, connectorAnchor });
        }
      }
    } else if (method === "STEAM_TICKET") {
      const appIds = new Set(recordsOf(appRules, method).flatMap((rule) => rule.payload.allowedSteamAppIds));
      const reachable = [...appIds].some(
        (steamAppId) => checkAuthenticationMethod(appRules, constraints, { method, steamAppId }).allowed,
      );
      if (reachable) options.push({ method });
    } else if (methodNamedByBoth(appRules, constraints, method)) {
      options.push({ method });
    }
  }
  return options;
}

/**
 * Whether the GitHub authorization request must ask for `read:org`: GitHub
 * is usable here and at least one GitHub rule or constraint gates on
 * organizations. Ungated applications keep the minimal consent screen.
 */
export function gitHubOrgGatingRequested(
  appRules: readonly AuthenticationRule[],
  constraints: readonly AuthenticationConstraint[] | undefined,
): boolean {
  if (!methodNamedByBoth(appRules, constraints, "GITHUB_OAUTH")) return false;
  const gated = (record: Layer1Record) => record.method === "GITHUB_OAUTH" && record.payload.allowedGitHubOrgs.length > 0;
  return appRules.some(gated) || (constraints?.some(gated) ?? false);
}
