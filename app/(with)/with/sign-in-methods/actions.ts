"use server";
// Sign-in method mutations. Who is acting comes from the portal session; the
// browser binding (via's cookie) ties passkey challenges and email codes to
// the browser that asked for them, as on via, and via's session on this
// browser must be a recent sign-in to add a passkey or an address.
import { headers } from "next/headers";
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { findApplicationByAnchor } from "@/db/queries/applications";
import { addPasskeyOptions, makePrimaryEmail, removeEmail, removePasskey, renamePasskey, startAddEmail, verifyAddEmail } from "@/lib/account/sign-in-methods";
import { localizedName } from "@/lib/applications/info";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/client-address";
import { actingBrowser, browserBinding } from "@/lib/portal/acting-browser";
import { portalAction, refusal, type ActionResult } from "@/lib/portal/portal-action";
import { PORTAL_ANCHOR } from "@/lib/seed";
import { registrationVerifyFor } from "@/lib/via/passkeys";

const text = (value: unknown, max: number) => (typeof value === "string" ? value.slice(0, max) : "");

export async function passkeyOptions(): Promise<ActionResult<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON }>> {
  return portalAction("passkey.options", async ({ deps, account }) => addPasskeyOptions(deps, await actingBrowser(deps, account.id)));
}

export async function passkeyVerify(input: { challengeId: string; response: unknown; label?: string }): Promise<ActionResult<{ label: string }>> {
  return portalAction("passkey.verify", async ({ deps, account }) => {
    const binding = await browserBinding(deps.config.secure);
    if (typeof input?.response !== "object" || input.response === null) return refusal("passkeyFailed");
    const { label } = await registrationVerifyFor(
      deps,
      { accountId: account.id, binding },
      { challengeId: text(input.challengeId, 64), response: input.response as RegistrationResponseJSON, label: text(input.label, 200) || undefined },
    );
    return { label };
  });
}

export async function renamePasskeyAction(input: { credentialId: string; label: string }): Promise<ActionResult<{ label: string }>> {
  return portalAction("passkey.rename", async ({ deps, account }) => ({
    label: await renamePasskey(deps, account.id, { credentialId: text(input?.credentialId, 1400), label: text(input?.label, 1000) }),
  }));
}

export async function removePasskeyAction(input: { credentialId: string }): Promise<ActionResult> {
  return portalAction("passkey.remove", async ({ deps, account }) => {
    await removePasskey(deps, account.id, { credentialId: text(input?.credentialId, 1400) });
    return {};
  });
}

export async function startAddEmailAction(input: { email: string }): Promise<ActionResult<{ challengeId: string; email: string }>> {
  return portalAction("email.start", async ({ deps, account }) => {
    const locale = await getLocale();
    const portal = await findApplicationByAnchor(deps.db, PORTAL_ANCHOR);
    const portalName = portal ? localizedName(portal.names, portal.defaultLocale, locale) : "Sudomimus";
    const address = (await headers()).get(CLIENT_ADDRESS_HEADER);
    return startAddEmail(deps, { ...(await actingBrowser(deps, account.id)), address, locale, portalName }, { email: text(input?.email, 400) });
  });
}

const codeInput = z.strictObject({ challengeId: z.string().max(64), code: z.string().max(32) });

export async function verifyAddEmailAction(input: { challengeId: string; code: string }): Promise<ActionResult<{ email: string }>> {
  return portalAction("email.verify", async ({ deps, account }) => {
    const parsed = codeInput.safeParse(input);
    if (!parsed.success) return refusal("codeExpired", "code");
    return verifyAddEmail(deps, { accountId: account.id, binding: await browserBinding(deps.config.secure) }, parsed.data);
  });
}

export async function makePrimaryEmailAction(input: { email: string }): Promise<ActionResult> {
  return portalAction("email.primary", async ({ deps, account }) => {
    await makePrimaryEmail(deps, account.id, { email: text(input?.email, 400) });
    return {};
  });
}

export async function removeEmailAction(input: { email: string }): Promise<ActionResult> {
  return portalAction("email.remove", async ({ deps, account }) => {
    await removeEmail(deps, account.id, { email: text(input?.email, 400) });
    return {};
  });
}
