// Native direct-issue and the Errand through their lib functions, on a real
// database of this pass's kind and a Steam peer of its own, with a clock the
// test moves: the errand's reuse window and lifetime, key expiry, the
// replay window, Steam timing out, and account and application states a live
// server cannot be put into over HTTP.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { accessKeyCredentials, accounts, claimGrants, erasedSteamIdentities } from "@/db/schema";
import { findAuthentication, updateAccount, upsertClaimGrant } from "@/db/queries/identity";
import { updateApplication } from "@/db/queries/applications";
import { findErrandByKeyHash, markErrandCompleted } from "@/db/queries/errands";
import { recordSteamTicket } from "@/db/queries/native";
import { deleteAccount, deletionConfirmationPhrase } from "@/lib/account/delete-account";
import { createApplication, type CreatedApplication } from "@/lib/applications/create-application";
import { writeClaimPolicies } from "@/lib/applications/claim-policy";
import { errandStatus, handOffErrand, hashErrandKey } from "@/lib/errand/errand";
import { completeErrand, errandCompleteSchema } from "@/lib/errand/errand-actions";
import { requestErrand } from "@/lib/errand/request-errand";
import { isSudomimusError } from "@/lib/errors";
import { linkUpstreamIdentity } from "@/lib/federation/account-link";
import { parseWith } from "@/lib/http/body";
import { registerAccountByEmail } from "@/lib/identity/accounts";
import { directIssueAccessKey } from "@/lib/native/access-key-direct";
import { issueAccessKey, listAccessKeys, revokeAccessKey } from "@/lib/native/access-keys";
import { directIssueSteamTicket } from "@/lib/native/steam-ticket";
import { authenticateUserTicket } from "@/lib/native/steam-web-api";
import type { Deps } from "@/lib/runtime";
import { refresh } from "@/lib/sessions/refresh";
import type { Browser } from "@/lib/via/browser";
import { startBrowserSession } from "@/lib/via/browser-session";
import { startSteamPeer, type SteamPeer } from "../fixtures/steam-peer";
import { libDeps, type TestClock } from "../support/lib-deps";
import { newSteamId, steamTicket } from "../support/steam";
import { rejectsWith } from "../support/rejects";
import { tokenBody } from "../support/tokens";

type Setup = Awaited<ReturnType<typeof libDeps>>;
let setup: Setup;
let deps: Deps & { clock: TestClock };
let steam: SteamPeer;
let cli: CreatedApplication;
let game: CreatedApplication;

/** The claim-gate 403's errand, from a rejection. */
async function blockedErrand(promise: Promise<unknown>): Promise<{ reason: string; errand: { errandKey: string; url: string; expiresAt: string } }> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isSudomimusError(error), String(error));
    assert.equal(error.status, 403);
    return { reason: error.reason, errand: error.body!.errand as { errandKey: string; url: string; expiresAt: string } };
  }
  assert.fail("expected a claim-gate 403");
}

async function newAccount(tag = "native") {
  const email = `${tag}-${crypto.randomBytes(4).toString("hex")}@example.com`;
  const account = await deps.db.transaction((tx) => registerAccountByEmail(tx, { email, now: deps.clock.now() }));
  return { id: account.id, email };
}

async function newKey(accountId: string, extra: Partial<Parameters<typeof issueAccessKey>[1]> = {}) {
  return issueAccessKey(deps, { applicationId: cli.applicationId, accountId, ...extra });
}

const useKey = (key: { accessKeyIdentifier: string; accessKeySecret: string }, application = cli) =>
  directIssueAccessKey(deps, { applicationAnchor: application.applicationAnchor, accessKeyIdentifier: key.accessKeyIdentifier, accessKeySecret: key.accessKeySecret });

/** An application of its own that issues to AccessKeys, with these claim policies. */
const accessKeyApplication = (tag: string, claimPolicies: Parameters<typeof createApplication>[1]["claimPolicies"]) =>
  createApplication(deps, {
    anchor: `lib-native-${tag}-${crypto.randomBytes(3).toString("hex")}`,
    organizationId: null,
    names: { "en-US": tag },
    rules: {
      authentication: [{ method: "ACCESS_KEY_DIRECT", payload: {} }],
      realize: [{ constraintType: "EVERYONE", payload: {} }],
      return: [{ returnMethod: "DIRECT_ISSUE", payload: {} }],
    },
    claimPolicies,
  });

