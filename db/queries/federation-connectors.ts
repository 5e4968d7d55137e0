// Federation connectors (docs 23): an organization's upstream OIDC identity
// providers. The sealed client secret is read only by the sign-in round trip;
// listings never select it.
import { and, asc, count, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { applications, authenticationRules, federationConnectors, loginPolicies } from "../schema";

export type FederationConnectorRow = typeof federationConnectors.$inferSelect;
/** What every surface may see of a connector: everything but the secret. */
export type ConnectorSummary = Omit<FederationConnectorRow, "clientSecretSealed">;

const summaryColumns = {
  id: federationConnectors.id,
  anchor: federationConnectors.anchor,
  organizationId: federationConnectors.organizationId,
  displayName: federationConnectors.displayName,
  issuer: federationConnectors.issuer,
  clientId: federationConnectors.clientId,
  scopes: federationConnectors.scopes,
  createdAt: federationConnectors.createdAt,
  disabledAt: federationConnectors.disabledAt,
};

export async function insertConnector(db: Executor, values: typeof federationConnectors.$inferInsert): Promise<ConnectorSummary | null> {
  const [row] = await db.insert(federationConnectors).values(values).onConflictDoNothing({ target: federationConnectors.anchor }).returning(summaryColumns);
  return row ?? null;
}

export async function countConnectors(db: Executor, organizationId: string): Promise<number> {
  const [row] = await db.select({ total: count() }).from(federationConnectors).where(eq(federationConnectors.organizationId, organizationId));
  return row?.total ?? 0;
}

export async function listConnectors(db: Executor, organizationId: string): Promise<ConnectorSummary[]> {
  return db.select(summaryColumns).from(federationConnectors).where(eq(federationConnectors.organizationId, organizationId)).orderBy(asc(federationConnectors.createdAt));
}

/** With the sealed secret: for the sign-in round trip only. */
export async function findConnectorForSignIn(db: Executor, anchor: string): Promise<FederationConnectorRow | null> {
  const [row] = await db.select().from(federationConnectors).where(and(eq(federationConnectors.anchor, anchor), isNull(federationConnectors.disabledAt)));
  return row ?? null;
}

export async function findConnectorById(db: Executor, id: string): Promise<FederationConnectorRow | null> {
  const [row] = await db.select().from(federationConnectors).where(eq(federationConnectors.id, id));
  return row ?? null;
}

/**
 * With `lock`, inside a transaction, the connector's row lock is held to its
 * end: "update" before disabling or deleting it, "share" before pinning it
 * (a login policy), so a pin and a removal never interleave — whichever
 * comes second sees what the first did.
 */
export async function findConnectorOfOrganization(db: Executor, organizationId: string, anchor: string, lock?: "update" | "share"): Promise<ConnectorSummary | null> {
  const query = db
    .select(summaryColumns)
    .from(federationConnectors)
    .where(and(eq(federationConnectors.organizationId, organizationId), eq(federationConnectors.anchor, anchor)));
  const [row] = lock ? await query.for(lock) : await query;
  return row ?? null;
}

/** Display names of the organization's enabled connectors among `anchors`, for the sign-in buttons. */
export async function connectorDisplayNames(db: Executor, organizationId: string, anchors: readonly string[]): Promise<Map<string, string>> {
  if (anchors.length === 0) return new Map();
  const rows = await db
    .select({ anchor: federationConnectors.anchor, displayName: federationConnectors.displayName })
    .from(federationConnectors)
    .where(
      and(
        eq(federationConnectors.organizationId, organizationId),
        inArray(federationConnectors.anchor, [...anchors]),
        isNull(federationConnectors.disabledAt),
      ),
    );
  return new Map(rows.map((row) => [row.anchor, row.displayName]));
}

export async function setConnectorDisabled(db: Executor, id: string, disabledAt: Date | null): Promise<void> {
  await db.update(federationConnectors).set({ disabledAt }).where(eq(federationConnectors.id, id));
}

export async function deleteConnector(db: Executor, id: string): Promise<void> {
  await db.delete(federationConnectors).where(eq(federationConnectors.id, id));
}

/** Whether an application sign-in rule (enabled or not) names the connector. */
export async function connectorNamedByRules(db: Executor, anchor: string): Promise<boolean> {
  const [row] = await db
    .select({ id: authenticationRules.id })
    .from(authenticationRules)
    .where(and(eq(authenticationRules.method, "ENTERPRISE_FEDERATION_APPLICATION_MANAGED"), sql`${authenticationRules.payload}->>'connectorAnchor' = ${anchor}`))
    .limit(1);
  return row !== undefined;
}

/** Whether a domain's login policy pins the connector. */
export async function connectorPinnedByPolicy(db: Executor, id: string): Promise<boolean> {
  const [row] = await db.select({ domainId: loginPolicies.domainId }).from(loginPolicies).where(eq(loginPolicies.connectorId, id)).limit(1);
  return row !== undefined;
}

export async function updateConnector(
  db: Executor,
  id: string,
  values: Partial<Pick<FederationConnectorRow, "displayName" | "issuer" | "clientId" | "scopes" | "clientSecretSealed">>,
): Promise<void> {
  await db.update(federationConnectors).set(values).where(eq(federationConnectors.id, id));
}

/** Which of `anchors` name a connector of the application's own organization. */
export async function connectorsOfApplicationOrganization(db: Executor, applicationId: string, anchors: readonly string[]): Promise<Set<string>> {
  if (anchors.length === 0) return new Set();
  const rows = await db
    .select({ anchor: federationConnectors.anchor })
    .from(federationConnectors)
    .innerJoin(applications, eq(applications.organizationId, federationConnectors.organizationId))
    .where(and(eq(applications.id, applicationId), inArray(federationConnectors.anchor, [...anchors])))
    // Rules are written in a transaction: the share locks keep these connectors from being deleted until it ends.
    .for("share", { of: federationConnectors });
  return new Set(rows.map((row) => row.anchor));
}
