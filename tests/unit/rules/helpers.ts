// Fixture builders for the rules-engine tests. Every fixture goes through the
// real schema, so a fixture that drifts from the wire shape fails loudly
// instead of testing an impossible input.
import {
  authenticationConstraintSchema,
  authenticationRuleSchema,
  realizeConstraintSchema,
  realizeRuleSchema,
  returnMethodDeclarationSchema,
  returnRuleSchema,
  type AuthenticationConstraint,
  type AuthenticationRule,
  type RealizeConstraint,
  type RealizeRule,
  type ReturnMethodDeclaration,
  type ReturnRule,
} from "@/lib/rules";

export const authRule = (method: string, payload: object = {}, ttl: object = {}): AuthenticationRule =>
  authenticationRuleSchema.parse({ method, payload, ...ttl });

export const authConstraint = (method: string, payload: object = {}, ttl: object = {}): AuthenticationConstraint =>
  authenticationConstraintSchema.parse({ method, payload, ...ttl });

export const realizeRule = (constraintType: string, payload: object = {}, ttl: object = {}): RealizeRule =>
  realizeRuleSchema.parse({ constraintType, payload, ...ttl });

export const realizeConstraint = (constraintType: string, payload: object = {}, ttl: object = {}): RealizeConstraint =>
  realizeConstraintSchema.parse({ constraintType, payload, ...ttl });

export const returnRule = (returnMethod: string, payload: object = {}, ttl: object = {}): ReturnRule =>
  returnRuleSchema.parse({ returnMethod, payload, ...ttl });

export const declaration = (type: string, payload: object = {}): ReturnMethodDeclaration =>
  returnMethodDeclarationSchema.parse({ type, payload });

/** The first issue message of a failed parse, or null when it parsed. */
export function firstIssue(result: { success: boolean; error?: { issues: Array<{ message: string }> } }): string | null {
  if (result.success) return null;
  return result.error?.issues[0]?.message ?? "(no message)";
}
