// Applications on the developer surface: creating one inside an organization
// (ADMIN, within the quota; a fresh sector by default or an existing live one
// of the same organization), renaming, rotating either keypair (ADMIN), and
// retiring / re-enabling (sole OWNER). Creation and client-auth rotation
// return the client-auth private key once; it is never stored.
import { z } from "zod";
import type { Executor } from "@/db/client";
import { findSectorById, replaceTokenSigningKey, updateApplication } from "@/db/queries/applications";
import { findSectorOfOrganization, organizationHoldings } from "@/db/queries/organizations";
import { revokeLiveFamilies } from "@/db/queries/sessions";
import { anchorSchema } from "../applications/anchor";
import { createApplication, type CreatedApplication } from "../applications/create-application";
import { tokenSigningKeyAad } from "../applications/signing-key";
import { generateRsaKeyPair } from "../crypto/rsa";
import { seal } from "../crypto/seal";
import { fail } from "../errors";
import type { Deps } from "../runtime";
import { confirmRecentSignIn, type ActingBrowser } from "../via/browser-session";
import { holdQuota } from "./quotas";
import { refuseSectorQuota } from "./sectors";
import { applicationFor, lockLiveOrganization, organizationFor, requireSoleOwner } from "./access";

type DevDeps = Pick<Deps, "db" | "clock" | "keyring">;

export const NAME_LOCALES = ["en-US", "de-DE", "fr-FR"] as const;

const nameSchema = z.string().trim().max(80);

/** Localized names: en-US required, the others optional (blank = absent). */
export function parseNames(raw: Record<string, unknown>): Record<string, string> {
  const names: Record<string, string> = {};
  for (const locale of NAME_LOCALES) {
    const parsed = nameSchema.safeParse(raw[locale] ?? "");
    if (!parsed.success) fail("Invalid names", { message: "Names are at most 80 characters.", body: { code: "nameTooLong", field: `name-${locale}` } });
    if (parsed.data !== "") names[locale] = parsed.data;
  }
  if (!names["en-US"]) fail("Invalid names", { message: "An English name is required.", body: { code: "nameRequired", field: "name-en-US" } });
  return names;
}

export interface NewApplicationInput {
  organizationAnchor: string;
  anchor: unknown;
  names: Record<string, unknown>;
  /** An existing sector of the organization; absent = a fresh sector for this application. */
  sectorAnchor?: string | null;
}

export async function createDeveloperApplication(deps: DevDeps, accountId: string, input: NewApplicationInput): Promise<CreatedApplication> {
  const { organization } = await organizationFor(deps.db, accountId, input.organizationAnchor, "editApplications");
  const anchor = anchorSchema.safeParse(typeof input.anchor === "string" ? input.anchor.trim() : input.anchor);
  if (!anchor.success) fail("Invalid applicationAnchor", { message: "Invalid application anchor.", body: { code: "anchorInvalid", field: "anchor" } });
  const names = parseNames(input.names);
  let sectorId: string | undefined;
  if (input.sectorAnchor) {
    const sector = await findSectorOfOrganization(deps.db, organization.id, input.sectorAnchor);
    if (!sector) fail("NotFound", { message: "No such sector in this organization.", body: { code: "sectorUnknown", field: "sector" } });
    sectorId = sector.id;
  }
  const withinQuotas = async (db: Executor) => {
    if (sectorId && (await findSectorById(db, sectorId))?.disabledAt) refuseRetiredSector();
    const holdings = await organizationHoldings(db, organization.id);
    if (holdings.applications >= organization.applicationQuota) {
      fail("Conflict", { message: `This organization may hold ${organization.applicationQuota} applications.`, body: { code: "applicationQuota" } });
    }
    if (!sectorId && holdings.sectors >= organization.sectorQuota) refuseSectorQuota(organization.sectorQuota, "sector");
  };
  // Refused before the keys are generated; checked again under the organization's lock when the rows are written.
  await withinQuotas(deps.db);
  // No rules: default-deny until an ADMIN adds them on the Rules tab.
  return createApplication(deps, {
    anchor: anchor.data,
    organizationId: organization.id,
    sectorId,
    names,
    rules: { authentication: [], realize: [], return: [] },
    beforeInsert: (tx) => holdQuota(tx, { organizationId: organization.id }, () => withinQuotas(tx)),
  });
}

