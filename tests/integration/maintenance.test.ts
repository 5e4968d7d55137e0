// The background sweep deletes what has served its purpose and nothing else.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { randomUUID } from "node:crypto";
import { count, eq, inArray, lt } from "drizzle-orm";
import { mailOutbox, rateLimitBuckets, refreshTokenFamilies, refreshTokens, usedClientAssertions } from "@/db/schema";
import { recordClientAssertion } from "@/db/queries/client-assertions";
import { insertAccount } from "@/db/queries/identity";
import { hitRateLimit } from "@/db/queries/rate-limits";
import { insertSessionConsuming, rotateRefreshToken } from "@/db/queries/sessions";
import { deleteInBatches } from "@/db/queries/sweep";
import { createApplication } from "@/lib/applications/create-application";
import { addSeconds } from "@/lib/clock";
import { OTP_TTL_SECONDS } from "@/lib/identity/email-codes";
import { SESSION_RETENTION_DAYS, sweepExpired } from "@/lib/maintenance";
import { libDeps } from "../support/lib-deps";

let setup: Awaited<ReturnType<typeof libDeps>>;

/** An application for the replay guards to belong to. */
const sweepApplication = (anchor: string) =>
  createApplication(setup.deps, {
    anchor,
    organizationId: null,
    names: { "en-US": anchor },
    rules: { authentication: [{ method: "EMAIL_VERIFICATION", payload: {} }], realize: [{ constraintType: "EVERYONE", payload: {} }], return: [{ returnMethod: "STATUS_POLL", payload: {} }] },
  });

/** A stored session of one token that expires at `expiresAt`, issued 30 days before; returns the session's id. */
async function storedSession(applicationId: string, accountId: string, token: { idHash: string; expiresAt: Date }): Promise<string> {
  const id = randomUUID();
  const issuedAt = addSeconds(token.expiresAt, -30 * 86400);
  await insertSessionConsuming(setup.deps.db, null, {
    family: { id, applicationId, accountId, origin: "CONNECT", authenticationMethod: null, emailAddress: null, accessTokenTtlSeconds: 3600, refreshTokenTtlSeconds: 30 * 86400, authTime: issuedAt, oidcScope: null, accessKeyId: null },
    token: { idHash: token.idHash, issuedAt, expiresAt: token.expiresAt },
  });
  return id;
}

/** An application and an account to hold sessions, and dates counted in days from now. */
async function sessionScene(anchor: string) {
  const app = await sweepApplication(anchor);
  const account = await insertAccount(setup.deps.db, {});
  const now = setup.deps.clock.now();
  return { app, account, daysFromNow: (days: number) => addSeconds(now, days * 86400) };
}