const grant = (accountId: string, claim: "EMAIL" | "FIRST_NAME" | "LAST_NAME", applicationId = cli.applicationId) =>
  upsertClaimGrant(deps.db, { accountId, applicationId, claim, decision: "GRANTED", decidedAt: deps.clock.now() });

describe("native direct-issue and the Errand (lib, fixed clock)", () => {
  before(async () => {
    setup = await libDeps();
    steam = await startSteamPeer();
    deps = { ...setup.deps, config: { ...setup.deps.config, steam: { webApiUrl: steam.baseUrl, webApiKey: steam.webApiKey, openIdUrl: steam.openIdUrl } } };
    cli = await createApplication(deps, {
      anchor: "lib-native-cli",
      organizationId: null,
      names: { "en-US": "Lib CLI" },
      rules: {
        authentication: [{ method: "ACCESS_KEY_DIRECT", payload: {} }],
        realize: [{ constraintType: "EVERYONE", payload: {} }],
        return: [{ returnMethod: "DIRECT_ISSUE", payload: {} }],
      },
      claimPolicies: { email: "REQUIRED" },
    });
    game = await createApplication(deps, {
      anchor: "lib-native-game",
      organizationId: null,
      names: { "en-US": "Lib Game" },
      rules: {
        authentication: [{ method: "STEAM_TICKET", payload: { allowedSteamAppIds: [480] } }],
        realize: [{ constraintType: "STEAM_ID", payload: { allowedSteamIds: ["*"] } }],
        return: [{ returnMethod: "DIRECT_ISSUE", payload: {} }],
      },
    });
  });
  after(async () => {
    await steam?.close();
    await setup?.close();
  });

  it("re-hands the same live errand (key and original expiresAt) while 15 minutes are left, then a fresh one", async () => {
    const user = await newAccount();
    const key = await newKey(user.id);
    const first = await blockedErrand(useKey(key));
    assert.equal(first.reason, "ClaimConsentRequired");
    assert.equal(first.errand.expiresAt, "2026-06-01T12:30:00Z");

    deps.clock.advance(15 * 60 - 1);
    assert.deepEqual((await blockedErrand(useKey(key))).errand, first.errand, "14:59 in, 15:01 left: the same errand");
    deps.clock.advance(2);
    const second = await blockedErrand(useKey(key));
    assert.notEqual(second.errand.errandKey, first.errand.errandKey, "under 15 minutes left: a fresh one");
    assert.equal(second.errand.expiresAt, "2026-06-01T12:45:01Z");
    assert.equal((await errandStatus(deps, first.errand.errandKey)).status, "EXPIRED", "the superseded errand is over");
    assert.equal((await errandStatus(deps, second.errand.errandKey)).status, "PENDING");

    deps.clock.advance(30 * 60);
    assert.equal((await errandStatus(deps, second.errand.errandKey)).status, "EXPIRED", "30 minutes of life");
    const third = await blockedErrand(useKey(key));
    assert.notEqual(third.errand.errandKey, second.errand.errandKey);
  });

  it("keeps the errand while the owed work only shrinks (the user's progress), mints a fresh one when it grows, and says why", async () => {
    const app = await accessKeyApplication("scope", { firstName: "REQUIRED" });
    const user = await newAccount();
    const key = await issueAccessKey(deps, { applicationId: app.applicationId, accountId: user.id });
    const consent = await blockedErrand(useKey(key, app));
    assert.equal(consent.reason, "ClaimConsentRequired");
    await grant(user.id, "FIRST_NAME", app.applicationId);
    const data = await blockedErrand(useKey(key, app));
    assert.equal(data.reason, "RequiredClaimDataMissing", "granted, but the account has no first name");
    assert.deepEqual(data.errand, consent.errand, "less is owed: the page the user is on stays theirs");

    await writeClaimPolicies(deps.db, app.applicationId, { lastName: "REQUIRED" });
    const wider = await blockedErrand(useKey(key, app));
    assert.notEqual(wider.errand.errandKey, data.errand.errandKey, "more is owed than the errand was minted for");
    assert.equal((await errandStatus(deps, data.errand.errandKey)).status, "EXPIRED", "the narrower errand was retired");

    await updateAccount(deps.db, user.id, { firstName: "Ada", lastName: "Lovelace" });
    await grant(user.id, "LAST_NAME", app.applicationId);
    const issued = await useKey(key, app);
    assert.deepEqual(issued.claims.firstName, { requirement: "REQUIRED", state: "GRANTED" });
    assert.equal((await errandStatus(deps, wider.errand.errandKey)).status, "EXPIRED", "the issue made the errand moot");
  });

  it("reports COMPLETED until the retry succeeds, then EXPIRED (single use)", async () => {
    const user = await newAccount();
    const key = await newKey(user.id);
    const { errand } = await blockedErrand(useKey(key));
    const row = (await findErrandByKeyHash(deps.db, hashErrandKey(deps, errand.errandKey)))!;
    await grant(user.id, "EMAIL");
    assert.ok(await markErrandCompleted(deps.db, row.id, deps.clock.now()));
    assert.equal(await markErrandCompleted(deps.db, row.id, deps.clock.now()), false, "completion happens once");
    assert.equal((await errandStatus(deps, errand.errandKey)).status, "COMPLETED");
    const issued = await useKey(key);
    assert.equal(issued.claims.email.state, "GRANTED");
    assert.equal((await errandStatus(deps, errand.errandKey)).status, "EXPIRED");
    for (const probe of ["", "ernd_", `ernd_${"0".repeat(64)}`, errand.errandKey.toUpperCase(), "../../etc"]) {
      assert.equal((await errandStatus(deps, probe)).status, "EXPIRED", probe);
    }
  });

  it("the errand takes names by the Profile page's rule and writes nothing of a refused answer", async () => {
    const app = await accessKeyApplication("names", { firstName: "REQUIRED", lastName: "REQUIRED" });
    const user = await newAccount();
    const key = await issueAccessKey(deps, { applicationId: app.applicationId, accountId: user.id });
    const { errand } = await blockedErrand(useKey(key, app));
    // Names are owed, so the page signs in as the errand's account first.
    const browser: Browser = { binding: crypto.randomBytes(32).toString("hex"), sessionKey: null, locale: "en-US", address: null, setCookies: [] };
    await startBrowserSession(deps, browser, { accountId: user.id, authenticationMethod: "EMAIL_VERIFICATION", loginEmail: user.email });
    // What POST /via/api/errand/complete does with a body: the route's schema, then the lib call.
    const complete = async (body: Record<string, unknown>) => completeErrand(deps, browser, parseWith(errandCompleteSchema, { errandKey: errand.errandKey, ...body }));
    const stored = async () => ({
      names: (await deps.db.select({ firstName: accounts.firstName, lastName: accounts.lastName }).from(accounts).where(eq(accounts.id, user.id)))[0],
      decisions: await deps.db.select({ claim: claimGrants.claim }).from(claimGrants).where(and(eq(claimGrants.accountId, user.id), eq(claimGrants.applicationId, app.applicationId))),
    });
    const untouched = { names: { firstName: null, lastName: null }, decisions: [] };

    for (const firstName of ["Ada\u0000", "Ada\u2066Admin"]) {
      const refused = await rejectsWith(complete({ decisions: { firstName: true, lastName: true }, profile: { firstName, lastName: "Lovelace" } }), "Invalid profile", 400);
      assert.match(refused.message, /^profile\.firstName: /);
    }
    // A REQUIRED claim declined: neither the names nor the decision before it are kept.
    await rejectsWith(complete({ decisions: { firstName: true, lastName: false }, profile: { firstName: "Ada", lastName: "Lovelace" } }), "Invalid decisions", 400);
    assert.deepEqual(await stored(), untouched);
    assert.equal((await errandStatus(deps, errand.errandKey)).status, "PENDING");

    const done = await complete({ decisions: { firstName: true, lastName: true }, profile: { firstName: " Ada ", lastName: "Lovelace" } });
    assert.equal(done.state, "completed");
    assert.deepEqual((await stored()).names, { firstName: "Ada", lastName: "Lovelace" });
  });

  it("converges racing blocked calls on one errand", async () => {
    const user = await newAccount();
    const request = { applicationId: cli.applicationId, accountId: user.id, reason: "ClaimConsentRequired", tasks: { origin: "claim-gate" as const, consent: ["email" as const], data: [] }, requiresSignIn: false };
    const handoffs = await Promise.all(Array.from({ length: 6 }, () => handOffErrand(deps, request)));
    assert.equal(new Set(handoffs.map((handoff) => handoff.errandKey)).size, 1);
  });

  it("refuses an expired key, records lastUsedAt, and lists keys without secrets", async () => {
    const user = await newAccount();
    await grant(user.id, "EMAIL");
    const key = await newKey(user.id, { expiresAt: new Date(deps.clock.now().getTime() + 3600_000), label: "nightly", accessTokenTtlSeconds: 300 });
    const issued = await useKey(key);
    const header = JSON.parse(Buffer.from(issued.accessToken.split(".")[0]!, "base64url").toString()) as { iat: number; exp: number };
    assert.equal(header.exp - header.iat, 300);
    const listed = await listAccessKeys(deps, { applicationId: cli.applicationId, accountId: user.id });
    assert.equal(listed.length, 1);
    assert.equal(listed[0]!.label, "nightly");
    assert.equal(listed[0]!.lastUsedAt?.getTime(), deps.clock.now().getTime());
    assert.equal(JSON.stringify(listed).includes(key.accessKeySecret.slice(6)), false);

    deps.clock.advance(3600);
    await rejectsWith(useKey(key), "AccessKeyDirectDenied", 401);
    await rejectsWith(issueAccessKey(deps, { applicationId: cli.applicationId, accountId: user.id, accessTokenTtlSeconds: 30 }), "Invalid accessTokenTtlSeconds", 400);
  });

  it("answers AccessKeyCredentialAccountMissing (500) once the key's account row is gone, after the secret checked out", async () => {
    const user = await newAccount();
    const key = await newKey(user.id);
    await deps.db.delete(accounts).where(eq(accounts.id, user.id));
    const [row] = await deps.db.select().from(accessKeyCredentials).where(eq(accessKeyCredentials.id, key.accessKeyIdentifier.slice(6)));
    assert.equal(row?.accountId, null, "the credential outlives the purge, unbound");
    await rejectsWith(useKey({ ...key, accessKeySecret: `acs_t_${"1".repeat(64)}` }), "AccessKeyDirectDenied", 401);
    await rejectsWith(useKey(key), "AccessKeyCredentialAccountMissing", 500);
  });

  it("creates no account for a Steam player the application refuses (Layer 2 or Layer 3), as a browser sign-up would not", async () => {
    const gameWith = (rules: { realize?: { constraintType: "EMAIL"; payload: { allowedEmails: string[] } }[]; toStatusPoll?: true }) =>
      createApplication(deps, {
        anchor: `lib-native-refusing-${crypto.randomBytes(3).toString("hex")}`,
        organizationId: null,
        names: { "en-US": "Refusing game" },
        rules: {
          authentication: [{ method: "STEAM_TICKET", payload: { allowedSteamAppIds: [480] } }],
          realize: rules.realize ?? [{ constraintType: "STEAM_ID", payload: { allowedSteamIds: ["*"] } }],
          return: [rules.toStatusPoll ? { returnMethod: "STATUS_POLL", payload: {} } : { returnMethod: "DIRECT_ISSUE", payload: {} }],
        },
      });
    const steamId = newSteamId();
    const present = async (application: CreatedApplication) =>
      directIssueSteamTicket(deps, { applicationAnchor: application.applicationAnchor, steamTicketHex: await steamTicket({ steamId }, steam.baseUrl), steamAppId: 480 });
    await rejectsWith(present(await gameWith({ realize: [{ constraintType: "EMAIL", payload: { allowedEmails: ["*"] } }] })), "Layer2Denied", 403);
    await rejectsWith(present(await gameWith({ toStatusPoll: true })), "Layer3Denied", 403);
    assert.equal(await findAuthentication(deps.db, "STEAM_ID64", steamId), null, "no account was made for the refused player");
    // An application that admits the player makes the account, once; a refusal afterwards keeps it.
    await present(game);
    const player = (await findAuthentication(deps.db, "STEAM_ID64", steamId))!.accountId;
    await rejectsWith(present(await gameWith({ toStatusPoll: true })), "Layer3Denied", 403);
    assert.equal((await findAuthentication(deps.db, "STEAM_ID64", steamId))!.accountId, player);
  });

  it("after the user erases their account: a key answers AccountDeleted, a Steam ticket creates nothing until the player signs up again", async () => {
    const user = await newAccount("erased");
    await grant(user.id, "EMAIL");
    const key = await newKey(user.id, { label: "build server" });
    const steamId = newSteamId();
    const useTicket = async () =>
      directIssueSteamTicket(deps, { applicationAnchor: game.applicationAnchor, steamTicketHex: await steamTicket({ steamId }, steam.baseUrl), steamAppId: 480 });
    const first = await useTicket();
    const player = (await findAuthentication(deps.db, "STEAM_ID64", steamId))!.accountId;

    await deleteAccount(deps, user.id, { confirmation: user.email });
    await deleteAccount(deps, player, { confirmation: await deletionConfirmationPhrase(deps.db, player) });

    await rejectsWith(useKey(key), "AccountDeleted", 403);
    const [keyRow] = await deps.db.select().from(accessKeyCredentials).where(eq(accessKeyCredentials.id, key.accessKeyIdentifier.slice(6)));
    assert.equal(keyRow?.label, null, "the label the user gave is erased");

    const accountsBefore = (await deps.db.select({ id: accounts.id }).from(accounts)).length;
    await rejectsWith(useTicket(), "AccountDeleted", 403);
    assert.equal((await deps.db.select({ id: accounts.id }).from(accounts)).length, accountsBefore, "no account made behind the player's back");
    const remembered = await deps.db.select().from(erasedSteamIdentities);
    assert.ok(remembered.length > 0);
    assert.ok(remembered.every((row) => !row.steamIdHash.includes(steamId)), "only a keyed hash of the SteamID64 is kept");

    // "Sign in with Steam" in a browser is the deliberate sign-up: a new account, which the game's tickets then reach.
    const steamKey = { kind: "STEAM_ID64", namespace: "", verifiedHow: null } as const;
    const signedUp = await linkUpstreamIdentity(deps, steamKey, { subject: steamId, email: null, emailVerified: false, firstName: null, lastName: null }, async () => {});
    assert.equal(signedUp.registered, true);
    assert.notEqual(signedUp.accountId, player);
    const again = await useTicket();
    assert.notEqual(tokenBody(again.accessToken).subject, tokenBody(first.accessToken).subject, "a brand-new subject");
  });

  it("refuses disabled and erased accounts and disabled applications (403)", async () => {
    const user = await newAccount();
    await grant(user.id, "EMAIL");
    const key = await newKey(user.id);
    await updateAccount(deps.db, user.id, { status: "DISABLED" });
    await rejectsWith(useKey(key), "AccountDisabled", 403);
    await updateAccount(deps.db, user.id, { status: "DELETED" });
    await rejectsWith(useKey(key), "AccountDeleted", 403);

    await updateApplication(deps.db, cli.applicationId, { enabled: false });
    await updateApplication(deps.db, game.applicationId, { enabled: false });
    try {
      await rejectsWith(useKey(key), "ApplicationDisabled", 403);
      const ticket = await steamTicket({ steamId: newSteamId() }, steam.baseUrl);
      await rejectsWith(directIssueSteamTicket(deps, { applicationAnchor: game.applicationAnchor, steamTicketHex: ticket, steamAppId: 480 }), "ApplicationDisabled", 403);
    } finally {
      await updateApplication(deps.db, cli.applicationId, { enabled: true });
      await updateApplication(deps.db, game.applicationId, { enabled: true });
    }
  });

  it("revokes a key's sessions with it, and a session minted before keeps nothing", async () => {
    const user = await newAccount();
    await grant(user.id, "EMAIL");
    const key = await newKey(user.id);
    const issued = await useKey(key);
    assert.deepEqual(await revokeAccessKey(deps, { accessKeyIdentifier: key.accessKeyIdentifier }), { revoked: true, sessionsRevoked: 1 });
    await rejectsWith(refresh(deps, { refreshToken: issued.refreshToken }), "RefreshTokenSuspended", 401);
    await rejectsWith(revokeAccessKey(deps, { accessKeyIdentifier: key.accessKeyIdentifier, applicationId: game.applicationId }), "NotFound");
  });

  it("keeps a Steam ticket's hash for 24 hours", async () => {
    const hash = crypto.randomBytes(32).toString("hex");
    const now = deps.clock.now();
    const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);
    assert.equal(await recordSteamTicket(deps.db, hash, now, later(86_400)), true);
    assert.equal(await recordSteamTicket(deps.db, hash, later(86_399), later(2 * 86_400)), false);
    assert.equal(await recordSteamTicket(deps.db, hash, later(86_400), later(2 * 86_400)), true, "the window ended: the slot is taken again");

    const steamId = newSteamId();
    const ticket = await steamTicket({ steamId }, steam.baseUrl);
    const input = { applicationAnchor: game.applicationAnchor, steamTicketHex: ticket, steamAppId: 480 };
    await directIssueSteamTicket(deps, input);
    deps.clock.advance(86_399);
    await rejectsWith(directIssueSteamTicket(deps, input), "SteamTicketReplayed", 409);
    deps.clock.advance(1);
    // Past the window the guard lets it through again; Steam still has the last word on the ticket.
    assert.equal((await directIssueSteamTicket(deps, input)).applicationAnchor, game.applicationAnchor);
  });

  it("treats a Steam that hangs, refuses the Web API key, or is not configured as unavailable (502)", async () => {
    const hanging = await steamTicket({ steamId: newSteamId(), behaviour: "hang" }, steam.baseUrl);
    const started = Date.now();
    await rejectsWith(authenticateUserTicket(deps, { appId: 480, ticketHex: hanging }, { timeoutMs: 300 }), "SteamUnavailable", 502);
    assert.ok(Date.now() - started < 5_000);
    const ticket = await steamTicket({ steamId: newSteamId() }, steam.baseUrl);
    const wrongKey = { ...deps, config: { ...deps.config, steam: { ...deps.config.steam, webApiKey: "NOT-THE-KEY" } } };
    await rejectsWith(authenticateUserTicket(wrongKey, { appId: 480, ticketHex: ticket }), "SteamUnavailable", 502);
    const noKey = { ...deps, config: { ...deps.config, steam: { ...deps.config.steam, webApiKey: undefined } } };
    await rejectsWith(authenticateUserTicket(noKey, { appId: 480, ticketHex: ticket }), "SteamUnavailable", 502);
    const verdict = await authenticateUserTicket(deps, { appId: 480, ticketHex: ticket });
    assert.equal(verdict.ok, true);
  });

  it("POST /errand: verifies the access token (expiry, live session), answers null when nothing is owed", async () => {
    const app = await accessKeyApplication("req", { email: "OPTIONAL", firstName: "SYNTHETIC" });
    const user = await newAccount();
    const key = await issueAccessKey(deps, { applicationId: app.applicationId, accountId: user.id, accessTokenTtlSeconds: 600 });
    const issued = await useKey(key, app);

    const asked = await requestErrand(deps, { accessToken: issued.accessToken });
    assert.ok(asked.errand, "undecided optional claims are worth an errand");
    assert.deepEqual(asked.claims.email, { requirement: "OPTIONAL", state: "UNKNOWN" });
    const row = (await findErrandByKeyHash(deps.db, hashErrandKey(deps, asked.errand.errandKey)))!;
    assert.equal(row.requiresSignIn, true, "a requested errand always signs the user in again");
    assert.deepEqual((await requestErrand(deps, { accessToken: issued.accessToken })).errand, asked.errand);

    await upsertClaimGrant(deps.db, { accountId: user.id, applicationId: app.applicationId, claim: "EMAIL", decision: "GRANTED", decidedAt: deps.clock.now() });
    await upsertClaimGrant(deps.db, { accountId: user.id, applicationId: app.applicationId, claim: "FIRST_NAME", decision: "DENIED", decidedAt: deps.clock.now() });
    assert.equal((await requestErrand(deps, { accessToken: issued.accessToken })).errand, null, "everything decided, nothing missing");

    await updateAccount(deps.db, user.id, { status: "DISABLED" });
    await rejectsWith(requestErrand(deps, { accessToken: issued.accessToken }), "AccountDisabled", 403);
    await updateAccount(deps.db, user.id, { status: "ACTIVE" });

    deps.clock.advance(601);
    await rejectsWith(requestErrand(deps, { accessToken: issued.accessToken }), "AccessTokenInvalid", 401);
    const fresh = await useKey(key, app);
    await revokeAccessKey(deps, { accessKeyIdentifier: key.accessKeyIdentifier });
    await rejectsWith(requestErrand(deps, { accessToken: fresh.accessToken }), "AccessTokenInvalid", 401);
    await rejectsWith(requestErrand(deps, { accessToken: "not.a.token" }), "AccessTokenInvalid", 401);
  });
});
