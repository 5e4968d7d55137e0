// OIDC scopes: the space-separated `scope` parameter, and the scope gate of
// docs 12 — `email` carries the email claim, `profile` the first and last
// name. `openid` and `offline_access` carry no claim.
import { CLAIMS, type Claim } from "../identity/claims-vocabulary";
import { OIDC_SCOPES, type OidcScope } from "../rules";

const SCOPE_CLAIMS: Record<OidcScope, readonly Claim[]> = {
  openid: [],
  email: ["email"],
  profile: ["firstName", "lastName"],
  offline_access: [],
};

/** The distinct values of a scope string (RFC 6749 §3.3: space-delimited, order-free). */
export function scopeValues(scope: string): string[] {
  return [...new Set(scope.split(" ").filter((value) => value !== ""))];
}

export function isOidcScope(value: string): value is OidcScope {
  return (OIDC_SCOPES as readonly string[]).includes(value);
}

/** A granted scope written the canonical way: known values in discovery order. */
export function formatScope(values: Iterable<string>): string {
  const set = new Set(values);
  return OIDC_SCOPES.filter((scope) => set.has(scope)).join(" ");
}

/** The claims a granted scope lets through the gate. */
export function claimsOfScope(scope: string): Claim[] {
  const claims = new Set<Claim>();
  for (const value of scopeValues(scope)) if (isOidcScope(value)) for (const claim of SCOPE_CLAIMS[value]) claims.add(claim);
  return CLAIMS.filter((claim) => claims.has(claim));
}

export function scopeIncludes(scope: string, value: OidcScope): boolean {
  return scopeValues(scope).includes(value);
}

/** What of a granted scope the client's OIDC rule allows now (Layer 3 at runtime, docs 09): the rest leaves the tokens. */
export function scopeAllowedNow(scope: string, allowedScopes: readonly string[]): string {
  return formatScope(scopeValues(scope).filter((value) => allowedScopes.includes(value)));
}