function refuseRetiredSector(): never {
  return fail("Conflict", { message: "This sector is retired.", body: { code: "sectorRetired", field: "sector" } });
}

export async function renameApplication(deps: DevDeps, accountId: string, anchor: string, rawNames: Record<string, unknown>): Promise<void> {
  const { application } = await applicationFor(deps.db, accountId, anchor, "editApplications");
  await updateApplication(deps.db, application.id, { names: parseNames(rawNames) });
}

/**
 * A new token-signing keypair. New tokens are signed with it at once and /info
 * hands out its public half; the old public key is kept as the previous one,
 * so sessions live on: their refresh tokens still refresh (onto the new key;
 * verifyApplicationToken), while access tokens of the old key, like anything
 * else a leaked old key could sign, are no longer honoured. The key before
 * that is dropped, with the sessions still on it.
 */
export async function rotateTokenSigningKey(deps: DevDeps, accountId: string, anchor: string): Promise<void> {
  const { application } = await applicationFor(deps.db, accountId, anchor, "editApplications");
  const pair = await generateRsaKeyPair();
  await replaceTokenSigningKey(deps.db, application.id, {
    sealedPrivateKey: seal(deps.keyring, pair.privateKeyPem, tokenSigningKeyAad(application.anchor)),
    publicKey: pair.publicKeyPem,
    rotatedAt: deps.clock.now(),
  });
}

/**
 * Ends every live session of the application at once (ADMIN+), e.g. after a
 * key leak, beside a rotation (which by itself ends none): every refresh
 * token is refused from now on and /introspect answers `revoked`.
 */
export async function endAllSessions(deps: DevDeps, accountId: string, anchor: string): Promise<{ endedCount: number }> {
  const { application } = await applicationFor(deps.db, accountId, anchor, "editApplications");
  return { endedCount: await revokeLiveFamilies(deps.db, { applicationId: application.id }, "portal-end-all-sessions", deps.clock.now()) };
}

/**
 * A new client-auth keypair: the public half replaces the old one at once; the
 * private half is returned once — so it needs a recent sign-in too.
 */
export async function rotateClientAuthKey(deps: DevDeps, who: ActingBrowser, anchor: string): Promise<string> {
  const { application } = await applicationFor(deps.db, who.accountId, anchor, "editApplications");
  await confirmRecentSignIn(deps, who);
  const pair = await generateRsaKeyPair();
  await updateApplication(deps.db, application.id, { clientAuthPublicKey: pair.publicKeyPem, clientAuthKeyRotatedAt: deps.clock.now() });
  return pair.privateKeyPem;
}

/** Retiring makes every login fail at once; tokens already issued keep working until they expire. */
export async function retireApplication(deps: DevDeps, accountId: string, anchor: string): Promise<void> {
  const { application, organization, role } = await applicationFor(deps.db, accountId, anchor, "retire");
  await requireSoleOwner(deps.db, organization.id, role);
  if (!application.enabled) fail("Conflict", { message: "This application is already retired.", body: { code: "alreadyRetired" } });
  await updateApplication(deps.db, application.id, { enabled: false, disabledAt: deps.clock.now() });
}

export async function reenableApplication(deps: DevDeps, accountId: string, anchor: string): Promise<void> {
  const { application, organization, role } = await applicationFor(deps.db, accountId, anchor, "retire");
  await requireSoleOwner(deps.db, organization.id, role);
  await deps.db.transaction(async (tx) => {
    // Under the lock a retire of its organization or sector counts under.
    await lockLiveOrganization(tx, organization.id);
    const sector = await findSectorById(tx, application.sectorId);
    if (sector?.disabledAt) fail("Conflict", { message: "Re-enable the application's sector first.", body: { code: "sectorRetired" } });
    await updateApplication(tx, application.id, { enabled: true, disabledAt: null });
  });
}
