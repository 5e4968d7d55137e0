// Steam direct-issue over HTTP (docs 32; native.yaml `directIssueSteamTicket`)
// against the real server and the Steam peer fixture: a valid ticket mints
// tokens for the STEAM_ID64 account, every way a ticket can fail answers its
// own status and reason, and the claim gate hands out an Errand.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import { compactVerify, importSPKI } from "jose";
import { createApplication } from "@/lib/applications/create-application";
import { isSudomimusError } from "@/lib/errors";
import { directIssueSteamTicket } from "@/lib/native/steam-ticket";
import { createTestApplication } from "../support/applications";
import { decodeJwt, post, type TestApplication } from "../support/connect-client";
import { libDeps } from "../support/lib-deps";
import { newSteamId, steamRequestsFor, steamTicket } from "../support/steam";

const STEAM = "/native-api/direct-issue/steam-ticket";

type Issued = { applicationAnchor: string; accessToken: string; refreshToken: string; claims: Record<string, { requirement: string; state: string }> };
type Denied = { reason: string; claims?: Record<string, { requirement: string; state: string }>; errand?: { errandKey: string; url: string; expiresAt: string } };

let game: TestApplication;

const steamRules = (overrides: { realize?: unknown[]; return?: unknown[]; appIds?: number[]; ttl?: number } = {}) => ({
  authentication: [{ method: "STEAM_TICKET", payload: { allowedSteamAppIds: overrides.appIds ?? [480] }, accessTokenTtlSeconds: overrides.ttl ?? null }],
  realize: overrides.realize ?? [{ constraintType: "STEAM_ID", payload: { allowedSteamIds: ["*"] } }],
  return: overrides.return ?? [{ returnMethod: "DIRECT_ISSUE", payload: {} }],
});

async function issue(app: TestApplication, steamId: string, extra: { appId?: number; steamAppId?: number } = {}) {
  const ticket = await steamTicket({ steamId, appId: extra.appId ?? 480 });
  return post<Issued & Denied>(STEAM, { applicationAnchor: app.anchor, steamTicketHex: ticket, steamAppId: extra.steamAppId ?? extra.appId ?? 480 });
}

