// The Errand over HTTP (docs 31; native.yaml `errandStatus`, `createErrand`):
// a blocked direct-issue → the errand page's endpoints (consent only without
// sign-in; identity data only after signing in as the errand's account, by
// email code or with Steam) → COMPLETED → the retry succeeds → the errand is
// spent. Plus POST /errand and the status endpoint's probing resistance.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { createTestApplication, runAdmin } from "../support/applications";
import { decodeJwt, establish, post, type TestApplication } from "../support/connect-client";
import { requireServer } from "../support/env";
import { ErrandBrowser } from "../support/errand-browser";
import { codeFor, mailsTo, uniqueEmail } from "../support/mailbox";
import { newSteamId, signInToSteamAs, steamTicket } from "../support/steam";
import { ViaClient } from "../support/via-client";

type Errand = { errandKey: string; url: string; expiresAt: string };
type Answer = { reason?: string; accessToken: string; refreshToken: string; claims: Record<string, { requirement: string; state: string }>; errand?: Errand };
type View = { state: string; signIn?: { elsewhere: string | null; methods: { email: boolean; steam: boolean } } | null; addEmail?: { required: boolean } | null; review?: { ask: string[]; missingNames: string[] } };

const cliRules = {
  authentication: [
    { method: "EMAIL_VERIFICATION", payload: {} },
    { method: "ACCESS_KEY_DIRECT", payload: {} },
  ],
  realize: [{ constraintType: "EMAIL", payload: { allowedEmails: ["*@example.com"] } }],
  return: [
    { returnMethod: "STATUS_POLL", payload: {} },
    { returnMethod: "DIRECT_ISSUE", payload: {} },
  ],
};

async function status(errandKey: string): Promise<string> {
  const response = await fetch(`${requireServer()}/native-api/errand/${encodeURIComponent(errandKey)}/status`);
  assert.equal(response.status, 200);
  return ((await response.json()) as { status: string }).status;
}

/** A fresh account (signed up on `signUpAt`, which requests no claims) and an AccessKey of `app` for it. */
async function accountWithKey(signUpAt: TestApplication, app: TestApplication, grants?: string) {
  const email = uniqueEmail("errand");
  const inquiry = await establish(signUpAt, { returnMethods: [{ type: "STATUS_POLL", payload: {} }] });
  assert.equal((await new ViaClient().realize(inquiry.exposureKey, email)).status, 200);
  const created = await runAdmin(["create-access-key", "--application", app.anchor, "--email", email, "--json", ...(grants ? ["--grant", grants] : [])]);
  assert.equal(created.code, 0, created.stderr);
  const key = JSON.parse(created.stdout) as { accessKeyIdentifier: string; accessKeySecret: string };
  const issue = () =>
    post<Answer>("/native-api/direct-issue/access-key", {
      applicationAnchor: app.anchor,
      accessKeyIdentifier: key.accessKeyIdentifier,
      accessKeySecret: key.accessKeySecret,
    });
  return { email, issue };
}

let signUp: TestApplication;

