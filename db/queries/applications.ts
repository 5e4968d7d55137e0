import { and, eq, sql } from "drizzle-orm";
import { queryRows, toDate, type Executor } from "../client";
import {
  applications,
  authenticationRules,
  claimPolicies,
  realizeRules,
  relyingPartyKeys,
  returnRules,
  sectors,
} from "../schema";

/** An application as requests see it: everything but the sealed signing key (only lib/applications/signing-key reads that). */
export type ApplicationRow = Omit<typeof applications.$inferSelect, "tokenSigningPrivateKeySealed">;
export type SectorRow = typeof sectors.$inferSelect;
export type ClaimPolicyRow = typeof claimPolicies.$inferSelect;

/** A stored rule of any layer, in the docs' shape (`kind` is the method / constraint type / return method). */
export interface StoredRule {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  accessTokenTtlSeconds: number | null;
  refreshTokenTtlSeconds: number | null;
}

export interface StoredRuleSet {
  authentication: StoredRule[];
  realize: StoredRule[];
  return: StoredRule[];
}

export interface NewRule {
  kind: string;
  payload: Record<string, unknown>;
  accessTokenTtlSeconds?: number | null;
  refreshTokenTtlSeconds?: number | null;
  /** Absent = enabled. A disabled rule is kept for the editor but never evaluated. */
  enabled?: boolean;
}

/** A stored rule as the portal's editor sees it: disabled ones included. */
export interface EditableStoredRule extends StoredRule {
  enabled: boolean;
}

export async function insertSector(db: Executor, values: typeof sectors.$inferInsert): Promise<SectorRow> {
  const [row] = await db.insert(sectors).values(values).returning();
  return row!;
}

export async function findSectorById(db: Executor, id: string): Promise<SectorRow | null> {
  const [row] = await db.select().from(sectors).where(eq(sectors.id, id));
  return row ?? null;
}

/** Inserts unless the anchor is taken; null means taken. */
export async function insertApplication(db: Executor, values: typeof applications.$inferInsert): Promise<ApplicationRow | null> {
  const [row] = await db.insert(applications).values(values).onConflictDoNothing({ target: applications.anchor }).returning();
  return row ?? null;
}

// Every request that authenticates an application starts here: a direct
// statement rather than drizzle's builder, for speed on the hot paths.
const applicationColumns = sql`id, anchor, organization_id as "organizationId", sector_id as "sectorId", names,
  default_locale as "defaultLocale", enabled, token_signing_public_key as "tokenSigningPublicKey", token_signing_key_rotated_at as "tokenSigningKeyRotatedAt",
  token_signing_previous_public_key as "tokenSigningPreviousPublicKey",
  client_auth_public_key as "clientAuthPublicKey", client_auth_key_rotated_at as "clientAuthKeyRotatedAt",
  oidc_client_secret_hash as "oidcClientSecretHash", oidc_client_secret_rotated_at as "oidcClientSecretRotatedAt",
  created_at as "createdAt", disabled_at as "disabledAt"`;

export async function findApplicationByAnchor(db: Executor, anchor: string): Promise<ApplicationRow | null> {
  const [row] = await queryRows<ApplicationRow>(db, sql`select ${applicationColumns} from applications where anchor = ${anchor}`);
  if (!row) return null;
  const date = (value: unknown) => (value === null || value === undefined ? null : toDate(value));
  return {
    ...row,
    createdAt: toDate(row.createdAt),
    tokenSigningKeyRotatedAt: date(row.tokenSigningKeyRotatedAt),
    clientAuthKeyRotatedAt: date(row.clientAuthKeyRotatedAt),
    oidcClientSecretRotatedAt: date(row.oidcClientSecretRotatedAt),
    disabledAt: date(row.disabledAt),
  };
}

/** The sealed token-signing private key — read only when a process first signs for the application. */
export async function findTokenSigningKeySealed(db: Executor, applicationId: string): Promise<string | null> {
  const [row] = await db
    .select({ sealed: applications.tokenSigningPrivateKeySealed })
    .from(applications)
    .where(eq(applications.id, applicationId));
  return row?.sealed ?? null;
}

