"use server";
// Application mutations of the overview page and the create form. The
// client-auth private key travels back to the browser in the action's
// response exactly once and is never stored anywhere.
import { revalidatePath } from "next/cache";
import { actingBrowser } from "@/lib/portal/acting-browser";
import { portalAction, field, type ActionResult } from "@/lib/portal/portal-action";
import {
  createDeveloperApplication,
  endAllSessions,
  NAME_LOCALES,
  reenableApplication,
  renameApplication,
  retireApplication,
  rotateClientAuthKey,
  rotateTokenSigningKey,
} from "@/lib/developer/applications";

const path = (anchor: string) => `/with/applications/${encodeURIComponent(anchor)}`;
const names = (form: FormData) => Object.fromEntries(NAME_LOCALES.map((locale) => [locale, field(form, `name-${locale}`)]));

export type CreateApplicationResult = ActionResult<{ anchor: string; privateKey: string }>;

export async function createApplicationAction(_prev: CreateApplicationResult | null, form: FormData): Promise<CreateApplicationResult> {
  const sector = field(form, "sector");
  const result = await portalAction("application.create", async ({ deps, account }) => {
    const created = await createDeveloperApplication(deps, account.id, {
      organizationAnchor: field(form, "organization"),
      anchor: field(form, "anchor"),
      names: names(form),
      sectorAnchor: sector === "" || sector === "new" ? null : sector,
    });
    return { anchor: created.applicationAnchor, privateKey: created.clientAuthPrivateKey };
  });
  if (result.ok) revalidatePath("/with/applications");
  return result;
}

export async function renameApplicationAction(anchor: string, _prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await portalAction("application.rename", async ({ deps, account }) => (await renameApplication(deps, account.id, anchor, names(form)), {}));
  if (result.ok) revalidatePath(path(anchor));
  return result;
}

export async function rotateTokenSigningKeyAction(anchor: string): Promise<ActionResult> {
  const result = await portalAction("application.rotate-token-signing-key", async ({ deps, account }) => (await rotateTokenSigningKey(deps, account.id, anchor), {}));
  if (result.ok) revalidatePath(path(anchor));
  return result;
}

export async function endAllSessionsAction(anchor: string): Promise<ActionResult<{ endedCount: number }>> {
  return portalAction("application.end-all-sessions", async ({ deps, account }) => endAllSessions(deps, account.id, anchor));
}

export async function rotateClientAuthKeyAction(anchor: string): Promise<ActionResult<{ privateKey: string }>> {
  const result = await portalAction("application.rotate-client-auth-key", async ({ deps, account }) => ({
    privateKey: await rotateClientAuthKey(deps, await actingBrowser(deps, account.id), anchor),
  }));
  if (result.ok) revalidatePath(path(anchor));
  return result;
}

export async function retireApplicationAction(anchor: string): Promise<ActionResult> {
  const result = await portalAction("application.retire", async ({ deps, account }) => (await retireApplication(deps, account.id, anchor), {}));
  if (result.ok) revalidatePath(path(anchor));
  return result;
}

export async function reenableApplicationAction(anchor: string): Promise<ActionResult> {
  const result = await portalAction("application.reenable", async ({ deps, account }) => (await reenableApplication(deps, account.id, anchor), {}));
  if (result.ok) revalidatePath(path(anchor));
  return result;
}
