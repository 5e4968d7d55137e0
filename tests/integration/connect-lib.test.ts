// The Connect state machine through its lib functions, on a real database of
// this pass's kind, with a clock the test moves: expiry, grace periods, and
// the account and claim states a live server cannot be put into over HTTP.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import { SignJWT, compactVerify, importPKCS8, importSPKI } from "jose";
import { eq } from "drizzle-orm";
import { accounts } from "@/db/schema";
import { updateAccount, upsertClaimGrant } from "@/db/queries/identity";
import { findApplicationByAnchor, updateApplication } from "@/db/queries/applications";
import { insertMembership, insertOrganization } from "@/db/queries/organizations";
import { createApplication, type CreatedApplication } from "@/lib/applications/create-application";
import { writeClaimPolicies } from "@/lib/applications/claim-policy";
import { endAllSessions, rotateTokenSigningKey } from "@/lib/developer/applications";
import { registerAccountByEmail } from "@/lib/identity/accounts";
import { establish } from "@/lib/inquiry/establish";
import { findInquiryByExposureKey } from "@/lib/inquiry/load-inquiry";
import { realize } from "@/lib/inquiry/realize";
import { redeem } from "@/lib/inquiry/redeem";
import { statusPoll } from "@/lib/inquiry/status-poll";
import { introspect } from "@/lib/sessions/introspect";
import { logout } from "@/lib/sessions/logout";
import { refresh } from "@/lib/sessions/refresh";
import { tokenSigningPrivateKey } from "@/lib/applications/signing-key";
import { peekTokenHeader, signToken, type AccessTokenBody, type TokenHeader } from "@/lib/tokens";
import { libDeps } from "../support/lib-deps";
import { rejectsWith } from "../support/rejects";
import { tokenBody } from "../support/tokens";

type Setup = Awaited<ReturnType<typeof libDeps>>;
let setup: Setup;
let app: CreatedApplication;

async function signedRequest(body: Record<string, unknown>, application = app) {
  const rawBody = new TextEncoder().encode(JSON.stringify(body));
  const now = Math.floor(setup.deps.clock.now().getTime() / 1000);
  const jwt = await new SignJWT({ jti: crypto.randomUUID(), body_sha256: crypto.createHash("sha256").update(rawBody).digest("base64") })
    .setProtectedHeader({ alg: "RS256" })
    .setIssuer(application.applicationAnchor)
    .setAudience("sudomimus-connect")
    .setIssuedAt(now)
    .setExpirationTime(now + 60)
    .sign(await importPKCS8(application.clientAuthPrivateKey, "RS256"));
  return { authorization: `SudomimusClientJWT ${jwt}`, rawBody };
}

async function newAccount(email = `user-${crypto.randomBytes(4).toString("hex")}@example.com`) {
  const account = await setup.deps.db.transaction((tx) => registerAccountByEmail(tx, { email, now: setup.deps.clock.now() }));
  await upsertClaimGrant(setup.deps.db, { accountId: account.id, applicationId: app.applicationId, claim: "EMAIL", decision: "GRANTED", decidedAt: setup.deps.clock.now() });
  return { id: account.id, email };
}

/** establish → realize → the three keys. */
async function realizedKeys(accountId: string, email: string, extra: Record<string, unknown> = {}, application = app) {
  const established = await establish(
    setup.deps,
    await signedRequest({ applicationAnchor: application.applicationAnchor, returnMethods: [{ type: "STATUS_POLL", payload: {} }], ...extra }, application),
  );
  const inquiry = (await findInquiryByExposureKey(setup.deps, established.exposureKey))!;
  const outcome = await realize(setup.deps, {
    inquiry,
    accountId,
    attempt: { method: "EMAIL_VERIFICATION" },
    loginEmail: email,
    authTime: setup.deps.clock.now(),
  });
  assert.equal(outcome.kind, "realized");
  return { exposureKey: established.exposureKey, hiddenKey: established.hiddenKey, confirmationKey: outcome.kind === "realized" ? outcome.confirmationKey : "" };
}

async function session(accountId: string, email: string, application = app) {
  return redeem(setup.deps, await realizedKeys(accountId, email, {}, application));
}

