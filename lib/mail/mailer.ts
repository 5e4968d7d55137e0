// Outgoing mail. With SMTP_URL set, messages go to that server (nodemailer);
// without it they are kept in the database outbox, which the development
// mailbox page shows — so a fresh `npm start` can complete an email sign-in.
// With neither (mailbox off, no SMTP) mail is dropped: an outbox nobody reads
// would only hoard addresses and sign-in codes (the server warns at start).
import nodemailer from "nodemailer";
import type { Database } from "@/db/client";
import type { Config } from "../config";
import { insertOutboxMessage } from "@/db/queries/mail-outbox";
import { SudomimusError } from "../errors";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  readonly kind: "smtp" | "outbox" | "none";
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

/** No SMTP server and no development mailbox: nothing is sent, nothing stored. */
export function createDiscardingMailer(): Mailer {
  return {
    kind: "none",
    async send() {},
  };
}

/** The mailer the configuration asks for: SMTP, else the outbox the development mailbox shows, else none. */
export function createMailer(config: Pick<Config, "smtpUrl" | "smtpFrom" | "devMailbox">, db: Database): Mailer {
  if (config.smtpUrl) return createSmtpMailer(config.smtpUrl, config.smtpFrom);
  return config.devMailbox ? createOutboxMailer(db) : createDiscardingMailer();
}
