// Email one-time codes as every sender issues them (via, the Errand, the
// portal): only a keyed hash at rest, ten minutes, a newer code replaces the
// browser's older one, per-address and per-browser limits, spaces forgiven,
// a challenge that runs out of attempts is spent, and a mail server that is
// down is said to be down.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { findLiveOtpChallenge } from "@/db/queries/challenges";
import { insertAccount } from "@/db/queries/identity";
import { listOutboxMessages } from "@/db/queries/mail-outbox";
import { otpChallenges } from "@/db/schema";
import { loadSignInMethods, startAddEmail, verifyAddEmail } from "@/lib/account/sign-in-methods";
import { createSmtpMailer } from "@/lib/mail/mailer";
import { CODE_GUESSES, CODES_PER_ADDRESS, CODES_PER_BROWSER, emailCodeMatches, guessEmailCode, issueEmailCode, OTP_TTL_SECONDS } from "@/lib/identity/email-codes";
import { isSudomimusError } from "@/lib/errors";
import { signedInBrowser } from "../support/acting-browser";
import { libDeps } from "../support/lib-deps";
import { signInCodeIn } from "../support/mailbox";
import { freePort } from "../support/ports";
import { rejectsWith } from "../support/rejects";

let setup: Awaited<ReturnType<typeof libDeps>>;
const binding = () => crypto.randomBytes(32).toString("hex");
const address = () => `code-${crypto.randomBytes(4).toString("hex")}@example.com`;
const issue = (browserBinding: string, email: string, clientAddress: string | null = null) =>
  issueEmailCode(setup.deps, { browserBinding, clientAddress }, { email, purpose: "ADD_EMAIL", inquiryId: null, accountId: null });

