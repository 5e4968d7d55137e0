// The device authorization state machine through its lib functions, on a
// real database of this pass's kind, with a clock the test moves: expiry
// before and after approval, the stored slow_down interval, policy checked
// again at token time, issuance failing after approval, racing polls, and the
// via side's lookup and decision rules.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { accounts, applications, deviceSessions, inquiries, refreshTokenFamilies, returnRules } from "@/db/schema";
import { insertDeviceSessionWithInquiry } from "@/db/queries/device-sessions";
import { isDatabaseUnavailable } from "@/db/unavailable";
import { upsertClaimGrant } from "@/db/queries/identity";
import { createApplication, type CreatedApplication } from "@/lib/applications/create-application";
import type { CreateApplicationInput } from "@/lib/applications/create-application";
import { deviceAuthorize, type DeviceAuthorizeResult } from "@/lib/device/authorize";
import { decideDevice } from "@/lib/device/decide";
import { deviceExposureKey, hashDeviceCode } from "@/lib/device/keys";
import { lookupUserCode, WRONG_CODES_PER_BROWSER, WRONG_CODES_PER_CLIENT } from "@/lib/device/lookup";
import { deviceToken, type DeviceTokenOutcome } from "@/lib/device/token";
import { registerAccountByEmail } from "@/lib/identity/accounts";
import { findInquiryByExposureKey } from "@/lib/inquiry/load-inquiry";
import { INQUIRY_LIVES } from "@/lib/inquiry/lifetimes";
import { spendInquiryLife } from "@/lib/inquiry/spend-life";
import { introspect } from "@/lib/sessions/introspect";
import { refresh } from "@/lib/sessions/refresh";
import type { Browser } from "@/lib/via/browser";
import { startBrowserSession } from "@/lib/via/browser-session";
import { declineSignIn } from "@/lib/via/decline";
import { startEmailCode, verifyEmailCode } from "@/lib/via/email-code";
import { realizeForBrowser } from "@/lib/via/outcome";
import { libDeps } from "../support/lib-deps";
import { rejectsWith } from "../support/rejects";
import { tokenBody } from "../support/tokens";

type Setup = Awaited<ReturnType<typeof libDeps>>;
let setup: Setup;
let app: CreatedApplication;

const DEVICE_RULES: CreateApplicationInput["rules"] = {
  authentication: [{ method: "EMAIL_VERIFICATION", payload: {} }],
  realize: [{ constraintType: "EMAIL", payload: { allowedEmails: ["*@example.com"] } }],
  // The DEVICE_CODE rule's TTLs join the fold.
  return: [{ returnMethod: "DEVICE_CODE", payload: {}, accessTokenTtlSeconds: 600, refreshTokenTtlSeconds: 2 * 86_400 }],
};

async function newApplication(anchor: string, extra: Partial<CreateApplicationInput> = {}) {
  return createApplication(setup.deps, { anchor, organizationId: null, names: { "en-US": anchor }, rules: DEVICE_RULES, ...extra });
}

/** A browser never seen before (a fresh binding), reaching us from `address` when given. */
const browser = (address: string | null = null): Browser => ({ binding: crypto.randomBytes(32).toString("hex"), sessionKey: null, locale: "en-US", address, setCookies: [] });
/** A network address no other test uses (IPv6 documentation range). */
const newAddress = () => `2001:db8::${crypto.randomBytes(2).toString("hex")}:${crypto.randomBytes(2).toString("hex")}`;

async function newAccount(application = app) {
  const email = `device-${crypto.randomBytes(4).toString("hex")}@example.com`;
  const account = await setup.deps.db.transaction((tx) => registerAccountByEmail(tx, { email, now: setup.deps.clock.now() }));
  await upsertClaimGrant(setup.deps.db, {
    accountId: account.id,
    applicationId: application.applicationId,
    claim: "EMAIL",
    decision: "GRANTED",
    decidedAt: setup.deps.clock.now(),
  });
  return { id: account.id, email };
}

