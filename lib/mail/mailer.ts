// Outgoing mail. With SMTP_URL set, messages go to that server (nodemailer);
// without it they are kept in the database outbox, which the development
// mailbox page shows — so a fresh `npm start` can complete an email sign-in.
import nodemailer from "nodemailer";
import type { Database } from "@/db/client";
import { insertOutboxMessage } from "@/db/queries/mail-outbox";
import { SudomimusError } from "../errors";

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
  // Someone waits on every send (a sign-in code): a mail server that does not answer fails the request
  // in seconds, not after nodemailer's defaults (2 minutes to connect, 10 idle). Parameters in SMTP_URL win.
  const transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  return {
    kind: "smtp",
    async send(message) {
      try {
        await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text, html: message.html });
      } catch (error) {
        // The person can try again later; the operator reads why in the log (503s are logged).
        throw new SudomimusError("MailUnavailable", {
          message: "The email could not be sent right now. Try again in a few minutes.",
          detail: `SMTP: ${error instanceof Error ? error.message : String(error)}`,
          cause: error,
        });
      }
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