describe("email one-time codes (lib)", () => {
  before(async () => {
    setup = await libDeps();
  });
  after(async () => setup.close());

  it("stores only a keyed hash, for ten minutes, and only for the browser that asked", async () => {
    const browser = binding();
    const { challengeId, code } = await issue(browser, address());
    assert.match(code, /^\d{6}$/);
    const [row] = await setup.deps.db.select().from(otpChallenges).where(eq(otpChallenges.id, challengeId));
    assert.ok(!row!.codeHash.includes(code), "the code itself is not stored");
    assert.equal(row!.expiresAt.getTime() - setup.deps.clock.now().getTime(), OTP_TTL_SECONDS * 1000);
    assert.ok(emailCodeMatches(setup.deps, row!, code));
    assert.ok(emailCodeMatches(setup.deps, row!, ` ${code.slice(0, 3)} ${code.slice(3)} `), "spaces are forgiven");
    assert.ok(!emailCodeMatches(setup.deps, row!, String((Number(code) + 1) % 1_000_000).padStart(6, "0")));
    assert.ok(!emailCodeMatches(setup.deps, row!, code.slice(0, 5)));
    assert.ok(!emailCodeMatches(setup.deps, { ...row!, id: crypto.randomUUID() }, code), "a code is bound to its challenge");
    assert.equal(await findLiveOtpChallenge(setup.deps.db, challengeId, binding(), setup.deps.clock.now()), null, "another browser cannot use it");
    setup.deps.clock.advance(OTP_TTL_SECONDS);
    assert.equal(await findLiveOtpChallenge(setup.deps.db, challengeId, browser, setup.deps.clock.now()), null, "expired after ten minutes");
  });

  it("a newer code replaces the browser's older one for the same address", async () => {
    const browser = binding();
    const email = address();
    const first = await issue(browser, email);
    const second = await issue(browser, email);
    const now = setup.deps.clock.now();
    assert.equal(await findLiveOtpChallenge(setup.deps.db, first.challengeId, browser, now), null);
    assert.notEqual(await findLiveOtpChallenge(setup.deps.db, second.challengeId, browser, now), null);
  });

  it("limits codes per address (whatever the browser) and per browser (whatever the address)", async () => {
    const email = address();
    for (let i = 0; i < CODES_PER_ADDRESS.limit; i++) await issue(binding(), email);
    await rejectsWith(issue(binding(), email), "RateLimited", 429);

    const browser = binding();
    for (let i = 0; i < CODES_PER_BROWSER.limit; i++) await issue(browser, address());
    await rejectsWith(issue(browser, address()), "RateLimited", 429);

    // Both windows end.
    setup.deps.clock.advance(Math.max(CODES_PER_ADDRESS.windowSeconds, CODES_PER_BROWSER.windowSeconds));
    await issue(browser, email);
  });

  it("limits codes per network address: dropping cookies (a new browser each time) does not make us mail anyone without end", async () => {
    const client = "198.51.100.23";
    assert.equal(setup.deps.config.emailCodesPerClientAddress, 100, "the default");
    for (let i = 0; i < setup.deps.config.emailCodesPerClientAddress; i++) await issue(binding(), address(), client);
    await rejectsWith(issue(binding(), address(), client), "RateLimited", 429);
    // Another network address is not affected.
    await issue(binding(), address(), "198.51.100.24");
  });

  it("a code takes CODE_GUESSES guesses, counted before the comparison; the last wrong one spends it", async () => {
    const browser = binding();
    const { challengeId, code } = await issue(browser, address());
    const live = async () => findLiveOtpChallenge(setup.deps.db, challengeId, browser, setup.deps.clock.now());
    const wrong = code === "000000" ? "111111" : "000000";
    const left: number[] = [];
    for (let i = 0; i < CODE_GUESSES - 1; i++) {
      const guess = await guessEmailCode(setup.deps, (await live())!, wrong);
      assert.equal(guess.right, false);
      if (!guess.right) left.push(guess.guessesLeft);
    }
    assert.deepEqual(left, [4, 3, 2, 1]);
    assert.deepEqual(await guessEmailCode(setup.deps, (await live())!, code), { right: true }, "the right code on the last guess");

    const other = await issue(binding(), address());
    const row = (await setup.deps.db.select().from(otpChallenges).where(eq(otpChallenges.id, other.challengeId)))[0]!;
    for (let i = 0; i < CODE_GUESSES; i++) await guessEmailCode(setup.deps, row, other.code === "000000" ? "111111" : "000000");
    assert.deepEqual(await guessEmailCode(setup.deps, row, other.code), { right: false, guessesLeft: 0 }, "spent: even the right code no longer works");
  });

  it("a burst of concurrent wrong codes is counted one by one: the code is spent after CODE_GUESSES, and the right code then fails", async () => {
    // The portal's "add an email" (the errand's and via's codes take their guesses the same way).
    const account = await insertAccount(setup.deps.db, {});
    const who = { ...(await signedInBrowser(setup.deps, account.id)), address: null, locale: "en-US", portalName: "Sudomimus With" };
    const email = address();
    const { challengeId } = await startAddEmail(setup.deps, who, { email });
    // The attacker does not know the code; the test reads it from the mail, to show it no longer helps.
    const mail = (await listOutboxMessages(setup.deps.db, 50)).find((message) => message.recipient === email);
    const right = signInCodeIn(mail!.textBody)!;
    const wrong = right === "000000" ? "111111" : "000000";
    const answers = await Promise.allSettled(Array.from({ length: 3 * CODE_GUESSES }, () => verifyAddEmail(setup.deps, { accountId: account.id, binding: who.binding }, { challengeId, code: wrong })));
    const reasons = answers.map((answer) => (answer.status === "rejected" && isSudomimusError(answer.reason) ? answer.reason.reason : String(answer.status)));
    assert.equal(reasons.filter((reason) => reason === "WrongCode").length, CODE_GUESSES - 1, reasons.join(","));
    assert.equal(reasons.filter((reason) => reason === "CodeExpired").length, 2 * CODE_GUESSES + 1, reasons.join(","));
    const [after] = await setup.deps.db.select().from(otpChallenges).where(eq(otpChallenges.id, challengeId));
    assert.equal(after!.attempts, CODE_GUESSES, "no guess beyond the budget was counted — or compared");
    await assert.rejects(verifyAddEmail(setup.deps, { accountId: account.id, binding: who.binding }, { challengeId, code: right }), (error: unknown) => isSudomimusError(error) && error.reason === "CodeExpired");
    assert.deepEqual((await loadSignInMethods(setup.deps.db, account.id)).emails, [], "the address was not added");
  });

  it("answers 503 MailUnavailable, not a failure of its own, when the mail server cannot be reached", async () => {
    const mailer = createSmtpMailer(`smtp://127.0.0.1:${await freePort()}`, "Sudomimus <no-reply@example.com>");
    const account = await insertAccount(setup.deps.db, {});
    const who = { ...(await signedInBrowser(setup.deps, account.id)), address: null, locale: "en-US", portalName: "Sudomimus With" };
    const error = await rejectsWith(startAddEmail({ ...setup.deps, mailer }, who, { email: address() }), "MailUnavailable", 503);
    assert.equal(error.publicMessage, "The email could not be sent right now. Try again in a few minutes.");
    assert.match(error.detail ?? "", /^SMTP: .*ECONNREFUSED/, "the log says why");
  });
});