const authorize = (application = app) => deviceAuthorize(setup.deps, { applicationAnchor: application.applicationAnchor }, { address: "192.0.2.1" });
const poll = (started: Pick<DeviceAuthorizeResult, "deviceCode">) => deviceToken(setup.deps, { deviceCode: started.deviceCode });

/** The user types the code, signs in by email in `via`, and lands on the decision. */
async function signInFor(started: DeviceAuthorizeResult, application = app) {
  const user = await newAccount(application);
  const via = browser();
  const found = await lookupUserCode(setup.deps, via, { userCode: started.userCode });
  assert.equal(found.step, "sign-in");
  const session = await startBrowserSession(setup.deps, via, { accountId: user.id, authenticationMethod: "EMAIL_VERIFICATION", loginEmail: user.email });
  const inquiry = (await findInquiryByExposureKey(setup.deps, found.exposureKey))!;
  const outcome = await realizeForBrowser(setup.deps, inquiry, session);
  assert.deepEqual(outcome, { next: "device-decision", userCode: started.userCode });
  return { user, via, exposureKey: found.exposureKey };
}

async function approved(application = app) {
  const started = await authorize(application);
  const signedIn = await signInFor(started, application);
  assert.deepEqual(await decideDevice(setup.deps, signedIn.via, { exposureKey: signedIn.exposureKey, decision: "approve" }), { decision: "approved" });
  return { started, ...signedIn };
}

async function stateOf(started: Pick<DeviceAuthorizeResult, "deviceCode">) {
  const [row] = await setup.deps.db
    .select({ state: deviceSessions.state, intervalSeconds: deviceSessions.intervalSeconds })
    .from(deviceSessions)
    .where(eq(deviceSessions.deviceCodeHash, hashDeviceCode(setup.deps.keyring, started.deviceCode)));
  return row!;
}

const refusal = (error: string, interval?: number): DeviceTokenOutcome => (interval === undefined ? { ok: false, error } : { ok: false, error, interval }) as DeviceTokenOutcome;

