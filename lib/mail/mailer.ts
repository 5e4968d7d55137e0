// Outgoing mail. With SMTP_URL set, messages go to that server (nodemailer);
// without it they are kept in the database outbox, which the development
// mailbox page shows — so a fresh `npm start` can complete an email sign-in.
import nodemailer from "nodemailer";
import type { Database } from "@/db/client";
import { insertOutboxMessage } from "@/db/queries/mail-outbox";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  readonly kind: "smtp" | "outbox";
  send(message: MailMessage): Promise<void>;
}

export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    kind: "smtp",
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text, html: message.html });
    },
  };
}

export function createOutboxMailer(db: Database): Mailer {
  return {
    kind: "outbox",
    async send(message) {
      await insertOutboxMessage(db, message);
    },
  };
}