export async function findApplicationById(db: Executor, id: string): Promise<ApplicationRow | null> {
  const [row] = await db.select().from(applications).where(eq(applications.id, id));
  return row ?? null;
}

export async function updateApplication(db: Executor, id: string, values: Partial<typeof applications.$inferInsert>): Promise<void> {
  await db.update(applications).set(values).where(eq(applications.id, id));
}

/**
 * A new token-signing keypair; the public key it replaces becomes the
 * previous one — as the row holds it at the update, so two rotations at once
 * cannot skip a key.
 */
export async function replaceTokenSigningKey(db: Executor, id: string, key: { sealedPrivateKey: string; publicKey: string; rotatedAt: Date }): Promise<void> {
  await db
    .update(applications)
    .set({
      tokenSigningPrivateKeySealed: key.sealedPrivateKey,
      tokenSigningPreviousPublicKey: sql`${applications.tokenSigningPublicKey}`,
      tokenSigningPublicKey: key.publicKey,
      tokenSigningKeyRotatedAt: key.rotatedAt,
    })
    .where(eq(applications.id, id));
}

const ruleColumns = <T extends typeof authenticationRules | typeof realizeRules | typeof returnRules>(table: T) => ({
  id: table.id,
  payload: table.payload,
  accessTokenTtlSeconds: table.accessTokenTtlSeconds,
  refreshTokenTtlSeconds: table.refreshTokenTtlSeconds,
});

/** The enabled rules of all three layers (disabled rules do not exist for evaluation). */
export async function listEnabledRules(db: Executor, applicationId: string): Promise<StoredRuleSet> {
  const [authentication, realize, ret] = await Promise.all([
    db
      .select({ ...ruleColumns(authenticationRules), kind: authenticationRules.method })
      .from(authenticationRules)
      .where(and(eq(authenticationRules.applicationId, applicationId), eq(authenticationRules.enabled, true)))
      .orderBy(authenticationRules.position, authenticationRules.createdAt, authenticationRules.id),
    db
      .select({ ...ruleColumns(realizeRules), kind: realizeRules.constraintType })
      .from(realizeRules)
      .where(and(eq(realizeRules.applicationId, applicationId), eq(realizeRules.enabled, true)))
      .orderBy(realizeRules.position, realizeRules.createdAt, realizeRules.id),
    db
      .select({ ...ruleColumns(returnRules), kind: returnRules.returnMethod })
      .from(returnRules)
      .where(and(eq(returnRules.applicationId, applicationId), eq(returnRules.enabled, true)))
      .orderBy(returnRules.position, returnRules.createdAt, returnRules.id),
  ]);
  return { authentication, realize, return: ret };
}

/** Every rule of all three layers, disabled ones included, in editor order. */
export async function listAllRules(
  db: Executor,
  applicationId: string,
): Promise<{ authentication: EditableStoredRule[]; realize: EditableStoredRule[]; return: EditableStoredRule[] }> {
  const [authentication, realize, ret] = await Promise.all([
    db
      .select({ ...ruleColumns(authenticationRules), kind: authenticationRules.method, enabled: authenticationRules.enabled })
      .from(authenticationRules)
      .where(eq(authenticationRules.applicationId, applicationId))
      .orderBy(authenticationRules.position, authenticationRules.createdAt, authenticationRules.id),
    db
      .select({ ...ruleColumns(realizeRules), kind: realizeRules.constraintType, enabled: realizeRules.enabled })
      .from(realizeRules)
      .where(eq(realizeRules.applicationId, applicationId))
      .orderBy(realizeRules.position, realizeRules.createdAt, realizeRules.id),
    db
      .select({ ...ruleColumns(returnRules), kind: returnRules.returnMethod, enabled: returnRules.enabled })
      .from(returnRules)
      .where(eq(returnRules.applicationId, applicationId))
      .orderBy(returnRules.position, returnRules.createdAt, returnRules.id),
  ]);
  return { authentication, realize, return: ret };
}