describe("native direct-issue: Steam ticket", () => {
  before(async () => {
    game = await createTestApplication({ anchorPrefix: "native-steam", template: "steam-game" });
  });

  it("verifies the ticket with Steam and mints tokens for the Steam account, the same one every time", async () => {
    const steamId = newSteamId();
    const ticket = await steamTicket({ steamId });
    // Hex is case-insensitive; Steam receives the bytes exactly as sent.
    const sent = ticket.toUpperCase();
    const first = await post<Issued>(STEAM, { applicationAnchor: game.anchor, steamTicketHex: sent, steamAppId: 480 });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.deepEqual(Object.keys(first.body).sort(), ["accessToken", "applicationAnchor", "claims", "refreshToken"]);
    assert.equal(first.body.applicationAnchor, game.anchor);
    assert.deepEqual(first.body.claims, {
      email: { requirement: "OFF", state: "UNKNOWN" },
      firstName: { requirement: "OFF", state: "UNKNOWN" },
      lastName: { requirement: "OFF", state: "UNKNOWN" },
    });
    const calls = await steamRequestsFor(ticket);
    assert.equal(calls.length, 1);
    assert.deepEqual({ appid: calls[0]!.appid, identity: calls[0]!.identity, ticket: calls[0]!.ticket }, { appid: "480", identity: "sudomimus", ticket: sent });

    const { payload, protectedHeader } = await compactVerify(first.body.accessToken, await importSPKI(game.publicKeyPem, "RS256"));
    const body = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
    assert.equal(protectedHeader.kty, "Access");
    assert.equal(protectedHeader.aud, game.anchor);
    assert.match(String(body.subject), /^sub_[0-9A-Z]{16}$/);
    assert.equal(body.emailAddress, undefined, "a Steam-only account has no email");
    assert.equal(JSON.stringify(body).includes(steamId), false, "the SteamID64 is not the application's user key");
    assert.equal(decodeJwt(first.body.refreshToken).header.kty, "Refresh");

    const again = await issue(game, steamId);
    assert.equal(again.status, 200);
    assert.equal(decodeJwt(again.body.accessToken).body.subject, body.subject, "one STEAM_ID64 identity, one account");
    const other = await issue(game, newSteamId());
    assert.notEqual(decodeJwt(other.body.accessToken).body.subject, body.subject);

    const refreshed = await post<Issued>("/connect-api/refresh", { refreshToken: first.body.refreshToken });
    assert.equal(refreshed.status, 200, "direct-issue sessions refresh through Connect");
    const introspected = await post("/connect-api/introspect", { accessToken: again.body.accessToken });
    assert.equal(introspected.body.status, "active");
  });

  it("refuses a ticket it has seen within the replay window, whatever its case (409)", async () => {
    const ticket = await steamTicket({ steamId: newSteamId() });
    const first = await post(STEAM, { applicationAnchor: game.anchor, steamTicketHex: ticket, steamAppId: 480 });
    assert.equal(first.status, 200);
    for (const replay of [ticket, ticket.toUpperCase()]) {
      const answer = await post(STEAM, { applicationAnchor: game.anchor, steamTicketHex: replay, steamAppId: 480 });
      assert.deepEqual([answer.status, answer.body.reason], [409, "SteamTicketReplayed"]);
    }
    assert.equal((await steamRequestsFor(ticket)).length, 1, "a replay never reaches Steam");
  });

  it("answers 401 SteamTicketInvalid when Steam rejects the ticket: unknown, another App ID, another identity", async () => {
    const multi = await createTestApplication({ anchorPrefix: "native-steam-multi", rules: steamRules({ appIds: [480, 730] }) });
    const steamId = newSteamId();
    const unknown = await post(STEAM, { applicationAnchor: multi.anchor, steamTicketHex: "ab".repeat(100), steamAppId: 480 });
    assert.deepEqual([unknown.status, unknown.body.reason], [401, "SteamTicketInvalid"]);

    // Issued for 480, presented as 730: both allowed here, but Steam binds the ticket to its App ID.
    const otherApp = await issue(multi, steamId, { appId: 480, steamAppId: 730 });
    assert.deepEqual([otherApp.status, otherApp.body.reason], [401, "SteamTicketInvalid"]);

    // GetAuthTicketForWebApi("something-else"): Steam refuses it for identity "sudomimus".
    const wrongIdentity = await steamTicket({ steamId, identity: "something-else" });
    const answer = await post(STEAM, { applicationAnchor: multi.anchor, steamTicketHex: wrongIdentity, steamAppId: 480 });
    assert.deepEqual([answer.status, answer.body.reason], [401, "SteamTicketInvalid"]);
    assert.equal((await steamRequestsFor(wrongIdentity))[0]?.identity, "sudomimus");

    const fine = await issue(multi, steamId, { appId: 730 });
    assert.equal(fine.status, 200, JSON.stringify(fine.body));
  });

  it("answers 502 SteamUnavailable when Steam errs, answers garbage or hangs up", async () => {
    for (const behaviour of ["http-500", "not-json", "drop"] as const) {
      const ticket = await steamTicket({ steamId: newSteamId(), behaviour });
      const answer = await post(STEAM, { applicationAnchor: game.anchor, steamTicketHex: ticket, steamAppId: 480 });
      assert.deepEqual([answer.status, answer.body.reason], [502, "SteamUnavailable"], behaviour);
    }
  });

  it("lets the game retry the same ticket after Steam was unreachable: the outage spent nothing, a success does", async () => {
    const ticket = await steamTicket({ steamId: newSteamId(), behaviour: "http-500-once" });
    const body = { applicationAnchor: game.anchor, steamTicketHex: ticket, steamAppId: 480 };
    const outage = await post(STEAM, body);
    assert.deepEqual([outage.status, outage.body.reason], [502, "SteamUnavailable"]);
    const retried = await post(STEAM, body);
    assert.equal(retried.status, 200, JSON.stringify(retried.body));
    assert.equal((await steamRequestsFor(ticket)).length, 2, "Steam was asked again");
    const replayed = await post(STEAM, body);
    assert.deepEqual([replayed.status, replayed.body.reason], [409, "SteamTicketReplayed"]);
  });

  it("applies Layer 1 to the App ID before anything is recorded or sent to Steam (403 Layer1Denied)", async () => {
    const ticket = await steamTicket({ steamId: newSteamId(), appId: 999 });
    const denied = await post(STEAM, { applicationAnchor: game.anchor, steamTicketHex: ticket, steamAppId: 999 });
    assert.deepEqual([denied.status, denied.body.reason], [403, "Layer1Denied"]);
    assert.equal((await steamRequestsFor(ticket)).length, 0);
  });

  it("applies Layer 2 and Layer 3 to the Steam identity (403 Layer2Denied, Layer3Denied)", async () => {
    const allowed = newSteamId();
    const pinned = await createTestApplication({
      anchorPrefix: "native-steam-pinned",
      rules: steamRules({ realize: [{ constraintType: "STEAM_ID", payload: { allowedSteamIds: [allowed] } }] }),
    });
    assert.equal((await issue(pinned, allowed)).status, 200);
    const stranger = await issue(pinned, newSteamId());
    assert.deepEqual([stranger.status, stranger.body.reason], [403, "Layer2Denied"]);

    const emailOnly = await createTestApplication({
      anchorPrefix: "native-steam-email",
      rules: steamRules({ realize: [{ constraintType: "EMAIL", payload: { allowedEmails: ["*"] } }] }),
    });
    const noEmail = await issue(emailOnly, newSteamId());
    assert.deepEqual([noEmail.status, noEmail.body.reason], [403, "Layer2Denied"], "an EMAIL-only Layer 2 rejects a Steam-first account");

    const noDirectIssue = await createTestApplication({
      anchorPrefix: "native-steam-no-l3",
      rules: steamRules({ return: [{ returnMethod: "STATUS_POLL", payload: {} }] }),
    });
    const undeliverable = await issue(noDirectIssue, newSteamId());
    assert.deepEqual([undeliverable.status, undeliverable.body.reason], [403, "Layer3Denied"]);
  });

  it("folds the TTLs of every matched rule", async () => {
    const short = await createTestApplication({
      anchorPrefix: "native-steam-ttl",
      rules: {
        authentication: [{ method: "STEAM_TICKET", payload: { allowedSteamAppIds: [480] }, accessTokenTtlSeconds: 900 }],
        realize: [{ constraintType: "STEAM_ID", payload: { allowedSteamIds: ["*"] }, accessTokenTtlSeconds: 600 }],
        return: [{ returnMethod: "DIRECT_ISSUE", payload: {}, refreshTokenTtlSeconds: 86400 * 2 }],
      },
    });
    const issued = await issue(short, newSteamId());
    assert.equal(issued.status, 200);
    const access = decodeJwt(issued.body.accessToken).header as { iat: number; exp: number };
    const refresh = decodeJwt(issued.body.refreshToken).header as { iat: number; exp: number };
    assert.equal(access.exp - access.iat, 600);
    assert.equal(refresh.exp - refresh.iat, 86400 * 2);
  });

  it("hands out an Errand when a required claim is owed, and the same one on a retry", async () => {
    const gated = await createTestApplication({ anchorPrefix: "native-steam-gate", template: "steam-game", claims: { email: "REQUIRED", firstName: "OPTIONAL" } });
    const steamId = newSteamId();
    const blocked = await issue(gated, steamId);
    assert.equal(blocked.status, 403, JSON.stringify(blocked.body));
    assert.equal(blocked.body.reason, "ClaimConsentRequired");
    assert.deepEqual(blocked.body.claims, {
      email: { requirement: "REQUIRED", state: "UNKNOWN" },
      firstName: { requirement: "OPTIONAL", state: "UNKNOWN" },
      lastName: { requirement: "OFF", state: "UNKNOWN" },
    });
    const errand = blocked.body.errand!;
    assert.match(errand.errandKey, /^ernd_[0-9a-f]{64}$/);
    assert.equal(errand.url, `${new URL(STEAM, process.env.TEST_BASE_URL).origin}/via/errand?key=${errand.errandKey}`);
    const expiresIn = Date.parse(errand.expiresAt) - Date.now();
    assert.ok(expiresIn > 29 * 60_000 && expiresIn <= 30 * 60_000, `30 minutes, got ${expiresIn} ms`);
    assert.match(errand.expiresAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    // A second blocked call re-hands the same live errand (native-errand retries with the very same ticket).
    const retried = await issue(gated, steamId);
    assert.equal(retried.status, 403);
    assert.deepEqual(retried.body.errand, errand);

    const status = await fetch(`${process.env.TEST_BASE_URL}/native-api/errand/${errand.errandKey}/status`);
    assert.equal(status.status, 200);
    assert.deepEqual(await status.json(), { status: "PENDING" });

    // SYNTHETIC and OPTIONAL claims never block.
    const synthetic = await createTestApplication({ anchorPrefix: "native-steam-synth", template: "steam-game", claims: { email: "SYNTHETIC", firstName: "SYNTHETIC", lastName: "OPTIONAL" } });
    const fine = await issue(synthetic, newSteamId());
    assert.equal(fine.status, 200, JSON.stringify(fine.body));
    const claims = decodeJwt(fine.body.accessToken).body;
    assert.match(String(claims.emailAddress), /@proxy\.sudomimus\.email$/);
    assert.equal(typeof claims.firstName, "string");
    assert.equal(claims.lastName, undefined);
  });

  it("rejects malformed requests with 400 and names the field, and unknown applications with 404", async () => {
    const ticket = await steamTicket({ steamId: newSteamId() });
    const cases: [unknown, string][] = [
      [{ applicationAnchor: game.anchor, steamTicketHex: ticket, steamAppId: "480" }, "Invalid steamAppId"],
      [{ applicationAnchor: game.anchor, steamTicketHex: ticket, steamAppId: 0 }, "Invalid steamAppId"],
      [{ applicationAnchor: game.anchor, steamTicketHex: ticket, steamAppId: 4.5 }, "Invalid steamAppId"],
      [{ applicationAnchor: game.anchor, steamTicketHex: ticket }, "Invalid steamAppId"],
      [{ applicationAnchor: game.anchor, steamTicketHex: "xyz!", steamAppId: 480 }, "Invalid steamTicketHex"],
      [{ applicationAnchor: game.anchor, steamTicketHex: "abc", steamAppId: 480 }, "Invalid steamTicketHex"],
      [{ applicationAnchor: game.anchor, steamTicketHex: "", steamAppId: 480 }, "Invalid steamTicketHex"],
      [{ steamTicketHex: ticket, steamAppId: 480 }, "Invalid applicationAnchor"],
      [{ applicationAnchor: game.anchor, steamTicketHex: ticket, steamAppId: 480, extra: 1 }, "Invalid body"],
      ["[]", "Invalid body"],
      ["{", "Invalid body"],
    ];
    for (const [body, reason] of cases) {
      const answer = await post(STEAM, body);
      assert.deepEqual([answer.status, answer.body.reason], [400, reason], JSON.stringify(body));
    }
    assert.equal((await steamRequestsFor(ticket)).length, 0, "nothing malformed reaches Steam");
    const missing = await post(STEAM, { applicationAnchor: "no-such-game", steamTicketHex: ticket, steamAppId: 480 });
    assert.deepEqual([missing.status, missing.body.reason], [404, "ApplicationNotFound"]);
    const wrongMethod = await fetch(`${process.env.TEST_BASE_URL}${STEAM}`);
    assert.equal(wrongMethod.status, 405);
  });
});

describe("native direct-issue: Steam ticket (lib)", () => {
  let setup: Awaited<ReturnType<typeof libDeps>>;
  before(async () => {
    setup = await libDeps();
  });
  after(async () => {
    await setup?.close();
  });

  it("lets the game retry the same ticket after a failure on our side: nothing was issued, so nothing was spent", async () => {
    const anchor = `steam-lib-${crypto.randomBytes(3).toString("hex")}`;
    await createApplication(setup.deps, { anchor, organizationId: null, names: { "en-US": "Steam lib" }, rules: steamRules() as Parameters<typeof createApplication>[1]["rules"] });
    const steamId = newSteamId();
    // Steam's answer for every ask: the ticket is good and belongs to this player.
    const steamFetch = async () =>
      new Response(JSON.stringify({ response: { params: { result: "OK", steamid: steamId, ownersteamid: steamId, vacbanned: false, publisherbanned: false } } }), {
        headers: { "content-type": "application/json" },
      });
    const config = { ...setup.deps.config, steam: { ...setup.deps.config.steam, webApiUrl: "http://steam.invalid", webApiKey: "test-key" } };
    const deps = { ...setup.deps, config, fetch: steamFetch as typeof fetch };
    // After the ticket is recorded and Steam has answered, our side fails once (as a dropped database connection does).
    let failed = false;
    const keyring = setup.deps.keyring;
    const failingOnce = {
      ...keyring,
      get hashKey() {
        if (failed) return keyring.hashKey;
        failed = true;
        throw Object.assign(new Error("Connection terminated unexpectedly"), { code: "ECONNRESET" });
      },
    };
    const input = { applicationAnchor: anchor, steamTicketHex: crypto.randomBytes(64).toString("hex"), steamAppId: 480 };
    await assert.rejects(directIssueSteamTicket({ ...deps, keyring: failingOnce }, input), (error: unknown) => !isSudomimusError(error) && /terminated/.test(String(error)));
    assert.ok(failed, "the failure happened after the ticket was recorded");
    const retried = await directIssueSteamTicket(deps, input);
    assert.ok(retried.accessToken, "the retry with the same ticket is issued tokens");
    await assert.rejects(directIssueSteamTicket(deps, input), (error: unknown) => isSudomimusError(error, "SteamTicketReplayed"));
  });
});