describe("maintenance sweep", () => {
  before(async () => {
    setup = await libDeps();
  });
  after(async () => setup.close());

  it("removes expired replay guards and ended rate-limit windows, keeps live ones", async () => {
    const { deps } = setup;
    const app = await sweepApplication("sweep-app");
    const now = deps.clock.now();
    await recordClientAssertion(deps.db, app.applicationId, "old", new Date(now.getTime() - 1000));
    await recordClientAssertion(deps.db, app.applicationId, "live", new Date(now.getTime() + 60_000));
    await hitRateLimit(deps.db, "ended", 1, new Date(now.getTime() - 5000));
    await hitRateLimit(deps.db, "running", 600, now);
    await sweepExpired(deps);
    const [assertions] = await deps.db.select({ n: count() }).from(usedClientAssertions);
    const [buckets] = await deps.db.select({ n: count() }).from(rateLimitBuckets);
    assert.equal(assertions!.n, 1);
    assert.equal(buckets!.n, 1);
    // A recorded jti that is still within its window keeps refusing replays.
    assert.equal(await recordClientAssertion(deps.db, app.applicationId, "live", new Date(now.getTime() + 60_000)), false);
    assert.equal(await recordClientAssertion(deps.db, app.applicationId, "old", new Date(now.getTime() + 60_000)), true);
  });

  it("deletes in bounded batches until none is left, and nothing live", async () => {
    const { deps } = setup;
    const app = await sweepApplication("sweep-batches");
    const now = deps.clock.now();
    for (let i = 0; i < 7; i++) await recordClientAssertion(deps.db, app.applicationId, `spent-${i}`, new Date(now.getTime() - 1000 - i));
    await recordClientAssertion(deps.db, app.applicationId, "still-live", new Date(now.getTime() + 60_000));
    // Seven expired rows in batches of three: three statements (3 + 3 + 1), the last one short.
    assert.equal(await deleteInBatches(deps.db, usedClientAssertions, lt(usedClientAssertions.expiresAt, now), 3), 7);
    assert.equal(await deleteInBatches(deps.db, usedClientAssertions, lt(usedClientAssertions.expiresAt, now), 3), 0);
    const left = await deps.db.select({ jti: usedClientAssertions.jti }).from(usedClientAssertions).where(eq(usedClientAssertions.applicationId, app.applicationId));
    assert.deepEqual(left.map((row) => row.jti), ["still-live"]);
  });

  it("forgets a session once its last token expired longer ago than the retention period, and no sooner", async () => {
    const { deps } = setup;
    const { app, account, daysFromNow } = await sessionScene("sweep-sessions");
    const session = (tokenExpiresInDays: number) => storedSession(app.applicationId, account.id, { idHash: randomUUID(), expiresAt: daysFromNow(tokenExpiresInDays) });
    const forgotten = await session(-(SESSION_RETENTION_DAYS + 1)); // expired a day longer ago than kept: the sweep forgets it
    const recentlyExpired = await session(-(SESSION_RETENTION_DAYS - 1));
    const live = await session(10);
    await sweepExpired(deps);
    const left = await deps.db.select({ id: refreshTokenFamilies.id }).from(refreshTokenFamilies).where(eq(refreshTokenFamilies.applicationId, app.applicationId));
    assert.deepEqual(new Set(left.map((row) => row.id)), new Set([recentlyExpired, live]));
    const [orphans] = await deps.db.select({ n: count() }).from(refreshTokens).where(eq(refreshTokens.familyId, forgotten));
    assert.equal(orphans!.n, 0, "a forgotten session leaves none of its tokens behind");
  });

  it("forgets the spent tokens of a session still in use once they expired longer ago than the retention period", async () => {
    const { deps } = setup;
    const { app, account, daysFromNow } = await sessionScene("sweep-spent-tokens");
    // One session refreshed for months: each token expires 30 days after it was issued, the last one is live.
    const chain = [-(SESSION_RETENTION_DAYS + 2), -(SESSION_RETENTION_DAYS + 1), -(SESSION_RETENTION_DAYS - 1), 10].map((days) => ({ idHash: randomUUID(), expiresAt: daysFromNow(days) }));
    const familyId = await storedSession(app.applicationId, account.id, chain[0]!);
    for (let i = 1; i < chain.length; i++) {
      assert.ok(await rotateRefreshToken(deps.db, { idHash: chain[i - 1]!.idHash, replacementIdHash: chain[i]!.idHash, now: deps.clock.now(), replacementExpiresAt: chain[i]!.expiresAt }));
    }
    await sweepExpired(deps);
    const left = await deps.db.select({ idHash: refreshTokens.idHash, rotatedAt: refreshTokens.rotatedAt }).from(refreshTokens).where(eq(refreshTokens.familyId, familyId));
    // The two spent tokens past retention are gone; the recent spent one (reuse detection) and the live one stay.
    assert.deepEqual(new Set(left.map((row) => row.idHash)), new Set([chain[2]!.idHash, chain[3]!.idHash]));
    assert.equal(left.find((row) => row.idHash === chain[3]!.idHash)!.rotatedAt, null);
    const [family] = await deps.db.select({ id: refreshTokenFamilies.id }).from(refreshTokenFamilies).where(eq(refreshTokenFamilies.id, familyId));
    assert.equal(family?.id, familyId, "the session itself is kept");
  });

  it("deletes outbox mail once the sign-in code in it has expired, keeps newer mail", async () => {
    const { deps } = setup;
    const now = deps.clock.now();
    const mail = (recipient: string, ageSeconds: number) => ({ recipient, subject: "Your code", textBody: "123456", createdAt: addSeconds(now, -ageSeconds) });
    await deps.db.insert(mailOutbox).values([mail("expired@example.com", OTP_TTL_SECONDS + 1), mail("live@example.com", OTP_TTL_SECONDS - 60)]);
    await sweepExpired(deps);
    const left = await deps.db.select({ recipient: mailOutbox.recipient }).from(mailOutbox).where(inArray(mailOutbox.recipient, ["expired@example.com", "live@example.com"]));
    assert.deepEqual(left.map((row) => row.recipient), ["live@example.com"]);
  });
});
