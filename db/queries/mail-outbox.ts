import { desc } from "drizzle-orm";
import type { Executor } from "../client";
import { mailOutbox } from "../schema";

export async function insertOutboxMessage(
  db: Executor,
  message: { to: string; subject: string; text: string; html?: string },
): Promise<void> {
  await db.insert(mailOutbox).values({ recipient: message.to, subject: message.subject, textBody: message.text, htmlBody: message.html ?? null });
}

export async function listOutboxMessages(db: Executor, limit: number) {
  return db.select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt)).limit(limit);
}
