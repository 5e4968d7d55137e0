"use server";
// Sign-in method mutations. Who is acting comes from the portal session; the
// browser binding (via's cookie) ties passkey challenges and email codes to
// the browser that asked for them, as on via.
import { cookies } from "next/headers";
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { findApplicationByAnchor } from "@/db/queries/applications";
import { runAccountAction, type ActionResult } from "@/lib/account/action-result";
import { makePrimaryEmail, removeEmail, removePasskey, renamePasskey, startAddEmail, verifyAddEmail } from "@/lib/account/sign-in-methods";
import { localizedName } from "@/lib/applications/info";
import { randomHex } from "@/lib/crypto/random-key";
import { portalActionContext } from "@/lib/portal/portal-context";
import { PORTAL_ANCHOR } from "@/lib/seed";
import { BINDING_COOKIE } from "@/lib/via/browser";
import { registrationOptionsFor, registrationVerifyFor } from "@/lib/via/passkeys";

const signedOut = { ok: false, error: "signedOut" } as const;
const text = (value: unknown, max: number) => (typeof value === "string" ? value.slice(0, max) : "");

/** via's browser binding; a browser without one (cookie cleared) gets a fresh one. */
async function browserBinding(secure: boolean): Promise<string> {
  const store = await cookies();
  const existing = store.get(BINDING_COOKIE)?.value;
  if (existing && /^[0-9a-f]{64}$/.test(existing)) return existing;
  const binding = randomHex(32);
  store.set(BINDING_COOKIE, binding, { path: "/", httpOnly: true, sameSite: "lax", secure, maxAge: 400 * 24 * 3600 });
  return binding;
}

export async function passkeyOptions(): Promise<ActionResult<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON }>> {
  const ctx = await portalActionContext();
  if (!ctx) return signedOut;
  const binding = await browserBinding(ctx.deps.config.secure);
  return runAccountAction(ctx.deps.log, "passkey.options", () => registrationOptionsFor(ctx.deps, { accountId: ctx.account.id, binding }));
}

export async function passkeyVerify(input: { challengeId: string; response: unknown; label?: string }): Promise<ActionResult<{ label: string }>> {
  const ctx = await portalActionContext();
  if (!ctx) return signedOut;
  const binding = await browserBinding(ctx.deps.config.secure);
  if (typeof input?.response !== "object" || input.response === null) return { ok: false, error: "passkeyFailed" };
  return runAccountAction(ctx.deps.log, "passkey.verify", async () => {
    const { label } = await registrationVerifyFor(
      ctx.deps,
      { accountId: ctx.account.id, binding },
      { challengeId: text(input.challengeId, 64), response: input.response as RegistrationResponseJSON, label: text(input.label, 200) || undefined },
    );
    return { label };
  });
}

export async function renamePasskeyAction(input: { credentialId: string; label: string }): Promise<ActionResult<{ label: string }>> {
  const ctx = await portalActionContext();
  if (!ctx) return signedOut;
  return runAccountAction(ctx.deps.log, "passkey.rename", async () => ({
    label: await renamePasskey(ctx.deps, ctx.account.id, { credentialId: text(input?.credentialId, 1400), label: text(input?.label, 1000) }),
  }));
}

export async function removePasskeyAction(input: { credentialId: string }): Promise<ActionResult> {
  const ctx = await portalActionContext();
  if (!ctx) return signedOut;
  return runAccountAction(ctx.deps.log, "passkey.remove", async () => {
    await removePasskey(ctx.deps, ctx.account.id, { credentialId: text(input?.credentialId, 1400) });
    return {};
  });
}

export async function startAddEmailAction(input: { email: string }): Promise<ActionResult<{ challengeId: string; email: string }>> {
  const ctx = await portalActionContext();
  if (!ctx) return signedOut;
  const binding = await browserBinding(ctx.deps.config.secure);
  const locale = await getLocale();
  return runAccountAction(ctx.deps.log, "email.start", async () => {
    const portal = await findApplicationByAnchor(ctx.deps.db, PORTAL_ANCHOR);
    const portalName = portal ? localizedName(portal.names, portal.defaultLocale, locale) : "Sudomimus";
    return startAddEmail(ctx.deps, { accountId: ctx.account.id, binding, locale, portalName }, { email: text(input?.email, 400) });
  });
}

const codeInput = z.strictObject({ challengeId: z.string().max(64), code: z.string().max(32) });

export async function verifyAddEmailAction(input: { challengeId: string; code: string }): Promise<ActionResult<{ email: string }>> {
  const ctx = await portalActionContext();
  if (!ctx) return signedOut;
  const parsed = codeInput.safeParse(input);
  if (!parsed.success) return { ok: false, error: "codeExpired", field: "code" };
  const binding = await browserBinding(ctx.deps.config.secure);
  return runAccountAction(ctx.deps.log, "email.verify", () => verifyAddEmail(ctx.deps, { accountId: ctx.account.id, binding }, parsed.data));
}

export async function makePrimaryEmailAction(input: { email: string }): Promise<ActionResult> {
  const ctx = await portalActionContext();
  if (!ctx) return signedOut;
  return runAccountAction(ctx.deps.log, "email.primary", async () => {
    await makePrimaryEmail(ctx.deps, ctx.account.id, { email: text(input?.email, 400) });
    return {};
  });
}

export async function removeEmailAction(input: { email: string }): Promise<ActionResult> {
  const ctx = await portalActionContext();
  if (!ctx) return signedOut;
  return runAccountAction(ctx.deps.log, "email.remove", async () => {
    await removeEmail(ctx.deps, ctx.account.id, { email: text(input?.email, 400) });
    return {};
  });
}