export async function insertRules(
  db: Executor,
  applicationId: string,
  rules: { authentication: NewRule[]; realize: NewRule[]; return: NewRule[] },
): Promise<void> {
  const ttl = (rule: NewRule) => ({
    accessTokenTtlSeconds: rule.accessTokenTtlSeconds ?? null,
    refreshTokenTtlSeconds: rule.refreshTokenTtlSeconds ?? null,
    enabled: rule.enabled ?? true,
  });
  if (rules.authentication.length > 0) {
    await db
      .insert(authenticationRules)
      .values(rules.authentication.map((rule, position) => ({ applicationId, method: rule.kind, payload: rule.payload, position, ...ttl(rule) })));
  }
  if (rules.realize.length > 0) {
    await db
      .insert(realizeRules)
      .values(rules.realize.map((rule, position) => ({ applicationId, constraintType: rule.kind, payload: rule.payload, position, ...ttl(rule) })));
  }
  if (rules.return.length > 0) {
    await db
      .insert(returnRules)
      .values(rules.return.map((rule, position) => ({ applicationId, returnMethod: rule.kind, payload: rule.payload, position, ...ttl(rule) })));
  }
}

/** In a transaction: the application's row lock. Whoever replaces its rules takes it, so two saves queue instead of merging. */
export async function lockApplication(tx: Executor, applicationId: string): Promise<void> {
  await tx.select({ id: applications.id }).from(applications).where(eq(applications.id, applicationId)).for("update");
}

export async function deleteRules(db: Executor, applicationId: string): Promise<void> {
  await db.delete(authenticationRules).where(eq(authenticationRules.applicationId, applicationId));
  await db.delete(realizeRules).where(eq(realizeRules.applicationId, applicationId));
  await db.delete(returnRules).where(eq(returnRules.applicationId, applicationId));
}

export async function listClaimPolicies(db: Executor, applicationId: string): Promise<ClaimPolicyRow[]> {
  return db.select().from(claimPolicies).where(eq(claimPolicies.applicationId, applicationId));
}

export async function upsertClaimPolicy(
  db: Executor,
  applicationId: string,
  claim: ClaimPolicyRow["claim"],
  requirement: ClaimPolicyRow["requirement"],
): Promise<void> {
  await db
    .insert(claimPolicies)
    .values({ applicationId, claim, requirement })
    .onConflictDoUpdate({ target: [claimPolicies.applicationId, claimPolicies.claim], set: { requirement, updatedAt: new Date() } });
}

export async function upsertRelyingPartyKey(db: Executor, applicationAnchor: string, clientAuthPrivateKeySealed: string): Promise<void> {
  await db
    .insert(relyingPartyKeys)
    .values({ applicationAnchor, clientAuthPrivateKeySealed })
    .onConflictDoUpdate({ target: relyingPartyKeys.applicationAnchor, set: { clientAuthPrivateKeySealed } });
}

export async function findRelyingPartyKey(db: Executor, applicationAnchor: string): Promise<string | null> {
  const [row] = await db.select().from(relyingPartyKeys).where(eq(relyingPartyKeys.applicationAnchor, applicationAnchor));
  return row?.clientAuthPrivateKeySealed ?? null;
}

/** What /establish checks about an application's rules, in one statement. */
export interface EstablishRulesRow {
  authenticationRuleCount: number;
  realizeRuleCount: number;
  returnRules: { kind: string; payload: Record<string, unknown>; accessTokenTtlSeconds: number | null; refreshTokenTtlSeconds: number | null }[];
}

export async function findEstablishRules(db: Executor, applicationId: string): Promise<EstablishRulesRow> {
  const [row] = await queryRows<EstablishRulesRow>(
    db,
    sql`select
          (select count(*)::int from authentication_rules where application_id = ${applicationId}::uuid and enabled) as "authenticationRuleCount",
          (select count(*)::int from realize_rules where application_id = ${applicationId}::uuid and enabled) as "realizeRuleCount",
          coalesce((select json_agg(json_build_object('kind', return_method, 'payload', payload,
              'accessTokenTtlSeconds', access_token_ttl_seconds, 'refreshTokenTtlSeconds', refresh_token_ttl_seconds) order by position, created_at, id)
            from return_rules where application_id = ${applicationId}::uuid and enabled), '[]'::json) as "returnRules"`,
  );
  return row!;
}
