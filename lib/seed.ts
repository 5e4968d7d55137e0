// What an empty database starts with: the With portal's own application
// (platform-managed, no organization) and a demo organization whose `demo-app`
// uses the "standard web app" template, so `/demo` is a working relying party
// from the first `npm start`. Idempotent and safe when instances race.
import { findApplicationByAnchor, upsertRelyingPartyKey } from "@/db/queries/applications";
import { findOrganizationByAnchor, insertOrganization } from "@/db/queries/organizations";
import { createApplication, type CreateApplicationInput } from "./applications/create-application";
import { seal } from "./crypto/seal";
import { isSudomimusError } from "./errors";
import { buildTemplate } from "./rules";
import type { Deps } from "./runtime";

export const PORTAL_ANCHOR = "sudomimus-with";
export const DEMO_ANCHOR = "demo-app";
export const DEMO_ORGANIZATION_ANCHOR = "demo-organization";

/** Binds a built-in relying party's sealed client-auth key to its anchor. */
export function relyingPartyKeyAad(anchor: string): string {
  return `relying_party_keys:${anchor}`;
}

type SeedDeps = Pick<Deps, "db" | "keyring" | "clock" | "config" | "log">;

export async function seedIfEmpty(deps: SeedDeps): Promise<void> {
  const host = new URL(deps.config.publicUrl).hostname;
  await ensureBuiltInApplication(deps, {
    anchor: PORTAL_ANCHOR,
    organizationId: null,
    names: { "en-US": "Sudomimus With", "de-DE": "Sudomimus With", "fr-FR": "Sudomimus With" },
    rules: {
      authentication: [
        { method: "PASSKEY_USERNAMELESS", payload: {} },
        { method: "PASSKEY_REASONED", payload: {} },
        { method: "EMAIL_VERIFICATION", payload: {} },
        // A domain under an SSO_ONLY policy signs its users in here through its IdP (docs 22, 25).
        { method: "ENTERPRISE_FEDERATION_DOMAIN_MANAGED", payload: {} },
      ],
      realize: [{ constraintType: "EVERYONE", payload: {} }],
      // The portal returns by callback; the Sudomimus CLI signs in by device code.
      return: [
        { returnMethod: "CALLBACK", payload: { allowedCallbackDomains: [host] } },
        { returnMethod: "DEVICE_CODE", payload: {} },
      ],
    },
  });

  let organization = await findOrganizationByAnchor(deps.db, DEMO_ORGANIZATION_ANCHOR);
  organization ??=
    (await insertOrganization(deps.db, { anchor: DEMO_ORGANIZATION_ANCHOR, name: "Demo organization" })) ??
    (await findOrganizationByAnchor(deps.db, DEMO_ORGANIZATION_ANCHOR));
  await ensureBuiltInApplication(deps, {
    anchor: DEMO_ANCHOR,
    organizationId: organization!.id,
    names: { "en-US": "Sudomimus Demo", "de-DE": "Sudomimus-Demo", "fr-FR": "Démo Sudomimus" },
    rules: buildTemplate("standard-web-app", { callbackDomains: [host] }),
    claimPolicies: { email: "REQUIRED", firstName: "OPTIONAL", lastName: "OPTIONAL" },
  });
}

async function ensureBuiltInApplication(deps: SeedDeps, input: CreateApplicationInput): Promise<void> {
  if (await findApplicationByAnchor(deps.db, input.anchor)) return;
  try {
    const created = await createApplication(deps, input);
    // This process is also the relying party for its built-in applications, so it keeps their client-auth keys (sealed).
    await upsertRelyingPartyKey(deps.db, input.anchor, seal(deps.keyring, created.clientAuthPrivateKey, relyingPartyKeyAad(input.anchor)));
    deps.log.info("seeded application", { anchor: input.anchor });
  } catch (error) {
    // Another instance seeded it first.
    if (!isSudomimusError(error, "ApplicationAnchorTaken")) throw error;
  }
}