describe("device authorization (lib, fixed clock)", () => {
  before(async () => {
    setup = await libDeps();
    app = await newApplication("lib-device", { claimPolicies: { email: "REQUIRED" } });
  });
  after(async () => setup.close());

  it("starts a session: the device code only as a keyed hash, a live user code, a DEVICE inquiry expiring with it", async () => {
    const started = await authorize();
    assert.equal(started.applicationAnchor, app.applicationAnchor);
    assert.match(started.deviceCode, /^dvc_[0-9a-f]{64}$/);
    assert.match(started.userCode, /^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}$/);
    assert.equal(started.verificationUri, "http://localhost:3000/via/device");
    assert.equal(started.verificationUriComplete, `http://localhost:3000/via/device?user_code=${started.userCode}`);
    assert.deepEqual([started.expiresIn, started.interval], [600, 5]);

    const [row] = await setup.deps.db.select().from(deviceSessions).where(eq(deviceSessions.userCode, started.userCode));
    assert.equal(row!.state, "PENDING");
    assert.equal(row!.deviceCodeHash, hashDeviceCode(setup.deps.keyring, started.deviceCode));
    assert.ok(!JSON.stringify(row).includes(started.deviceCode), "the device code itself is not stored");
    assert.equal(row!.expiresAt.getTime() - setup.deps.clock.now().getTime(), 600_000);
    const inquiry = (await findInquiryByExposureKey(setup.deps, deviceExposureKey(setup.deps.keyring, row!.id)))!;
    assert.equal(inquiry.row.purpose, "DEVICE");
    assert.deepEqual(inquiry.row.context, { deviceSessionId: row!.id });
    assert.equal(inquiry.row.expiresAt.getTime(), row!.expiresAt.getTime());
  });

  it("refuses unknown and disabled applications and those without a DEVICE_CODE rule", async () => {
    await rejectsWith(deviceAuthorize(setup.deps, { applicationAnchor: "no-such-app" }, { address: "x" }), "ApplicationNotFound", 404);
    const noDevice = await newApplication("lib-device-none", {
      rules: { ...DEVICE_RULES, return: [{ returnMethod: "STATUS_POLL", payload: {} }] },
    });
    await rejectsWith(authorize(noDevice), "Layer3Denied", 403);
    const disabled = await newApplication("lib-device-off");
    await setup.deps.db.update(applications).set({ enabled: false }).where(eq(applications.id, disabled.applicationId));
    await rejectsWith(authorize(disabled), "ApplicationDisabled", 403);
  });

  it("answers authorization_pending, then slow_down with an interval grown by 5 and stored, then pending at the new pace", async () => {
    const started = await authorize();
    assert.deepEqual(await poll(started), refusal("authorization_pending"));
    setup.deps.clock.advance(2);
    assert.deepEqual(await poll(started), refusal("slow_down", 10));
    assert.equal((await stateOf(started)).intervalSeconds, 10, "kept in the database");
    setup.deps.clock.advance(6);
    assert.deepEqual(await poll(started), refusal("slow_down", 15), "the grown interval counts from the last poll");
    setup.deps.clock.advance(15);
    assert.deepEqual(await poll(started), refusal("authorization_pending"));
    setup.deps.clock.advance(15);
    assert.deepEqual(await poll(started), refusal("authorization_pending"), "polling at the interval is never too fast");
  });

  it("approval copies the sign-in onto the device session: account, method, email, folded TTLs, sign-in time", async () => {
    const { started, user } = await approved();
    const [row] = await setup.deps.db.select().from(deviceSessions).where(eq(deviceSessions.userCode, started.userCode));
    assert.equal(row!.state, "APPROVED");
    assert.equal(row!.accountId, user.id);
    assert.equal(row!.authenticationMethod, "EMAIL_VERIFICATION");
    assert.equal(row!.loginEmail, user.email);
    assert.deepEqual([row!.accessTokenTtlSeconds, row!.refreshTokenTtlSeconds], [600, 2 * 86_400]);
    assert.equal(row!.authTime?.getTime(), setup.deps.clock.now().getTime());
    assert.ok(row!.decidedAt);
  });

  it("a user code held by a live session is not handed out twice: the insert creates nothing and the caller draws again", async () => {
    const started = await authorize();
    const created = await insertDeviceSessionWithInquiry(
      setup.deps.db,
      {
        id: crypto.randomUUID(),
        applicationId: app.applicationId,
        deviceCodeHash: hashDeviceCode(setup.deps.keyring, `dvc_${"1".repeat(64)}`),
        userCode: started.userCode,
        intervalSeconds: 5,
        expiresAt: new Date(setup.deps.clock.now().getTime() + 600_000),
        createdAt: setup.deps.clock.now(),
      },
      { exposureKeyHash: "collision-exposure", hiddenKeyHash: "collision-hidden", livesRemaining: 5, statusPollsRemaining: 0, context: {} },
    );
    assert.equal(created, false);
    assert.equal((await setup.deps.db.select().from(inquiries).where(eq(inquiries.exposureKeyHash, "collision-exposure"))).length, 0, "no orphan inquiry");
  });

  it("mints once after approval, with the DEVICE_CODE rule's TTLs and the claims block; then invalid_request", async () => {
    const { started, user } = await approved();
    const first = await poll(started);
    assert.ok(first.ok, JSON.stringify(first));
    assert.equal(first.tokens.applicationAnchor, app.applicationAnchor);
    assert.deepEqual(first.tokens.claims, {
      email: { requirement: "REQUIRED", state: "GRANTED" },
      firstName: { requirement: "OFF", state: "UNKNOWN" },
      lastName: { requirement: "OFF", state: "UNKNOWN" },
    });
    const header = (token: string) => JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()) as Record<string, number | string>;
    const access = header(first.tokens.accessToken);
    assert.equal((access.exp as number) - (access.iat as number), 600, "the DEVICE_CODE rule's access TTL");
    const refreshHeader = header(first.tokens.refreshToken);
    assert.equal((refreshHeader.exp as number) - (refreshHeader.iat as number), 2 * 86_400);
    assert.equal(tokenBody(first.tokens.accessToken).emailAddress, user.email);
    assert.equal((await stateOf(started)).state, "CONSUMED");
    const families = await setup.deps.db.select().from(refreshTokenFamilies).where(eq(refreshTokenFamilies.accountId, user.id));
    assert.deepEqual(families.map((family) => [family.origin, family.authenticationMethod, family.emailAddress]), [["DEVICE", "EMAIL_VERIFICATION", user.email]]);
    setup.deps.clock.advance(10);
    assert.deepEqual(await poll(started), refusal("invalid_request"));

    // Ordinary Connect tokens from here on.
    const rotated = await refresh(setup.deps, { refreshToken: first.tokens.refreshToken });
    assert.ok(rotated.accessToken);
    assert.equal((await introspect(setup.deps, { accessToken: rotated.accessToken })).status, "active");
  });

  it("racing polls on an approved session mint exactly one pair", async () => {
    const { started } = await approved();
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => poll(started)));
    assert.equal(outcomes.filter((outcome) => outcome.ok).length, 1, JSON.stringify(outcomes));
    assert.ok(outcomes.every((outcome) => outcome.ok || outcome.error === "invalid_request"), JSON.stringify(outcomes));
  });

  it("racing polls on a pending session: one is answered pending, the others slow_down", async () => {
    const started = await authorize();
    const outcomes = await Promise.all(Array.from({ length: 4 }, () => poll(started)));
    const errors = outcomes.map((outcome) => (outcome.ok ? "ok" : outcome.error)).sort();
    assert.deepEqual(errors, ["authorization_pending", "slow_down", "slow_down", "slow_down"]);
    assert.equal((await stateOf(started)).intervalSeconds, 20, "each early poll grew the stored interval");
  });

  it("denied by the user: access_denied on every poll, and nothing about who denied is kept", async () => {
    const started = await authorize();
    const { via, exposureKey } = await signInFor(started);
    assert.deepEqual(await decideDevice(setup.deps, via, { exposureKey, decision: "deny" }), { decision: "denied" });
    assert.deepEqual(await decideDevice(setup.deps, via, { exposureKey, decision: "deny" }), { decision: "denied" }, "a repeated click answers the same");
    await rejectsWith(decideDevice(setup.deps, via, { exposureKey, decision: "approve" }), "UserCodeUsed");
    const [row] = await setup.deps.db.select().from(deviceSessions).where(eq(deviceSessions.userCode, started.userCode));
    assert.deepEqual([row!.state, row!.accountId, row!.loginEmail], ["DENIED", null, null]);
    assert.deepEqual(await poll(started), refusal("access_denied"));
    setup.deps.clock.advance(10);
    assert.deepEqual(await poll(started), refusal("access_denied"));
  });

  it("a sign-in that runs out of attempts ends the device's wait: access_denied, and the code names no device any more", async () => {
    const started = await authorize();
    const via = browser();
    const found = await lookupUserCode(setup.deps, via, { userCode: started.userCode });
    assert.equal(found.step, "sign-in");
    const { challengeId } = await startEmailCode(setup.deps, via, { exposureKey: found.exposureKey, email: `dead-${crypto.randomBytes(4).toString("hex")}@example.com` });
    for (let attempt = 1; attempt < INQUIRY_LIVES; attempt++) {
      await rejectsWith(verifyEmailCode(setup.deps, via, { exposureKey: found.exposureKey, challengeId, code: "not-the-code" }), "WrongCode");
      assert.deepEqual(await poll(started), refusal("authorization_pending"), "still waiting while attempts remain");
      setup.deps.clock.advance(10);
    }
    await rejectsWith(verifyEmailCode(setup.deps, via, { exposureKey: found.exposureKey, challengeId, code: "not-the-code" }), "InquiryDead");
    assert.equal((await stateOf(started)).state, "DENIED");
    assert.deepEqual(await poll(started), refusal("access_denied"));
    await rejectsWith(lookupUserCode(setup.deps, browser(), { userCode: started.userCode }), "UserCodeNotFound");

    // A failure arriving after the sign-in was realized elsewhere kills nothing: that device still waits for its decision.
    const other = await authorize();
    const { exposureKey } = await signInFor(other);
    const realized = (await findInquiryByExposureKey(setup.deps, exposureKey))!;
    assert.equal(await spendInquiryLife(setup.deps, realized.row), 0);
    assert.equal((await stateOf(other)).state, "PENDING");
  });

  it("Cancel on the consent step denies the device at once (access_denied), and the sign-in is over", async () => {
    const started = await authorize();
    const via = browser();
    const found = await lookupUserCode(setup.deps, via, { userCode: started.userCode });
    assert.equal(found.step, "sign-in");
    // Signed in, but the required email is not granted yet: the consent step.
    const email = `decline-${crypto.randomBytes(4).toString("hex")}@example.com`;
    const account = await setup.deps.db.transaction((tx) => registerAccountByEmail(tx, { email, now: setup.deps.clock.now() }));
    const session = await startBrowserSession(setup.deps, via, { accountId: account.id, authenticationMethod: "EMAIL_VERIFICATION", loginEmail: email });
    const inquiry = (await findInquiryByExposureKey(setup.deps, found.exposureKey))!;
    assert.equal((await realizeForBrowser(setup.deps, inquiry, session)).next, "consent");
    assert.deepEqual(await poll(started), refusal("authorization_pending"));

    assert.deepEqual(await declineSignIn(setup.deps, { exposureKey: found.exposureKey }), { next: "device-denied" });
    assert.equal((await stateOf(started)).state, "DENIED");
    setup.deps.clock.advance(10);
    assert.deepEqual(await poll(started), refusal("access_denied"));
    await rejectsWith(declineSignIn(setup.deps, { exposureKey: found.exposureKey }), "InquiryExpired");
  });

  it("expires: before sign-in, before approval, and after approval but before the poll", async () => {
    const unused = await authorize();
    setup.deps.clock.advance(601);
    assert.deepEqual(await poll(unused), refusal("expired_token"));
    await rejectsWith(lookupUserCode(setup.deps, browser(), { userCode: unused.userCode }), "UserCodeExpired");

    const started = await authorize();
    const { via, exposureKey } = await signInFor(started);
    setup.deps.clock.advance(601);
    await rejectsWith(decideDevice(setup.deps, via, { exposureKey, decision: "approve" }), "UserCodeExpired");
    assert.deepEqual(await poll(started), refusal("expired_token"));

    const late = await approved();
    setup.deps.clock.advance(601);
    assert.deepEqual(await poll(late.started), refusal("expired_token"));
    assert.equal((await stateOf(late.started)).state, "APPROVED", "nothing was minted");
  });

  it("checks policy again at token time: a disabled account, a revoked required claim", async () => {
    const disabledAccount = await approved();
    await setup.deps.db.update(accounts).set({ status: "DISABLED" }).where(eq(accounts.id, disabledAccount.user.id));
    assert.deepEqual(await poll(disabledAccount.started), refusal("access_denied"));
    assert.equal((await stateOf(disabledAccount.started)).state, "DENIED", "the refusal is final");

    const deletedAccount = await approved();
    await setup.deps.db.update(accounts).set({ status: "DELETED" }).where(eq(accounts.id, deletedAccount.user.id));
    assert.deepEqual(await poll(deletedAccount.started), refusal("access_denied"));

    const revoked = await approved();
    await upsertClaimGrant(setup.deps.db, {
      accountId: revoked.user.id,
      applicationId: app.applicationId,
      claim: "EMAIL",
      decision: "DENIED",
      decidedAt: setup.deps.clock.now(),
    });
    assert.deepEqual(await poll(revoked.started), refusal("access_denied"));
  });

  it("checks the application at token time: disabled, or its DEVICE_CODE rule gone", async () => {
    const other = await newApplication(`lib-device-${crypto.randomBytes(3).toString("hex")}`);
    const pending = await authorize(other);
    const done = await approved(other);
    await setup.deps.db.update(applications).set({ enabled: false }).where(eq(applications.id, other.applicationId));
    assert.deepEqual(await poll(pending), refusal("access_denied"));
    assert.deepEqual(await poll(done.started), refusal("access_denied"));

    const ruleless = await newApplication(`lib-device-${crypto.randomBytes(3).toString("hex")}`);
    const approvedThen = await approved(ruleless);
    const started = await authorize(ruleless);
    await setup.deps.db.delete(returnRules).where(eq(returnRules.applicationId, ruleless.applicationId));
    assert.deepEqual(await poll(approvedThen.started), refusal("access_denied"));
    await rejectsWith(lookupUserCode(setup.deps, browser(), { userCode: started.userCode }), "Layer3Denied");
  });

  it("fails the session when issuance fails after approval: server_error, then server_error again", async () => {
    const broken = await newApplication(`lib-device-${crypto.randomBytes(3).toString("hex")}`);
    const { started } = await approved(broken);
    await setup.deps.db.update(applications).set({ tokenSigningPrivateKeySealed: "not-a-sealed-key" }).where(eq(applications.id, broken.applicationId));
    assert.deepEqual(await poll(started), refusal("server_error"));
    assert.equal((await stateOf(started)).state, "FAILED");
    setup.deps.clock.advance(10);
    assert.deepEqual(await poll(started), refusal("server_error"));
  });

  it("keeps an approved session through a database outage while issuing: the poll fails as unavailable, the next one gets the tokens", async () => {
    const { started } = await approved();
    // The connection drops as the pair is being made (the signing key's first load is a query).
    const outage = Object.assign(new Error("connection reset"), { code: "ECONNRESET" });
    const cache = new Map<string, unknown>();
    const dropping = new Proxy(cache, {
      get: (target, property) => {
        const value = Reflect.get(target, property, target) as (...args: unknown[]) => unknown;
        if (property !== "has") return typeof value === "function" ? value.bind(target) : value;
        return (key: string) => {
          if (key.startsWith("token-signing-private:")) throw outage;
          return target.has(key);
        };
      },
    });
    await assert.rejects(deviceToken({ ...setup.deps, cache: dropping }, { deviceCode: started.deviceCode }), (error: unknown) => isDatabaseUnavailable(error));
    assert.equal((await stateOf(started)).state, "APPROVED", "not FAILED: the outage was no failure of this sign-in");
    setup.deps.clock.advance(10);
    const outcome = await poll(started);
    assert.ok(outcome.ok, JSON.stringify(outcome));
  });

  it("answers invalid_request for a device code nobody issued", async () => {
    assert.deepEqual(await poll({ deviceCode: `dvc_${"0".repeat(64)}` }), refusal("invalid_request"));
  });

  it("looks codes up forgivingly, limits wrong ones per browser, and lets only the realizing browser decide", async () => {
    const started = await authorize();
    const typed = started.userCode.toLowerCase().replace("-", " ").replace(/0/g, "o").replace(/1/g, "l");
    const found = await lookupUserCode(setup.deps, browser(), { userCode: typed });
    assert.equal(found.step, "sign-in");
    assert.equal(found.userCode, started.userCode);
    assert.equal(found.application, app.applicationAnchor);
    assert.ok(!JSON.stringify(found).includes(started.deviceCode), "the browser never gets the device code");
    await rejectsWith(lookupUserCode(setup.deps, browser(), { userCode: "WDJB-MJH" }), "Invalid userCode", 400);

    const guesser = browser();
    for (let i = 0; i < WRONG_CODES_PER_BROWSER.limit; i++) {
      await rejectsWith(lookupUserCode(setup.deps, guesser, { userCode: "ZZZZ-ZZZ" + (i % 10) }), "UserCodeNotFound");
    }
    await rejectsWith(lookupUserCode(setup.deps, guesser, { userCode: started.userCode }), "RateLimited", 429);

    const { via, exposureKey } = await signInFor(await authorize());
    const inquiry = (await findInquiryByExposureKey(setup.deps, exposureKey))!;
    const userCode = (await setup.deps.db.select().from(deviceSessions).where(eq(deviceSessions.id, String(inquiry.row.context!.deviceSessionId))))[0]!.userCode;
    assert.equal((await lookupUserCode(setup.deps, via, { userCode })).step, "decide", "a reload comes back to the decision");
    await rejectsWith(lookupUserCode(setup.deps, browser(), { userCode }), "UserCodeUsed");
    const stranger = browser();
    const other = await newAccount();
    await startBrowserSession(setup.deps, stranger, { accountId: other.id, authenticationMethod: "EMAIL_VERIFICATION", loginEmail: other.email });
    await rejectsWith(decideDevice(setup.deps, stranger, { exposureKey, decision: "approve" }), "Forbidden", 403);
    await rejectsWith(decideDevice(setup.deps, browser(), { exposureKey, decision: "approve" }), "SignInRequired", 401);
    await rejectsWith(decideDevice(setup.deps, via, { exposureKey: `exp_${"0".repeat(32)}`, decision: "approve" }), "InquiryNotFound");
    assert.equal((await setup.deps.db.select({ state: inquiries.state }).from(inquiries).where(eq(inquiries.id, inquiry.row.id)))[0]!.state, "REALIZED");
  });

  it("limits wrong codes per network address too: a script that sends no cookie is a new browser each time, not a new guesser", async () => {
    const started = await authorize();
    const guesser = newAddress();
    for (let i = 0; i < WRONG_CODES_PER_CLIENT.limit; i++) {
      await rejectsWith(lookupUserCode(setup.deps, browser(guesser), { userCode: "ZZZZ-ZZZ" + (i % 10) }), "UserCodeNotFound");
    }
    const limited = await rejectsWith(lookupUserCode(setup.deps, browser(guesser), { userCode: started.userCode }), "RateLimited", 429);
    assert.equal(typeof limited.body?.retryAfterSeconds, "number", "the page says when to try again");
    assert.equal((await lookupUserCode(setup.deps, browser(newAddress()), { userCode: started.userCode })).step, "sign-in", "another address is not affected");

    setup.deps.clock.advance(WRONG_CODES_PER_CLIENT.windowSeconds);
    const later = await authorize();
    assert.equal((await lookupUserCode(setup.deps, browser(guesser), { userCode: later.userCode })).step, "sign-in", "the next window starts afresh");
  });

  it("takes its lifetime and interval from configuration", async () => {
    const config = { ...setup.deps.config, device: { codeTtlSeconds: 90, pollIntervalSeconds: 2 } };
    const started = await deviceAuthorize({ ...setup.deps, config }, { applicationAnchor: app.applicationAnchor }, { address: "192.0.2.9" });
    assert.deepEqual([started.expiresIn, started.interval], [90, 2]);
    assert.deepEqual(await poll(started), refusal("authorization_pending"));
    setup.deps.clock.advance(1);
    assert.deepEqual(await poll(started), refusal("slow_down", 7));
    setup.deps.clock.advance(90);
    assert.deepEqual(await poll(started), refusal("expired_token"));
  });
});