describe("the Errand", () => {
  before(async () => {
    signUp = await createTestApplication({ anchorPrefix: "errand-signup", rules: cliRules });
  });

  it("consent only: grants without sign-in, COMPLETED, the retry succeeds and spends the errand", async () => {
    const app = await createTestApplication({ anchorPrefix: "errand-consent", rules: cliRules, claims: { email: "REQUIRED", lastName: "OPTIONAL" } });
    const { email, issue } = await accountWithKey(signUp, app);
    const blocked = await issue();
    assert.deepEqual([blocked.status, blocked.body.reason], [403, "ClaimConsentRequired"]);
    const errandKey = blocked.body.errand!.errandKey;
    assert.equal(await status(errandKey), "PENDING");

    const page = new ErrandBrowser();
    const shown = await page.navigate(blocked.body.errand!.url);
    assert.equal(shown.status, 200);
    assert.match(shown.html, /would like to know/);

    const refused = await page.call("errand/complete", { errandKey, decisions: { email: false, lastName: false } });
    assert.deepEqual([refused.status, refused.body.reason], [400, "Invalid decisions"]);
    assert.equal(await status(errandKey), "PENDING");
    const noWrite = await page.call("errand/complete", { errandKey, decisions: { email: true }, profile: { lastName: "Lovelace" } });
    assert.deepEqual([noWrite.status, noWrite.body.reason], [401, "SignInRequired"], "consent-only errands never write identity data");

    const done = await page.call<View>("errand/complete", { errandKey, decisions: { email: true, lastName: false } });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.state, "completed");
    assert.equal(await status(errandKey), "COMPLETED");
    const again = await page.call("errand/complete", { errandKey, decisions: { email: true } });
    assert.deepEqual([again.status, again.body.reason], [400, "ErrandExpired"], "single use: nothing more to do on it");

    const retried = await issue();
    assert.equal(retried.status, 200, JSON.stringify(retried.body));
    assert.equal(decodeJwt(retried.body.accessToken).body.emailAddress, email);
    assert.deepEqual(retried.body.claims.lastName, { requirement: "OPTIONAL", state: "DENIED" });
    assert.equal(await status(errandKey), "EXPIRED", "consumed by the successful retry");
    assert.match((await page.navigate(blocked.body.errand!.url)).html, /This link has expired/);
  });

  it("writing data: sign in as the errand's account first (never another), then COMPLETED", async () => {
    const app = await createTestApplication({ anchorPrefix: "errand-names", rules: cliRules, claims: { firstName: "REQUIRED" } });
    const { email, issue } = await accountWithKey(signUp, app, "firstName");
    const blocked = await issue();
    assert.deepEqual([blocked.status, blocked.body.reason], [403, "RequiredClaimDataMissing"]);
    const errandKey = blocked.body.errand!.errandKey;

    const page = new ErrandBrowser();
    const unsigned = await page.call("errand/complete", { errandKey, decisions: {}, profile: { firstName: "Ada" } });
    assert.deepEqual([unsigned.status, unsigned.body.reason], [401, "SignInRequired"]);

    // Another account's address is answered like the account's own — the key holder learns nothing
    // of which addresses its user has — but no code is mailed to it.
    const other = await accountWithKey(signUp, app, "firstName");
    const mailsBefore = (await mailsTo(other.email)).length;
    const mismatch = await page.call("errand/email/start", { errandKey, purpose: "sign-in", email: other.email });
    const own = await new ErrandBrowser().call("errand/email/start", { errandKey, purpose: "sign-in", email });
    assert.deepEqual([mismatch.status, Object.keys(mismatch.body)], [own.status, Object.keys(own.body)]);
    assert.equal(mismatch.status, 200);
    await codeFor(email, 2); // the account's own address got its code…
    assert.equal((await mailsTo(other.email)).length, mailsBefore, "…the other address none");

    // Signed in as another account (through that account's own errand): a clear refusal here.
    const elsewhere = new ErrandBrowser();
    const otherErrand = (await other.issue()).body.errand!;
    assert.equal((await elsewhere.signInByEmail(otherErrand.errandKey, other.email, 2)).status, 200);
    const wrongAccount = await elsewhere.call("errand/complete", { errandKey, decisions: {}, profile: { firstName: "Mallory" } });
    assert.deepEqual([wrongAccount.status, wrongAccount.body.reason], [403, "ErrandAccountMismatch"]);
    const shownElsewhere = await elsewhere.navigate(blocked.body.errand!.url);
    assert.match(shownElsewhere.html, /but this request is for a different account/);

    const signedIn = await page.signInByEmail(errandKey, email, 3);
    assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
    const view = signedIn.body as View;
    assert.equal(view.signIn, null);
    assert.deepEqual(view.review, { ask: [], missingNames: ["firstName"] });
    const done = await page.call<View>("errand/complete", { errandKey, decisions: {}, profile: { firstName: "Ada" } });
    assert.equal(done.body.state, "completed", JSON.stringify(done.body));
    assert.equal(await status(errandKey), "COMPLETED");

    const retried = await issue();
    assert.equal(retried.status, 200);
    assert.equal(decodeJwt(retried.body.accessToken).body.firstName, "Ada");
  });

  it("a Steam-first account signs in with Steam, adds and verifies an email, and the game's retry gets it", async () => {
    const game = await createTestApplication({ anchorPrefix: "errand-steam", template: "steam-game", claims: { email: "REQUIRED" } });
    const steamId = newSteamId();
    // The game retries the very same call (docs 32): the same ticket, which the blocked call did not spend.
    const ticket = await steamTicket({ steamId });
    const issue = async () => post<Answer>("/native-api/direct-issue/steam-ticket", { applicationAnchor: game.anchor, steamTicketHex: ticket, steamAppId: 480 });
    const blocked = await issue();
    assert.deepEqual([blocked.status, blocked.body.reason], [403, "ClaimConsentRequired"]);
    const { errandKey, url } = blocked.body.errand!;

    const page = new ErrandBrowser();
    const addFirst = await page.call("errand/email/start", { errandKey, purpose: "add-email", email: uniqueEmail("steam-early") });
    assert.deepEqual([addFirst.status, addFirst.body.reason], [401, "SignInRequired"], "no identity data is written before sign-in");

    // At Steam, someone else is signed in: nobody is signed in here.
    await signInToSteamAs(newSteamId());
    const wrongSteam = await page.navigate(`${requireServer()}/via/errand/steam?key=${errandKey}`);
    assert.equal(wrongSteam.url.searchParams.get("steam"), "mismatch");
    assert.match(wrongSteam.html, /Sign in with Steam/);
    await signInToSteamAs(null);
    assert.equal((await page.navigate(`${requireServer()}/via/errand/steam?key=${errandKey}`)).url.searchParams.get("steam"), "cancelled");

    await signInToSteamAs(steamId);
    const back = await page.navigate(`${requireServer()}/via/errand/steam?key=${errandKey}`);
    assert.equal(back.url.toString(), url, "back on the errand page, no notice");
    assert.match(back.html, /Add your email address/);

    const address = uniqueEmail("steam-player");
    const added = await page.addEmail(errandKey, address);
    assert.equal(added.status, 200, JSON.stringify(added.body));
    const view = added.body as View;
    assert.equal(view.addEmail, null);
    assert.deepEqual(view.review?.ask, ["email"]);
    const done = await page.call<View>("errand/complete", { errandKey, decisions: { email: true } });
    assert.equal(done.body.state, "completed");

    const retried = await issue();
    assert.equal(retried.status, 200, JSON.stringify(retried.body));
    assert.equal(decodeJwt(retried.body.accessToken).body.emailAddress, address);
    assert.equal(await status(errandKey), "EXPIRED");
    // Tokens were issued with it: now the ticket is spent.
    const replayed = await issue();
    assert.deepEqual([replayed.status, replayed.body.reason], [409, "SteamTicketReplayed"]);
  });

  it("replays of the Steam round trip and another browser's return are refused", async () => {
    const game = await createTestApplication({ anchorPrefix: "errand-steam-csrf", template: "steam-game", claims: { email: "REQUIRED" } });
    const steamId = newSteamId();
    const blocked = await post<Answer>("/native-api/direct-issue/steam-ticket", { applicationAnchor: game.anchor, steamTicketHex: await steamTicket({ steamId }), steamAppId: 480 });
    const { errandKey } = blocked.body.errand!;
    await signInToSteamAs(steamId);
    // The victim's browser starts; the attacker's browser brings the return URL (login CSRF): no session for either.
    const start = await fetch(`${requireServer()}/via/errand/steam?key=${errandKey}`, { redirect: "manual" });
    const atSteam = await fetch(start.headers.get("location")!, { redirect: "manual" });
    const returnUrl = atSteam.headers.get("location")!;
    const attacker = new ErrandBrowser();
    const landed = await attacker.navigate(returnUrl);
    assert.equal(landed.url.pathname, "/via/errand");
    assert.equal(landed.url.searchParams.get("key"), null, "a return without this browser's state leads nowhere");
    const stillOut = await attacker.call("errand/email/start", { errandKey, purpose: "add-email", email: uniqueEmail("csrf") });
    assert.equal(stillOut.status, 401);
  });

  it("POST /errand: an errand on the application's request (sign-in always), or null when nothing is owed", async () => {
    const app = await createTestApplication({ anchorPrefix: "errand-request", rules: cliRules, claims: { email: "OPTIONAL" } });
    const { issue } = await accountWithKey(signUp, app);
    const issued = await issue();
    assert.equal(issued.status, 200, "an OPTIONAL claim never blocks");

    const requested = await post<{ errand: Errand | null; claims: Record<string, unknown> }>("/native-api/errand", { accessToken: issued.body.accessToken });
    assert.equal(requested.status, 200, JSON.stringify(requested.body));
    assert.deepEqual(requested.body.claims.email, { requirement: "OPTIONAL", state: "UNKNOWN" });
    const errand = requested.body.errand!;
    assert.match(errand.errandKey, /^ernd_/);
    const page = new ErrandBrowser();
    const noSignIn = await page.call("errand/complete", { errandKey: errand.errandKey, decisions: { email: true } });
    assert.deepEqual([noSignIn.status, noSignIn.body.reason], [401, "SignInRequired"], "the token identified the user; it authorizes nothing");

    const nothingOwed = await createTestApplication({ anchorPrefix: "errand-request-none", rules: cliRules });
    const none = await (await accountWithKey(signUp, nothingOwed)).issue();
    const answer = await post<{ errand: Errand | null; claims: Record<string, unknown> }>("/native-api/errand", { accessToken: none.body.accessToken });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.errand, null);

    for (const [body, expected] of [
      [{}, [400, "Invalid accessToken"]],
      [{ accessToken: "" }, [400, "Invalid accessToken"]],
      [{ accessToken: "a.b.c" }, [401, "AccessTokenInvalid"]],
      [{ accessToken: issued.body.refreshToken }, [401, "AccessTokenInvalid"]],
    ] as const) {
      const refused = await post("/native-api/errand", body);
      assert.deepEqual([refused.status, refused.body.reason], expected, JSON.stringify(body));
    }
  });

  it("status answers EXPIRED for unknown and malformed keys alike, as a pure read", async () => {
    for (const key of [`ernd_${"0".repeat(64)}`, "ernd_", "nonsense", "ERND_" + "a".repeat(64), "%2e%2e"]) {
      assert.equal(await status(key), "EXPIRED", key);
    }
    const response = await fetch(`${requireServer()}/native-api/errand/x/status`, { method: "POST" });
    assert.equal(response.status, 405);
    const expired = await new ErrandBrowser().call("errand/complete", { errandKey: `ernd_${"1".repeat(64)}`, decisions: {} });
    assert.deepEqual([expired.status, expired.body.reason], [400, "ErrandExpired"]);
  });
});

