// What an empty database starts with: the With portal's own application
// (platform-managed, no organization) and a demo organization whose `demo-app`
// uses the "standard web app" template, so `/demo` is a working relying party
// from the first `npm start`. Idempotent and safe when instances race.
import type { Executor } from "@/db/client";
import { findApplicationByAnchor, findRelyingPartyKey, lockApplication, updateApplication, upsertRelyingPartyKey } from "@/db/queries/applications";
import { findOrganizationByAnchor, insertOrganization } from "@/db/queries/organizations";
import { createApplication, type CreateApplicationInput } from "./applications/create-application";
import { generateRsaKeyPair } from "./crypto/rsa";
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
  const existing = await findApplicationByAnchor(deps.db, input.anchor);
  if (existing) return repairRelyingPartyKey(deps, existing.id, input.anchor);
  try {
    // This process is also the relying party for its built-in applications, so it keeps their client-auth keys (sealed),
    // written with the application: an application without its key could never sign anyone in, and would never be seeded again.
    await createApplication(deps, { ...input, afterInsert: (tx, created) => keepRelyingPartyKey(deps, tx, input.anchor, created.clientAuthPrivateKey) });
    deps.log.info("seeded application", { anchor: input.anchor });
  } catch (error) {
    // Another instance seeded it first.
    if (!isSudomimusError(error, "ApplicationAnchorTaken")) throw error;
  }
}

function keepRelyingPartyKey(deps: SeedDeps, db: Executor, anchor: string, clientAuthPrivateKey: string): Promise<void> {
  return upsertRelyingPartyKey(db, anchor, seal(deps.keyring, clientAuthPrivateKey, relyingPartyKeyAad(anchor)));
}

/**
 * A built-in application without its key (seeded by an earlier version that
 * wrote the key separately, and interrupted in between) gets a new client-auth
 * keypair: the public half on the application, the private half kept sealed.
 */
async function repairRelyingPartyKey(deps: SeedDeps, applicationId: string, anchor: string): Promise<void> {
  if (await findRelyingPartyKey(deps.db, anchor)) return;
  const pair = await generateRsaKeyPair();
  const repaired = await deps.db.transaction(async (tx) => {
    // Under the application's lock, so instances repairing at once leave one matching pair.
    await lockApplication(tx, applicationId);
    if (await findRelyingPartyKey(tx, anchor)) return false;
    await updateApplication(tx, applicationId, { clientAuthPublicKey: pair.publicKeyPem, clientAuthKeyRotatedAt: deps.clock.now() });
    await keepRelyingPartyKey(deps, tx, anchor, pair.privateKeyPem);
    return true;
  });
  if (repaired) deps.log.warn("built-in application had no relying-party key; rotated its client-auth key", { anchor });
}
