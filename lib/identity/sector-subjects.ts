// The sector subject: what applications see as `subject` / `sub`. One live
// subject per (account, sector), minted on first need; rotation retires it.
import type { Executor } from "@/db/client";
import { findLiveSectorSubject, insertSectorSubject } from "@/db/queries/identity";
import { newSectorSubject } from "./identifiers";

export async function sectorSubjectFor(db: Executor, accountId: string, sectorId: string): Promise<string> {
  const existing = await findLiveSectorSubject(db, accountId, sectorId);
  if (existing) return existing;
  // A concurrent request may mint first; the partial unique index keeps one, and we read the winner.
  await insertSectorSubject(db, { accountId, sectorId, subject: newSectorSubject() });
  const minted = await findLiveSectorSubject(db, accountId, sectorId);
  if (!minted) throw new Error("sector subject could not be minted");
  return minted;
}

/** Whether the subject is the account's live one in the sector (e.g. the user an id_token_hint names). */
export async function isLiveSectorSubjectOf(db: Executor, accountId: string, sectorId: string, subject: string): Promise<boolean> {
  return (await findLiveSectorSubject(db, accountId, sectorId)) === subject;
}