/** An application in an organization of its own, with an ADMIN and a VIEWER (the portal's operations need a role). */
async function organizationApplication(name: string) {
  const organization = await insertOrganization(setup.deps.db, { anchor: `${name}-${crypto.randomBytes(3).toString("hex")}`, name });
  const admin = await newAccount();
  const viewer = await newAccount();
  await insertMembership(setup.deps.db, { organizationId: organization!.id, accountId: admin.id, role: "ADMIN" });
  await insertMembership(setup.deps.db, { organizationId: organization!.id, accountId: viewer.id, role: "VIEWER" });
  const application = await createApplication(setup.deps, {
    anchor: `lib-${name}-${crypto.randomBytes(3).toString("hex")}`,
    organizationId: organization!.id,
    names: { "en-US": name },
    rules: {
      authentication: [{ method: "EMAIL_VERIFICATION", payload: {} }],
      realize: [{ constraintType: "EVERYONE", payload: {} }],
      return: [{ returnMethod: "STATUS_POLL", payload: {} }],
    },
  });
  return { application, admin, viewer };
}

describe("Connect state machine (lib, fixed clock)", () => {
  before(async () => {
    setup = await libDeps();
    app = await createApplication(setup.deps, {
      anchor: "lib-connect",
      organizationId: null,
      names: { "en-US": "Lib Connect" },
      rules: {
        authentication: [{ method: "EMAIL_VERIFICATION", payload: {}, accessTokenTtlSeconds: 900 }],
        realize: [{ constraintType: "EMAIL", payload: { allowedEmails: ["*@example.com"] } }],
        return: [{ returnMethod: "STATUS_POLL", payload: {} }],
      },
      claimPolicies: { email: "REQUIRED" },
    });
  });
  after(async () => setup.close());

  it("puts the typed sign-in address in the token only while the account owns it; otherwise its primary email", async () => {
    const user = await newAccount();
    assert.equal(tokenBody((await session(user.id, user.email)).accessToken).emailAddress, user.email);
    // A browser session remembers the address it signed in with for 14 days; the user may have removed it since
    // (and someone else verified it): the token must not vouch for an address this account does not own.
    const other = await newAccount();
    assert.equal(tokenBody((await session(user.id, other.email)).accessToken).emailAddress, user.email);
    assert.equal(tokenBody((await session(user.id, user.email.toUpperCase())).accessToken).emailAddress, user.email.toUpperCase(), "the same address, as typed");
  });

  it("folds TTLs: the minimum over every matching rule and constraint, refresh raised to at least access", async () => {
    const user = await newAccount();
    const tokens = await session(user.id, user.email);
    const header = (token: string) => JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()) as { iat: number; exp: number };
    assert.equal(header(tokens.accessToken).exp - header(tokens.accessToken).iat, 900, "the Layer 1 rule's 900 s wins over the 3 h default");
    const narrowed = await redeem(
      setup.deps,
      await realizedKeys(user.id, user.email, {
        realizeConstraints: [{ constraintType: "EMAIL", payload: { allowedEmails: ["*"] }, accessTokenTtlSeconds: 120, refreshTokenTtlSeconds: 86_400 }],
      }),
    );
    assert.equal(header(narrowed.accessToken).exp - header(narrowed.accessToken).iat, 120);
    assert.equal(header(narrowed.refreshToken).exp - header(narrowed.refreshToken).iat, 86_400);
  });

  it("expires an inquiry by TTL, and a realized one after its redeem window", async () => {
    const user = await newAccount();
    const established = await establish(setup.deps, await signedRequest({ applicationAnchor: app.applicationAnchor }));
    setup.deps.clock.advance(16 * 60);
    const inquiry = (await findInquiryByExposureKey(setup.deps, established.exposureKey))!;
    await rejectsWith(
      realize(setup.deps, { inquiry, accountId: user.id, attempt: { method: "EMAIL_VERIFICATION" }, loginEmail: user.email, authTime: setup.deps.clock.now() }),
      "InquiryExpired",
    );
    await rejectsWith(statusPoll(setup.deps, { exposureKey: established.exposureKey, hiddenKey: established.hiddenKey }), "InquiryExpired", 400);
    await rejectsWith(
      redeem(setup.deps, { exposureKey: established.exposureKey, hiddenKey: established.hiddenKey, confirmationKey: `cnf_${"0".repeat(32)}` }),
      "InquiryExpired",
      400,
    );
    const keys = await realizedKeys(user.id, user.email);
    setup.deps.clock.advance(11 * 60);
    await rejectsWith(redeem(setup.deps, keys), "InquiryExpired", 400);
  });

  it("refuses an expired client-auth JWT by the server's clock", async () => {
    const request = await signedRequest({ applicationAnchor: app.applicationAnchor });
    setup.deps.clock.advance(120);
    await rejectsWith(establish(setup.deps, request), "ClientAuthInvalid", 401);
  });

  it("expires refresh tokens and reports the session as expired", async () => {
    const user = await newAccount();
    const tokens = await session(user.id, user.email);
    setup.deps.clock.advance(30 * 24 * 3600 + 1);
    await rejectsWith(refresh(setup.deps, { refreshToken: tokens.refreshToken }), "RefreshTokenExpired", 401);
    assert.equal((await introspect(setup.deps, { accessToken: tokens.accessToken })).status, "expired");
  });

  it("treats reuse after the grace period as compromise and revokes the family", async () => {
    const user = await newAccount();
    const tokens = await session(user.id, user.email);
    const rotated = await refresh(setup.deps, { refreshToken: tokens.refreshToken });
    setup.deps.clock.advance(5);
    const converged = await refresh(setup.deps, { refreshToken: tokens.refreshToken });
    const sub = (token: string) => (JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()) as { sub: string }).sub;
    assert.equal(sub(converged.accessToken), sub(rotated.accessToken), "within 10 s a second presentation converges");
    setup.deps.clock.advance(6);
    await rejectsWith(refresh(setup.deps, { refreshToken: tokens.refreshToken }), "RefreshTokenFamilyCompromised", 401);
    await rejectsWith(refresh(setup.deps, { refreshToken: rotated.refreshToken }), "RefreshTokenSuspended", 401);
    assert.equal((await introspect(setup.deps, { accessToken: rotated.accessToken })).status, "revoked");
  });

  it("refuses disabled and deleted accounts at redeem and refresh, and a purged one at refresh", async () => {
    for (const [status, reason] of [
      ["DISABLED", "AccountDisabled"],
      ["DELETED", "AccountDeleted"],
    ] as const) {
      const user = await newAccount();
      const keys = await realizedKeys(user.id, user.email);
      const tokens = await session(user.id, user.email);
      await updateAccount(setup.deps.db, user.id, { status });
      await rejectsWith(redeem(setup.deps, keys), reason, 403);
      await rejectsWith(refresh(setup.deps, { refreshToken: tokens.refreshToken }), reason, 403);
    }
    const purged = await newAccount();
    const tokens = await session(purged.id, purged.email);
    await setup.deps.db.delete(accounts).where(eq(accounts.id, purged.id));
    await rejectsWith(refresh(setup.deps, { refreshToken: tokens.refreshToken }), "AccountNotFound", 400);
  });

  it("gates refresh on required claims: revoked consent, and granted data that is missing", async () => {
    const user = await newAccount();
    const tokens = await session(user.id, user.email);
    await upsertClaimGrant(setup.deps.db, { accountId: user.id, applicationId: app.applicationId, claim: "EMAIL", decision: "DENIED", decidedAt: setup.deps.clock.now() });
    await rejectsWith(refresh(setup.deps, { refreshToken: tokens.refreshToken }), "ClaimConsentRequired", 403);

    const other = await newAccount();
    const otherTokens = await session(other.id, other.email);
    await writeClaimPolicies(setup.deps.db, app.applicationId, { firstName: "REQUIRED" });
    await upsertClaimGrant(setup.deps.db, { accountId: other.id, applicationId: app.applicationId, claim: "FIRST_NAME", decision: "GRANTED", decidedAt: setup.deps.clock.now() });
    await rejectsWith(refresh(setup.deps, { refreshToken: otherTokens.refreshToken }), "RequiredClaimDataMissing", 403);
    await updateAccount(setup.deps.db, other.id, { firstName: "Ada" });
    const refreshed = await refresh(setup.deps, { refreshToken: otherTokens.refreshToken });
    assert.equal(tokenBody(refreshed.accessToken).firstName, "Ada");
    await writeClaimPolicies(setup.deps.db, app.applicationId, { firstName: "OFF" });
  });

  it("refuses to redeem when required consent was withdrawn after realize", async () => {
    const user = await newAccount();
    const keys = await realizedKeys(user.id, user.email);
    await upsertClaimGrant(setup.deps.db, { accountId: user.id, applicationId: app.applicationId, claim: "EMAIL", decision: "DENIED", decidedAt: setup.deps.clock.now() });
    await rejectsWith(redeem(setup.deps, keys), "ClaimConsentRequired", 403);
  });

  it("refuses a disabled application at establish and redeem", async () => {
    const user = await newAccount();
    const keys = await realizedKeys(user.id, user.email);
    await updateApplication(setup.deps.db, app.applicationId, { enabled: false });
    try {
      await rejectsWith(establish(setup.deps, await signedRequest({ applicationAnchor: app.applicationAnchor })), "ApplicationDisabled", 403);
      await rejectsWith(redeem(setup.deps, keys), "ApplicationDisabled", 403);
    } finally {
      await updateApplication(setup.deps.db, app.applicationId, { enabled: true });
    }
  });

  it("a retired application's sessions keep working until they expire, and no longer: refresh rotates without sliding", async () => {
    const user = await newAccount();
    const tokens = await session(user.id, user.email);
    const exp = (token: string) => (JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()) as { exp: number }).exp;
    setup.deps.clock.advance(3600);
    await updateApplication(setup.deps.db, app.applicationId, { enabled: false });
    try {
      const rotated = await refresh(setup.deps, { refreshToken: tokens.refreshToken });
      assert.equal(exp(rotated.refreshToken), exp(tokens.refreshToken), "the presented expiry, not a fresh 30 days");
      setup.deps.clock.advance(3600);
      const again = await refresh(setup.deps, { refreshToken: rotated.refreshToken });
      assert.equal(exp(again.refreshToken), exp(tokens.refreshToken));
      // Re-enabled, the next refresh slides again.
      await updateApplication(setup.deps.db, app.applicationId, { enabled: true });
      const slid = await refresh(setup.deps, { refreshToken: again.refreshToken });
      assert.equal(exp(slid.refreshToken), Math.floor(setup.deps.clock.now().getTime() / 1000) + 30 * 24 * 3600);
    } finally {
      await updateApplication(setup.deps.db, app.applicationId, { enabled: true });
    }
  });

  it("rotating the token-signing key ends no session: old refresh tokens refresh onto the new key; the rotation after drops the oldest key", async () => {
    const { application: rotating, admin } = await organizationApplication("rotate");
    const user = await newAccount();
    const row = async () => (await findApplicationByAnchor(setup.deps.db, rotating.applicationAnchor))!;
    const publicKey = async () => (await row()).tokenSigningPublicKey;
    const verifiesWith = async (token: string, pem: string) => compactVerify(token, await importSPKI(pem, "RS256")).then(() => true, () => false);
    const firstKey = await publicKey();
    const firstPrivateKey = await tokenSigningPrivateKey(setup.deps, await row());
    const first = await session(user.id, user.email, rotating);
    const other = await session(user.id, user.email, rotating);

    await rotateTokenSigningKey(setup.deps, admin.id, rotating.applicationAnchor);
    const secondKey = await publicKey();
    assert.notEqual(secondKey, firstKey);
    // Access tokens of the old key are refused here too, as at a relying party on the new key from /info: it refreshes.
    await rejectsWith(introspect(setup.deps, { accessToken: first.accessToken }), "AccessTokenInvalid", 401);
    // The old key (say it leaked) forges nothing that is honoured: the refresh id is on every access token, its proof is not.
    const refreshHeader = peekTokenHeader(first.refreshToken) as TokenHeader;
    const otherId = peekTokenHeader(other.accessToken)!.sub!; // what anyone who saw an access token knows
    const body = { subject: tokenBody(first.accessToken).subject as string };
    for (const proof of [undefined, "A".repeat(32), refreshHeader.proof!.replace(/^./, (c) => (c === "A" ? "B" : "A"))]) {
      const forged = await signToken({ ...refreshHeader, jti: otherId, proof, exp: refreshHeader.exp + 3600 }, body, firstPrivateKey);
      await rejectsWith(refresh(setup.deps, { refreshToken: forged }), "RefreshTokenNotFound", 401);
      assert.equal((await logout(setup.deps, { refreshToken: forged })).revoked, false);
    }
    const accessHeader = peekTokenHeader(first.accessToken) as TokenHeader;
    const forgedAccess = await signToken({ ...accessHeader, exp: accessHeader.exp + 3600 }, tokenBody(first.accessToken) as unknown as AccessTokenBody, firstPrivateKey);
    await rejectsWith(introspect(setup.deps, { accessToken: forgedAccess }), "AccessTokenInvalid", 401);
    // A refresh token with a wrong proof is refused whatever key signed it.
    const secondPrivateKey = await tokenSigningPrivateKey(setup.deps, await row());
    const misproven = await signToken({ ...refreshHeader, jti: otherId, proof: "A".repeat(32) }, body, secondPrivateKey);
    await rejectsWith(refresh(setup.deps, { refreshToken: misproven }), "RefreshTokenNotFound", 401);
    const refreshed = await refresh(setup.deps, { refreshToken: first.refreshToken });
    assert.ok(await verifiesWith(refreshed.accessToken, secondKey), "the new pair is signed with the new key");
    assert.ok(!(await verifiesWith(refreshed.accessToken, firstKey)));
    assert.ok(await verifiesWith(refreshed.refreshToken, secondKey));
    // Reuse detection still holds across the rotation.
    setup.deps.clock.advance(11);
    await rejectsWith(refresh(setup.deps, { refreshToken: first.refreshToken }), "RefreshTokenFamilyCompromised", 401);

    // The next rotation drops the first key: a session still on it is over; one already on the second key lives on.
    const onSecond = await session(user.id, user.email, rotating);
    await rotateTokenSigningKey(setup.deps, admin.id, rotating.applicationAnchor);
    await rejectsWith(refresh(setup.deps, { refreshToken: other.refreshToken }), "RefreshTokenNotFound", 401);
    await rejectsWith(introspect(setup.deps, { accessToken: other.accessToken }), "AccessTokenInvalid", 401);
    assert.equal((await logout(setup.deps, { refreshToken: onSecond.refreshToken })).revoked, true, "logout takes a token of the previous key");
    assert.ok(await verifiesWith((await session(user.id, user.email, rotating)).accessToken, await publicKey()));
  });

  it("ending all sessions of an application (ADMIN+) refuses every refresh token of it at once, and only of it", async () => {
    const { application: ending, admin, viewer } = await organizationApplication("end-all");
    const [first, second] = [await newAccount(), await newAccount()];
    const a = await session(first.id, first.email, ending);
    const b = await session(second.id, second.email, ending);
    const elsewhere = await session(first.id, first.email); // the same user at another application
    await rejectsWith(endAllSessions(setup.deps, viewer.id, ending.applicationAnchor), "Forbidden", 403);
    assert.equal((await introspect(setup.deps, { accessToken: a.accessToken })).status, "active", "the refused call ended nothing");

    assert.deepEqual(await endAllSessions(setup.deps, admin.id, ending.applicationAnchor), { endedCount: 2 });
    await rejectsWith(refresh(setup.deps, { refreshToken: a.refreshToken }), "RefreshTokenSuspended", 401);
    assert.equal((await introspect(setup.deps, { accessToken: b.accessToken })).status, "revoked");
    assert.ok((await refresh(setup.deps, { refreshToken: elsewhere.refreshToken })).accessToken, "another application's session lives on");
    assert.deepEqual(await endAllSessions(setup.deps, admin.id, ending.applicationAnchor), { endedCount: 0 });
    // A new sign-in afterwards works as ever.
    assert.ok((await refresh(setup.deps, { refreshToken: (await session(first.id, first.email, ending)).refreshToken })).accessToken);
  });
});
