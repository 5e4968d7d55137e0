// /via/dev/mailbox — where mail goes when no SMTP server is configured
// (development only, SUDOMIMUS_DEV_MAILBOX): read sign-in codes without a
// mail server. Absent (404) whenever mail really goes out, and to anyone but
// this machine (lib/mail/dev-mailbox.ts).
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getFormatter, getTranslations } from "next-intl/server";
import { listOutboxMessages } from "@/db/queries/mail-outbox";
import { Alert } from "@/components/ui/alert";
import { Card, cardTitleClasses } from "@/components/ui/card";
import { ViaHeader } from "@/components/via/via-header";
import { ViaMain } from "@/components/via/via-main";
import { mayReadDevMailbox } from "@/lib/mail/dev-mailbox";
import { getDeps } from "@/lib/runtime";

const SHOWN = 50;

export default async function DevMailboxPage() {
  // Per request: never prerendered at build time, when there is no database to read.
  await connection();
  const deps = await getDeps();
  if (!mayReadDevMailbox(await headers(), deps.config)) notFound();
  const messages = await listOutboxMessages(deps.db, SHOWN);
  const t = await getTranslations("via.mailbox");
  const format = await getFormatter();

  return (
    <>
      <ViaHeader returnTo="/via/dev/mailbox" />
      <ViaMain wide>
        <Card>
          <h1 className={cardTitleClasses}>{t("title")}</h1>
          <Alert tone="info" className="mt-4">
            {t("note")}
          </Alert>
          {messages.length === 0 ? (
            <p className="mt-8 text-center text-slate-600 dark:text-slate-400">{t("empty")}</p>
          ) : (
            <ol className="mt-8 space-y-6" aria-label={t("listLabel", { count: messages.length })}>
              {messages.map((message) => (
                <li key={message.id} className="rounded-xl border border-slate-200 dark:border-slate-800">
                  <article aria-labelledby={`mail-${message.id}`}>
                    <header className="border-b border-slate-200 px-4 py-3 dark:border-slate-800">
                      <h2 id={`mail-${message.id}`} className="font-semibold text-slate-900 dark:text-slate-100">
                        {message.subject}
                      </h2>
                      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-sm text-slate-600 dark:text-slate-400">
                        <dt>{t("to")}</dt>
                        <dd className="break-all">{message.recipient}</dd>
                        <dt>{t("sent")}</dt>
                        <dd>
                          <time dateTime={message.createdAt.toISOString()}>{format.dateTime(message.createdAt, { dateStyle: "medium", timeStyle: "medium" })}</time>
                        </dd>
                      </dl>
                    </header>
                    <pre className="overflow-x-auto whitespace-pre-wrap break-words px-4 py-3 font-mono text-sm text-slate-800 dark:text-slate-200">{message.textBody}</pre>
                  </article>
                </li>
              ))}
            </ol>
          )}
        </Card>
      </ViaMain>
    </>
  );
}
