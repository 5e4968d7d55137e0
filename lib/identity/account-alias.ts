// The account alias: the user's own handle for allow-lists, never shown to applications.
import type { Executor } from "@/db/client";
import { findAccountAlias, insertAccountAlias } from "@/db/queries/identity";
import { replaceAccountAlias } from "@/db/queries/account";
import { newAccountAlias } from "./identifiers";

export async function accountAliasFor(db: Executor, accountId: string): Promise<string> {
  const existing = await findAccountAlias(db, accountId);
  if (existing) return existing;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await insertAccountAlias(db, accountId, newAccountAlias())) break;
    const raced = await findAccountAlias(db, accountId);
    if (raced) return raced;
  }
  const minted = await findAccountAlias(db, accountId);
  if (!minted) throw new Error("account alias could not be minted");
  return minted;
}

/** Replaces the alias with a fresh one: allow-lists and invitations naming the old alias stop matching. */
export async function rotateAccountAlias(db: Executor, accountId: string): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const alias = newAccountAlias();
    // A collision with another account's alias (vanishingly unlikely) throws on the unique index: draw again.
    const replaced = await replaceAccountAlias(db, accountId, alias).catch(() => false);
    if (replaced) return alias;
  }
  throw new Error("account alias could not be rotated");
}
