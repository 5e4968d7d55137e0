// The one combiner every layer uses: OR within a source, AND across sources.
// The application's rules must allow; when the inquiry narrows the layer,
// its constraints must allow too. Narrowing therefore only ever removes.

/** A passed check, with every record that matched (they feed the TTL fold). */
export interface RuleMatch<R, C> {
  allowed: true;
  matchedRules: R[];
  matchedConstraints: C[];
}

export type RuleCheck<R, C> = { allowed: false } | RuleMatch<R, C>;

export const DENIED = { allowed: false } as const;

/**
 * `constraints === undefined` means the inquiry did not narrow this layer.
 * An empty array is treated as a narrowing that allows nothing — the schema
 * never lets one through, but if one arrives anyway, failing closed is the
 * only safe reading.
 */
export function combineSources<R, C>(
  appRules: readonly R[],
  constraints: readonly C[] | undefined,
  ruleMatches: (rule: R) => boolean,
  constraintMatches: (constraint: C) => boolean,
): RuleCheck<R, C> {
  // Default-deny: no matching application rule, no access — whatever the
  // inquiry says.
  const matchedRules = appRules.filter(ruleMatches);
  if (matchedRules.length === 0) return DENIED;
  if (constraints === undefined) return { allowed: true, matchedRules, matchedConstraints: [] };
  const matchedConstraints = constraints.filter(constraintMatches);
  if (matchedConstraints.length === 0) return DENIED;
  return { allowed: true, matchedRules, matchedConstraints };
}
