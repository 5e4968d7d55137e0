// Everything a flow needs to know about an application: its row, its enabled
// rules in the rules engine's shapes, and its claim policy.
import type { Executor } from "@/db/client";
import {
  findApplicationByAnchor,
  findApplicationById,
  listClaimPolicies,
  listEnabledRules,
  type ApplicationRow,
  type StoredRule,
} from "@/db/queries/applications";
import { oidcClientConfig, type AuthenticationRule, type OidcClientConfig, type RealizeRule, type ReturnRule } from "../rules";
import { claimPolicyFromRows, type ClaimPolicy } from "./claim-policy";
import { isAnchor } from "./anchor";

export interface ApplicationRules {
  authentication: AuthenticationRule[];
  realize: RealizeRule[];
  return: ReturnRule[];
}

export interface ApplicationContext {
  application: ApplicationRow;
  rules: ApplicationRules;
  claimPolicy: ClaimPolicy;
}

// Stored rules were validated by the rules engine's schemas when written, so
// reading them back is a reshaping, not a re-validation.
const ttl = (rule: StoredRule) => ({
  accessTokenTtlSeconds: rule.accessTokenTtlSeconds,
  refreshTokenTtlSeconds: rule.refreshTokenTtlSeconds,
});

export function toApplicationRules(stored: { authentication: StoredRule[]; realize: StoredRule[]; return: StoredRule[] }): ApplicationRules {
  return {
    authentication: stored.authentication.map((rule) => ({ method: rule.kind, payload: rule.payload, ...ttl(rule) }) as AuthenticationRule),
    realize: stored.realize.map((rule) => ({ constraintType: rule.kind, payload: rule.payload, ...ttl(rule) }) as RealizeRule),
    return: stored.return.map((rule) => ({ returnMethod: rule.kind, payload: rule.payload, ...ttl(rule) }) as ReturnRule),
  };
}

export async function loadApplicationContext(db: Executor, application: ApplicationRow): Promise<ApplicationContext> {
  const [stored, policies] = await Promise.all([listEnabledRules(db, application.id), listClaimPolicies(db, application.id)]);
  return { application, rules: toApplicationRules(stored), claimPolicy: claimPolicyFromRows(policies) };
}

/**
 * The application an anchor names. The anchor often comes from a caller (an
 * OIDC client_id, a request body): one that cannot be an anchor names none
 * and is not looked up (a NUL in it would fail the query, not find nothing).
 */
export async function loadApplicationContextByAnchor(db: Executor, anchor: string): Promise<ApplicationContext | null> {
  if (!isAnchor(anchor)) return null;
  const application = await findApplicationByAnchor(db, anchor);
  return application ? loadApplicationContext(db, application) : null;
}

export async function loadApplicationContextById(db: Executor, id: string): Promise<ApplicationContext | null> {
  const application = await findApplicationById(db, id);
  return application ? loadApplicationContext(db, application) : null;
}

/** The application's OIDC client as its enabled rules configure it now; null without an OIDC rule. */
export async function loadOidcClientConfig(db: Executor, applicationId: string): Promise<OidcClientConfig | null> {
  return oidcClientConfig(toApplicationRules(await listEnabledRules(db, applicationId)).return);
}
