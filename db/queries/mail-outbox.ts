import { desc, inArray, lt, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { mailOutbox } from "../schema";
import { deleteInBatches } from "./sweep";

export async function insertOutboxMessage(
  db: Executor,
  message: { to: string; subject: string; text: string; html?: string },
): Promise<void> {
  await db.insert(mailOutbox).values({ recipient: message.to, subject: message.subject, textBody: message.text, htmlBody: message.html ?? null });
}

export async function listOutboxMessages(db: Executor, limit: number) {
  return db.select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt)).limit(limit);
}

/** Deletes the mail addressed to any of `addresses` (compared lowercased, as email identities are stored). */
export async function deleteOutboxMessagesTo(db: Executor, addresses: readonly string[]): Promise<void> {
  const lowered = [...new Set(addresses.map((address) => address.trim().toLowerCase()))];
  if (lowered.length === 0) return;
  await db.delete(mailOutbox).where(inArray(sql`lower(${mailOutbox.recipient})`, lowered));
}

export async function deleteOutboxMessagesCreatedBefore(db: Executor, cutoff: Date): Promise<void> {
  await deleteInBatches(db, mailOutbox, lt(mailOutbox.createdAt, cutoff));
}
