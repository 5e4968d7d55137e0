// Managing federation connectors (docs 23): an organization's OWNERs
// register their OIDC IdP once and reuse it. The IdP's discovery document is
// fetched at save time — a dead connector is refused loudly then, not at the
// first login. The client secret is sealed the moment it arrives and never
// read back to any surface. A connector still named by a sign-in rule or
// pinned by a login policy cannot be disabled or deleted, and repointing a
// pinned one needs the sole owner, like changing the policy itself.
import { z } from "zod";
import type { Executor } from "@/db/client";
import type { OrganizationRow } from "@/db/queries/organizations";
import {
  connectorNamedByRules,
  connectorPinnedByPolicy,
  countConnectors,
  deleteConnector,
  findConnectorOfOrganization,
  insertConnector,
  listConnectors,
  setConnectorDisabled,
  updateConnector,
  type ConnectorSummary,
} from "@/db/queries/federation-connectors";
import { seal } from "../crypto/seal";
import { organizationFor, requireSoleOwner, type MemberRole } from "../developer/access";
import { holdQuota } from "../developer/quotas";
import { fail } from "../errors";
import { newConnectorAnchor } from "../identity/identifiers";
import type { Deps } from "../runtime";
import { parseIssuer, upstreamConfiguration, UpstreamError } from "./upstream-oidc";

export type { ConnectorSummary };
type ConnectorDeps = Pick<Deps, "db" | "keyring" | "clock" | "fetch">;

/** Binds the sealed secret to its connector, so it cannot be moved to another row. */
export function clientSecretAad(anchor: string): string {
  return `federation_connectors.client_secret:${anchor}`;
}

const scopeToken = /^[\x21\x23-\x5B\x5D-\x7E]{1,100}$/; // RFC 6749 §3.3 scope-token

export const connectorInputSchema = z.strictObject({
  displayName: z.string().trim().min(1).max(100),
  issuer: z
    .string()
    .trim()
    .max(500)
    .refine((value) => parseIssuer(value) !== null, { message: "issuer" }),
  clientId: z.string().trim().min(1).max(500),
  clientSecret: z.string().max(2000),
  scopes: z
    .array(z.string().regex(scopeToken))
    .min(1)
    .max(20)
    .refine((scopes) => scopes.includes("openid"), { message: "openid" }),
});
export type ConnectorInput = z.input<typeof connectorInputSchema>;

/** Scopes as typed in a form: separated by spaces or commas, "openid" first. */
export function parseScopes(value: string): string[] {
  return [...new Set(value.split(/[\s,]+/).filter(Boolean))];
}

function validated(input: unknown, secretRequired: boolean) {
  const parsed = connectorInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? "connector");
    fail(`Invalid ${field}`, { message: `The ${field} is not valid.`, body: { field, code: field === "scopes" && issue.message === "openid" ? "scopesNeedOpenid" : "invalid" } });
  }
  if (secretRequired && !parsed.data.clientSecret) fail("Invalid clientSecret", { message: "The client secret is required.", body: { field: "clientSecret", code: "required" } });
  return parsed.data;
}

/** The save-time check: the IdP must publish a usable discovery document now. */
async function checkDiscovery(deps: Pick<Deps, "fetch">, client: { issuer: string; clientId: string; clientSecret: string }): Promise<void> {
  try {
    await upstreamConfiguration(deps, client, { fresh: true });
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    fail("FederationConnectorDiscoveryFailed", { message: error.message, body: { field: "issuer", code: "discoveryFailed" } });
  }
}

/**
 * Creates a connector for an organization (the caller has checked who may).
 * `quota`: the connector limit to enforce — the organization's own on the
 * self-service surface; null for an operator, whom docs 23 exempt.
 */
export async function createConnectorFor(deps: ConnectorDeps, organization: Pick<OrganizationRow, "id">, quota: number | null, input: unknown): Promise<ConnectorSummary> {
  const data = validated(input, true);
  const withinQuota = async (db: Executor) => {
    if (quota !== null && (await countConnectors(db, organization.id)) >= quota) {
      fail("Conflict", { message: `This organization already has ${quota} connectors, its limit.`, body: { code: "connectorQuota" } });
    }
  };
  // Refused before the IdP is asked; counted again under the lock (never held across the network) when written.
  await withinQuota(deps.db);
  await checkDiscovery(deps, data);
  return deps.db.transaction(async (tx) => {
    if (quota !== null) await holdQuota(tx, { organizationId: organization.id }, () => withinQuota(tx));
    for (let attempt = 0; attempt < 5; attempt++) {
      const anchor = newConnectorAnchor();
      const created = await insertConnector(tx, {
        anchor,
        organizationId: organization.id,
        displayName: data.displayName,
        issuer: data.issuer,
        clientId: data.clientId,
        clientSecretSealed: seal(deps.keyring, data.clientSecret, clientSecretAad(anchor)),
        scopes: data.scopes,
        createdAt: deps.clock.now(),
      });
      if (created) return created;
    }
    throw new Error("no free connector anchor after 5 attempts");
  });
}

async function ownedConnector(deps: Pick<Deps, "db">, accountId: string, organizationAnchor: string, connectorAnchor: string, right: "view" | "federation") {
  const { organization, role } = await organizationFor(deps.db, accountId, organizationAnchor, right);
  const connector = await findConnectorOfOrganization(deps.db, organization.id, connectorAnchor);
  if (!connector) fail("NotFound", { message: "No such connector." });
  return { organization, role, connector };
}

