// Privacy (docs 14): the account alias — the user's own handle for
// allow-lists and invitations, never shown to applications — and the sector
// subjects applications see. Rotating a subject retires it: every application
// of that sector sees a brand-new user from the next sign-in on. The user's
// sessions there end with it — a refresh that went on minting tokens would
// hand the application the new subject inside the old session, linking the
// two and undoing the "forget my continuity" the user asked for.
import { findSectorByAnchor, listApplicationsOfSectors, listLiveSectorSubjects, retireSectorSubject, revokeSectorSessions } from "@/db/queries/account";
import { findApplicationByAnchor } from "@/db/queries/applications";
import { localizedName } from "../applications/info";
import { fail } from "../errors";
import { accountAliasFor, rotateAccountAlias } from "../identity/account-alias";
import { sectorSubjectFor } from "../identity/sector-subjects";
import type { Deps } from "../runtime";
import { PORTAL_ANCHOR } from "../seed";

export { accountAliasFor, rotateAccountAlias };

export interface SectorSubjectView {
  sectorAnchor: string;
  sectorName: string;
  subject: string;
  since: Date;
  applications: string[];
  /** The portal's own sector: rotating it ends this portal session. */
  isPortal: boolean;
}

export async function listSectorSubjects(deps: Pick<Deps, "db">, accountId: string, locale: string): Promise<SectorSubjectView[]> {
  const subjects = await listLiveSectorSubjects(deps.db, accountId);
  const apps = await listApplicationsOfSectors(deps.db, subjects.map((row) => row.sectorId));
  const portal = await findApplicationByAnchor(deps.db, PORTAL_ANCHOR);
  return subjects
    .map((row) => ({
      sectorAnchor: row.sectorAnchor,
      sectorName: row.sectorName,
      subject: row.subject,
      since: row.createdAt,
      applications: apps.filter((app) => app.sectorId === row.sectorId).map((app) => localizedName(app.names, app.defaultLocale, locale) || app.anchor),
      isPortal: portal?.sectorId === row.sectorId,
    }))
    .sort((a, b) => Number(a.isPortal) - Number(b.isPortal));
}

/** Retires the live subject in one sector, ends the sessions there, and mints its successor. Returns whether it was the portal's own sector. */
export async function rotateSectorSubject(deps: Pick<Deps, "db" | "clock">, accountId: string, sectorAnchor: string): Promise<{ subject: string; isPortal: boolean }> {
  const sector = await findSectorByAnchor(deps.db, sectorAnchor);
  if (!sector) fail("NotFound", { message: "No such sector." });
  const now = deps.clock.now();
  const subject = await deps.db.transaction(async (tx) => {
    if (!(await retireSectorSubject(tx, accountId, sector.id, now))) fail("NotFound", { message: "You have no identifier in this sector." });
    await revokeSectorSessions(tx, accountId, sector.id, now);
    return sectorSubjectFor(tx, accountId, sector.id);
  });
  const portal = await findApplicationByAnchor(deps.db, PORTAL_ANCHOR);
  return { subject, isPortal: portal?.sectorId === sector.id };
}
