// The mail outbox (mail without SMTP) holds addresses and sign-in codes, so
// it keeps them no longer than anyone can use them: an erased account's mail
// goes with it (docs 29), and with the development mailbox off — nobody
// reads the outbox — mail without SMTP is not stored at all.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import { inArray } from "drizzle-orm";
import { insertOutboxMessage } from "@/db/queries/mail-outbox";
import { mailOutbox } from "@/db/schema";
import { deleteAccount } from "@/lib/account/delete-account";
import { startAddEmail } from "@/lib/account/sign-in-methods";
import { registerAccountByEmail } from "@/lib/identity/accounts";
import { createMailer } from "@/lib/mail/mailer";
import { signedInBrowser } from "../support/acting-browser";
import { libDeps } from "../support/lib-deps";

let setup: Awaited<ReturnType<typeof libDeps>>;
const rand = () => crypto.randomBytes(4).toString("hex");

async function recipientsAmong(addresses: string[]): Promise<string[]> {
  const rows = await setup.deps.db.select({ recipient: mailOutbox.recipient }).from(mailOutbox).where(inArray(mailOutbox.recipient, addresses));
  return rows.map((row) => row.recipient).sort();
}

describe("mail outbox (lib)", () => {
  before(async () => {
    setup = await libDeps();
  });
  after(async () => setup.close());

  it("erasure deletes the outbox mail to every address of the account, pending ones included, and nobody else's", async () => {
    const { deps } = setup;
    const email = `erased-${rand()}@example.com`;
    const neighbour = `neighbour-${rand()}@example.com`;
    const account = await deps.db.transaction((tx) => registerAccountByEmail(tx, { email, now: deps.clock.now() }));
    // A sign-in code to the address (as typed, in capitals), one to a neighbour, and an address being added (its code mailed).
    await insertOutboxMessage(deps.db, { to: email.toUpperCase(), subject: "Your code", text: "123456" });
    await insertOutboxMessage(deps.db, { to: neighbour, subject: "Your code", text: "654321" });
    const adding = `adding-${rand()}@example.com`;
    const who = { ...(await signedInBrowser(deps, account.id, email)), address: null, locale: "en-US", portalName: "Sudomimus With" };
    await startAddEmail(deps, who, { email: adding });
    const all = [email.toUpperCase(), neighbour, adding];
    assert.deepEqual(await recipientsAmong(all), [...all].sort(), "the mail is there before erasure");

    await deleteAccount(deps, account.id, { confirmation: email });

    assert.deepEqual(await recipientsAmong(all), [neighbour]);
  });

  it("with the development mailbox off and no SMTP server, mail is neither sent nor stored", async () => {
    const { deps } = setup;
    const config = { smtpUrl: undefined, smtpFrom: "Sudomimus <no-reply@example.com>" };
    const dropped = `dropped-${rand()}@example.com`;
    const off = createMailer({ ...config, devMailbox: false }, deps.db);
    assert.equal(off.kind, "none");
    await off.send({ to: dropped, subject: "Your code", text: "123456" });
    assert.deepEqual(await recipientsAmong([dropped]), []);
    // The development mailbox still gets its mail.
    const shown = `shown-${rand()}@example.com`;
    await createMailer({ ...config, devMailbox: true }, deps.db).send({ to: shown, subject: "Your code", text: "123456" });
    assert.deepEqual(await recipientsAmong([shown]), [shown]);
  });
});