export async function listConnectorsFor(deps: Pick<Deps, "db">, accountId: string, organizationAnchor: string): Promise<ConnectorSummary[]> {
  const { organization } = await organizationFor(deps.db, accountId, organizationAnchor, "view");
  return listConnectors(deps.db, organization.id);
}

export async function createConnector(deps: ConnectorDeps, accountId: string, organizationAnchor: string, input: unknown): Promise<ConnectorSummary> {
  const { organization } = await organizationFor(deps.db, accountId, organizationAnchor, "federation");
  return createConnectorFor(deps, organization, organization.connectorQuota, input);
}

type ConnectorData = ReturnType<typeof validated>;

const sameScopes = (a: readonly string[], b: readonly string[]) => {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((scope) => right.has(scope));
};

/**
 * Whether the edit changes what every login through the connector rests on:
 * who the IdP is (issuer, client id, client secret) or what it is asked
 * (scopes — dropping `email`, or adding one the IdP refuses, stops the
 * domain's users from signing in just as surely). The display name is only
 * a label.
 */
function repoints(connector: ConnectorSummary, data: ConnectorData): boolean {
  return data.issuer !== connector.issuer || data.clientId !== connector.clientId || data.clientSecret !== "" || !sameScopes(data.scopes, connector.scopes);
}

/**
 * A connector an SSO_ONLY policy pins is how everyone on that domain signs
 * in, and whose word on their emails counts: repointing it is changing the
 * policy in all but name, so it needs the sole owner too (docs 22).
 */
async function requireMayRepoint(db: Executor, organizationId: string, role: MemberRole, connector: ConnectorSummary, data: ConnectorData): Promise<void> {
  if (repoints(connector, data) && (await connectorPinnedByPolicy(db, connector.id))) await requireSoleOwner(db, organizationId, role);
}

/** Edits a connector; a blank secret keeps the stored one. Discovery is checked again. */
export async function editConnector(deps: ConnectorDeps, accountId: string, organizationAnchor: string, connectorAnchor: string, input: unknown): Promise<void> {
  const { organization, role, connector } = await ownedConnector(deps, accountId, organizationAnchor, connectorAnchor, "federation");
  const data = validated(input, false);
  // Refused before the IdP is asked; asked again under the row lock below.
  await requireMayRepoint(deps.db, organization.id, role, connector, data);
  // The stored secret was issued by the old IdP: it is never sent to another issuer.
  if (data.issuer !== connector.issuer && !data.clientSecret) {
    fail("Invalid clientSecret", { message: "A new issuer needs the client secret it issued.", body: { field: "clientSecret", code: "secretForNewIssuer" } });
  }
  if (data.clientSecret) await checkDiscovery(deps, data);
  else if (data.issuer !== connector.issuer || data.clientId !== connector.clientId) await checkDiscovery(deps, { ...data, clientSecret: "" });
  await deps.db.transaction(async (tx) => {
    // A login policy pins the connector under a share lock: one pinned at this moment is either seen here or waits for the write.
    const locked = await findConnectorOfOrganization(tx, organization.id, connector.anchor, "update");
    if (!locked) fail("NotFound", { message: "No such connector." });
    await requireMayRepoint(tx, organization.id, role, locked, data);
    await updateConnector(tx, connector.id, {
      displayName: data.displayName,
      issuer: data.issuer,
      clientId: data.clientId,
      scopes: data.scopes,
      ...(data.clientSecret ? { clientSecretSealed: seal(deps.keyring, data.clientSecret, clientSecretAad(connector.anchor)) } : {}),
    });
  });
}

async function assertNotInUse(db: Executor, connector: ConnectorSummary): Promise<void> {
  if (await connectorNamedByRules(db, connector.anchor)) {
    fail("FederationConnectorInUse", { message: "An application sign-in rule names this connector; remove the rule first.", body: { code: "connectorInUse" } });
  }
  if (await connectorPinnedByPolicy(db, connector.id)) {
    fail("FederationConnectorInUseByLoginPolicy", {
      message: "A domain's login policy forces sign-in through this connector; revert the policy first.",
      body: { code: "connectorInUseByLoginPolicy" },
    });
  }
}

/** Takes a connector out of service (disable or delete) only while nothing uses it, under its row lock. */
async function retireUnused(deps: ConnectorDeps, accountId: string, organizationAnchor: string, connectorAnchor: string, retire: (tx: Executor, id: string) => Promise<void>) {
  const { organization, connector } = await ownedConnector(deps, accountId, organizationAnchor, connectorAnchor, "federation");
  await deps.db.transaction(async (tx) => {
    // A rule or login policy being written at the same moment waits for this, or this for it.
    if (!(await findConnectorOfOrganization(tx, organization.id, connector.anchor, "update"))) fail("NotFound", { message: "No such connector." });
    await assertNotInUse(tx, connector);
    await retire(tx, connector.id);
  });
}

export async function setConnectorEnabled(deps: ConnectorDeps, accountId: string, organizationAnchor: string, connectorAnchor: string, enabled: boolean): Promise<void> {
  if (!enabled) return retireUnused(deps, accountId, organizationAnchor, connectorAnchor, (tx, id) => setConnectorDisabled(tx, id, deps.clock.now()));
  const { connector } = await ownedConnector(deps, accountId, organizationAnchor, connectorAnchor, "federation");
  await setConnectorDisabled(deps.db, connector.id, null);
}

export async function removeConnector(deps: ConnectorDeps, accountId: string, organizationAnchor: string, connectorAnchor: string): Promise<void> {
  await retireUnused(deps, accountId, organizationAnchor, connectorAnchor, deleteConnector);
}
