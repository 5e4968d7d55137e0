"use server";
// Federation connector mutations (docs 23). Authorization (OWNER), the
// save-time discovery check, the quota and the in-use guards live in
// lib/federation/connectors; the client secret goes from the form straight
// to the lib, which seals it, and is never part of any answer.
import { revalidatePath } from "next/cache";
import { portalAction, field, type ActionResult } from "@/lib/portal/portal-action";
import { createConnector, editConnector, parseScopes, removeConnector, setConnectorEnabled } from "@/lib/federation/connectors";

const PATH = "/with/connectors";

const connectorInput = (form: FormData) => ({
  displayName: field(form, "displayName"),
  issuer: field(form, "issuer"),
  clientId: field(form, "clientId"),
  clientSecret: field(form, "clientSecret"),
  scopes: parseScopes(field(form, "scopes")),
});

export async function createConnectorAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await portalAction("connector.create", async ({ deps, account }) => ({
    anchor: (await createConnector(deps, account.id, field(form, "organization"), connectorInput(form))).anchor,
  }));
  if (result.ok) revalidatePath(PATH);
  return result;
}

export async function editConnectorAction(organization: string, connector: string, _prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await portalAction("connector.edit", async ({ deps, account }) => (await editConnector(deps, account.id, organization, connector, connectorInput(form)), {}));
  if (result.ok) revalidatePath(PATH);
  return result;
}

export async function setConnectorEnabledAction(organization: string, connector: string, enabled: boolean): Promise<ActionResult> {
  const result = await portalAction(enabled ? "connector.enable" : "connector.disable", async ({ deps, account }) => (await setConnectorEnabled(deps, account.id, organization, connector, enabled), {}));
  if (result.ok) revalidatePath(PATH);
  return result;
}

export async function removeConnectorAction(organization: string, connector: string): Promise<ActionResult> {
  const result = await portalAction("connector.remove", async ({ deps, account }) => (await removeConnector(deps, account.id, organization, connector), {}));
  if (result.ok) revalidatePath(PATH);
  return result;
}
