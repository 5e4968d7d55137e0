// The Sudomimus CLI (docs 03) as a user runs it — a real process
// (`lib/cli/main.ts`) against the real server: `login --no-open` prints the
// link and code, the user signs in and approves (here via's JSON API, the
// calls the device page makes; the page itself is the device-page e2e
// suite's), the session lands in `$SUDOMIMUS_CLI_HOME/credentials.json`
// (owner-only), `whoami --json` and `organizations --json` answer from the
// With API, a refused access token is refreshed through Connect (the rotated
// pair stored), a session ended elsewhere ends here (exit 3, not signed in),
// logout ends it on the server, an endpoint override elsewhere never sees the
// stored session, a damaged session file means not signed in until login
// replaces it, and a denied request signs nobody in. The With API's bearer
// checks are asserted over HTTP directly.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { createTestApplication, runAdmin, webRules } from "../support/applications";
import { callback, establish, post, signedPost } from "../support/connect-client";
import { requireServer } from "../support/env";
import { uniqueEmail } from "../support/mailbox";
import { redeem } from "../support/via-page";
import { ViaClient } from "../support/via-client";

const root = path.resolve(import.meta.dirname, "..", "..");
const homes: string[] = [];

function newHome(): string {
  const home = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sudomimus-cli-")), "home");
  homes.push(path.dirname(home));
  return home;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const running = new Set<ReturnType<typeof spawn>>();

/** Starts the CLI; `onOutput` sees stdout as it comes (login prints the code, then waits). */
function cli(home: string, args: string[], onOutput?: (stdout: string) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "lib/cli/main.ts"), ...args], {
      cwd: root,
      // Only what a user's shell would give it: no test-run settings leak in.
      env: { NODE_ENV: "production", PATH: process.env.PATH, HOME: os.tmpdir(), SUDOMIMUS_URL: requireServer(), SUDOMIMUS_CLI_HOME: home },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      onOutput?.(stdout);
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    running.add(child);
    child.on("error", reject);
    child.on("close", (code) => {
      running.delete(child);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

/** What the user does in the browser for a printed code: sign in by email, grant, then approve or deny. */
async function decideInBrowser(userCode: string, email: string, decision: "approve" | "deny", nthMail: number) {
  const via = new ViaClient();
  const found = await via.call<{ exposureKey: string }>("device/lookup", { userCode });
  assert.equal(found.status, 200, JSON.stringify(found.body));
  const outcome = await via.realize(found.body.exposureKey, email, nthMail);
  assert.equal(outcome.body.next, "device-decision", JSON.stringify(outcome.body));
  const decided = await via.call("device/decide", { exposureKey: found.body.exposureKey, decision });
  assert.equal(decided.status, 200, JSON.stringify(decided.body));
}

/**
 * `sudomimus login --no-open [args]`, answered in the "browser" as soon as the
 * code is printed (`nthMail`: which sign-in mail to this address this is). A
 * failed answer stops the CLI rather than leaving it polling.
 */
async function login(
  home: string,
  email: string,
  { decision = "approve", nthMail = 1, args = [] }: { decision?: "approve" | "deny"; nthMail?: number; args?: string[] } = {},
): Promise<Run> {
  let deciding: Promise<void> | undefined;
  const run = await cli(home, ["login", "--no-open", ...args], (stdout) => {
    const shown = /shows the code ([A-Z0-9-]+)\./.exec(stdout);
    if (shown && !deciding) {
      deciding = decideInBrowser(shown[1]!, email, decision, nthMail);
      deciding.catch(() => {
        for (const child of running) child.kill();
      });
    }
  });
  assert.ok(deciding, `the code was printed:\n${run.stdout}\n${run.stderr}`);
  await deciding;
  return run;
}

const credentialsOf = (home: string) => JSON.parse(fs.readFileSync(path.join(home, "credentials.json"), "utf8")) as Record<string, unknown> & { accessToken: string; refreshToken: string };
const writeCredentials = (home: string, value: unknown) => fs.writeFileSync(path.join(home, "credentials.json"), JSON.stringify(value));

async function withApi(pathname: string, init: RequestInit = {}) {
  const response = await fetch(`${requireServer()}/with/api${pathname}`, init);
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, challenge: response.headers.get("www-authenticate") };
}

describe("Sudomimus CLI and the With API", () => {
  before(() => {
    requireServer();
  });
  after(() => {
    for (const child of running) child.kill();
    for (const home of homes) fs.rmSync(home, { recursive: true, force: true });
  });

  it("login --no-open prints the link and code, and stores the approved session for its owner only", async () => {
    const home = newHome();
    const email = uniqueEmail("cli");
    const run = await login(home, email);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`${requireServer().replace(/[.:/]/g, "\\$&")}/via/device\\?`), "the verification link");
    assert.match(run.stdout, new RegExp(`Signed in as ${email.replace(/[.]/g, "\\.")}\\.`));
    assert.equal(fs.statSync(home).mode & 0o777, 0o700);
    assert.equal(fs.statSync(path.join(home, "credentials.json")).mode & 0o777, 0o600);
    const stored = credentialsOf(home);
    assert.deepEqual(Object.keys(stored).sort(), ["accessToken", "applicationAnchor", "endpoints", "refreshToken", "updatedAt", "version"]);
    assert.equal(stored.applicationAnchor, "sudomimus-with");
    assert.deepEqual(fs.readdirSync(home), ["credentials.json"], "no temporary file is left behind");

    const json = await cli(home, ["whoami", "--json"]);
    assert.equal(json.code, 0, json.stderr);
    const me = JSON.parse(json.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(me).sort(), ["accountAlias", "emailAddress", "emailAddresses", "firstName", "lastName", "subject"]);
    assert.equal(me.emailAddress, email);
    assert.deepEqual(me.emailAddresses, [email]);
    assert.match(String(me.subject), /^sub_[0-9A-Z]{16}$/);
    assert.match(String(me.accountAlias), /^[a-z]+-[a-z]+-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[a-z]+$/);
    assert.doesNotMatch(json.stdout, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, "no internal id");

    const human = await cli(home, ["whoami"]);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, new RegExp(`^Signed in as ${email.replace(/[.]/g, "\\.")}\\n`));
    assert.match(human.stdout, /Account alias: {2}[a-z]/);
  });

  it("organizations lists the account's organizations with their applications and sectors, by anchors only", async () => {
    const home = newHome();
    const email = uniqueEmail("cli-orgs");
    assert.equal((await login(home, email)).code, 0);
    const none = await cli(home, ["organizations"]);
    assert.deepEqual([none.code, none.stdout.trim()], [0, "No organizations yet. Create one in the portal (/with/organizations)."]);

    const organization = `CLI Org ${Date.now().toString(36)}`;
    const app = await createTestApplication({ anchorPrefix: "cli-orgs", organization, rules: webRules(), name: "Orgs App" });
    const added = await runAdmin(["add-member", "--organization", organization, "--email", email, "--role", "ADMIN"]);
    assert.equal(added.code, 0, added.stderr);
    const listed = await cli(home, ["organizations", "--json"]);
    assert.equal(listed.code, 0, listed.stderr);
    const { organizations } = JSON.parse(listed.stdout) as { organizations: { organizationAnchor: string; name: string; role: string; retired: boolean; applications: { applicationAnchor: string; name: string; sectorAnchor: string; enabled: boolean }[]; sectors: { sectorAnchor: string }[] }[] };
    assert.equal(organizations.length, 1);
    const [only] = organizations;
    assert.deepEqual([only!.name, only!.role, only!.retired], [organization, "ADMIN", false]);
    assert.deepEqual(only!.applications.map((entry) => [entry.applicationAnchor, entry.name, entry.enabled]), [[app.anchor, "Orgs App", true]]);
    assert.ok(only!.sectors.some((sector) => sector.sectorAnchor === only!.applications[0]!.sectorAnchor), "its sector is listed");
    assert.doesNotMatch(listed.stdout, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, "no internal id");
    const human = await cli(home, ["organizations"]);
    assert.match(human.stdout, new RegExp(`^${only!.organizationAnchor}  ${organization}  \\(ADMIN\\)\n  application ${app.anchor}  Orgs App\n`));
  });

  it("application shows one application of the account's organizations; its rules go back into admin --rules-file unchanged", async () => {
    const home = newHome();
    const email = uniqueEmail("cli-app");
    assert.equal((await login(home, email)).code, 0);
    const organization = `CLI App Org ${Date.now().toString(36)}`;
    const rules = webRules({ realize: [{ constraintType: "EVERYONE", payload: {}, accessTokenTtlSeconds: 600 }] as never });
    const app = await createTestApplication({ anchorPrefix: "cli-app", organization, rules, name: "Shown App" });
    // Not a member yet: the application is not found (nothing says it exists).
    const hidden = await cli(home, ["application", app.anchor, "--json"]);
    assert.equal(hidden.code, 1);
    assert.match(hidden.stderr, /^ApplicationNotFound/);
    assert.equal((await runAdmin(["add-member", "--organization", organization, "--email", email, "--role", "VIEWER"])).code, 0);

    const shown = await cli(home, ["application", app.anchor, "--json"]);
    assert.equal(shown.code, 0, shown.stderr);
    const body = JSON.parse(shown.stdout) as { applicationAnchor: string; name: string; enabled: boolean; role: string; rules: typeof rules; claimPolicy: Record<string, string>; tokenSigningPublicKey: string };
    assert.deepEqual([body.applicationAnchor, body.name, body.enabled, body.role], [app.anchor, "Shown App", true, "VIEWER"]);
    // As the docs write rules: an unset TTL override is null.
    const docsShape = (rule: unknown) => ({ accessTokenTtlSeconds: null, refreshTokenTtlSeconds: null, ...(rule as object) });
    const expected = { authentication: rules.authentication.map(docsShape), realize: rules.realize.map(docsShape), return: rules.return.map(docsShape) };
    assert.deepEqual(body.rules, expected, "the rules in force, as the docs write them");
    const info = await post("/connect-api/info", { applicationAnchor: app.anchor, locale: "en-US" });
    assert.equal(body.tokenSigningPublicKey, (info.body as { applicationPublicKey: string }).applicationPublicKey, "the key /info publishes");
    assert.doesNotMatch(shown.stdout, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, "no internal id");

    // Round trip: the printed rules create an application with the same rules.
    const rulesFile = path.join(home, "rules.json");
    fs.writeFileSync(rulesFile, JSON.stringify(body.rules));
    const copy = `cli-app-copy-${Date.now().toString(36)}`;
    const created = await runAdmin(["create-application", "--organization", organization, "--anchor", copy, "--rules-file", rulesFile, "--json"]);
    assert.equal(created.code, 0, created.stderr);
    const copied = await cli(home, ["application", copy, "--json"]);
    assert.deepEqual((JSON.parse(copied.stdout) as { rules: unknown }).rules, body.rules);

    const human = await cli(home, ["application", app.anchor]);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, new RegExp(`^${app.anchor}  Shown App  \\(enabled\\)\n  Organization:  [a-z0-9-]+ \\(VIEWER\\)\n`));
    assert.match(human.stdout, /\n {2}Layer 1: {7}EMAIL_VERIFICATION, PASSKEY_USERNAMELESS, PASSKEY_REASONED\n {2}Layer 2: {7}EVERYONE\n {2}Layer 3: {7}CALLBACK, STATUS_POLL, REVEAL\n/);
    const usage = await cli(home, ["application"]);
    assert.equal(usage.code, 2);
  });

  it("set-rules replaces an application's rules with a file in the docs' shape, for an ADMIN; bad rules change nothing and say where", async () => {
    const home = newHome();
    const email = uniqueEmail("cli-rules");
    assert.equal((await login(home, email)).code, 0);
    const stamp = Date.now().toString(36);
    const viewed = await createTestApplication({ anchorPrefix: "cli-rules-v", organization: `CLI Rules Viewer ${stamp}`, rules: webRules(), name: "Viewed" });
    const administered = await createTestApplication({ anchorPrefix: "cli-rules-a", organization: `CLI Rules Admin ${stamp}`, rules: webRules(), name: "Administered" });
    assert.equal((await runAdmin(["add-member", "--organization", `CLI Rules Viewer ${stamp}`, "--email", email, "--role", "VIEWER"])).code, 0);
    assert.equal((await runAdmin(["add-member", "--organization", `CLI Rules Admin ${stamp}`, "--email", email, "--role", "ADMIN"])).code, 0);
    const rulesOf = async (anchor: string) => (JSON.parse((await cli(home, ["application", anchor, "--json"])).stdout) as { rules: unknown }).rules;
    const file = (name: string, content: string) => {
      const written = path.join(home, name);
      fs.writeFileSync(written, content);
      return written;
    };
    // Only a device flow, one email address, status polling, 10-minute access tokens: what an agent would write.
    const none = { accessTokenTtlSeconds: null, refreshTokenTtlSeconds: null };
    const next = {
      authentication: [{ method: "EMAIL_VERIFICATION", payload: {}, accessTokenTtlSeconds: 600, refreshTokenTtlSeconds: null }],
      realize: [{ constraintType: "EMAIL", payload: { allowedEmails: [email] }, ...none }],
      return: [{ returnMethod: "DEVICE_CODE", payload: {}, ...none }],
    };
    const rulesFile = file("rules.json", JSON.stringify(next));

    const asViewer = await cli(home, ["set-rules", viewed.anchor, "--rules-file", rulesFile]);
    assert.equal(asViewer.code, 1);
    assert.match(asViewer.stderr, /^Forbidden: This needs the ADMIN role/);
    const viewedBefore = await rulesOf(viewed.anchor);

    const before = await rulesOf(administered.anchor);
    const bad = file("bad.json", JSON.stringify({ ...next, return: [{ returnMethod: "CALLBACK", payload: { allowedCallbackDomains: ["https://evil.example.com/x"] } }] }));
    const refused = await cli(home, ["set-rules", administered.anchor, "--rules-file", bad]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^Invalid rules: return\.0\.payload\.allowedCallbackDomains\.0: /, "the path of the first problem");
    const notJson = await cli(home, ["set-rules", administered.anchor, "--rules-file", file("broken.json", "{ authentication: ")]);
    assert.equal(notJson.code, 1);
    assert.match(notJson.stderr, /^The rules file .*broken\.json is not valid JSON/);
    const missing = await cli(home, ["set-rules", administered.anchor, "--rules-file", path.join(home, "missing.json")]);
    assert.match(missing.stderr, /^Cannot read the rules file /);
    assert.deepEqual(await rulesOf(administered.anchor), before, "nothing was written");
    const establishCallback = () => signedPost(administered, "/connect-api/establish", { applicationAnchor: administered.anchor, returnMethods: [callback()] });
    assert.equal((await establishCallback()).status, 200, "a CALLBACK login is allowed before");

    const set = await cli(home, ["set-rules", administered.anchor, "--rules-file", rulesFile, "--json"]);
    assert.equal(set.code, 0, set.stderr);
    assert.deepEqual((JSON.parse(set.stdout) as { rules: unknown }).rules, next, "the answer is the application with its new rules");
    assert.deepEqual(await rulesOf(administered.anchor), next);
    assert.deepEqual(await rulesOf(viewed.anchor), viewedBefore, "the refused change wrote nothing");
    // In force at once: a CALLBACK login is now refused by Layer 3; a device-flow one is allowed.
    const callbackRefused = await establishCallback();
    assert.equal(callbackRefused.status, 403);
    assert.equal((callbackRefused.body as { reason?: string }).reason, "Layer3Denied");
    const human = await cli(home, ["set-rules", administered.anchor, "--rules-file", rulesFile]);
    assert.match(human.stdout, new RegExp(`^The rules of ${administered.anchor} were replaced; they apply to the next sign-in\\.\n${administered.anchor}  Administered`));
    assert.match(human.stdout, /\n {2}Layer 3: {7}DEVICE_CODE\n/);
  });

  it("refreshes through Connect when the With API refuses the access token, storing the rotated pair; a session ended elsewhere ends here", async () => {
    const home = newHome();
    assert.equal((await login(home, uniqueEmail("cli-refresh"))).code, 0);
    const first = credentialsOf(home);
    writeCredentials(home, { ...first, accessToken: "not.a-token.at-all" });
    const again = await cli(home, ["whoami", "--json"]);
    assert.equal(again.code, 0, again.stderr);
    const second = credentialsOf(home);
    assert.notEqual(second.refreshToken, first.refreshToken, "rotated");
    assert.notEqual(second.accessToken, first.accessToken);
    // A second presentation of the spent token within seconds (two CLI processes at once) converges on the same session (docs 30).
    writeCredentials(home, { ...second, accessToken: "not.a-token.at-all", refreshToken: first.refreshToken });
    const converged = await cli(home, ["whoami", "--json"]);
    assert.equal(converged.code, 0, converged.stderr);
    assert.equal((JSON.parse(converged.stdout) as { emailAddress: string }).emailAddress, (JSON.parse(again.stdout) as { emailAddress: string }).emailAddress);
    // A session ended elsewhere (here: logged out with the stored token) ends here at the next refresh.
    const third = credentialsOf(home);
    assert.equal((await post("/connect-api/logout", { refreshToken: third.refreshToken })).status, 200);
    writeCredentials(home, { ...third, accessToken: "not.a-token.at-all" });
    const ended = await cli(home, ["whoami"]);
    assert.equal(ended.code, 3, "not signed in (any more)");
    assert.match(ended.stderr, /^Your session has ended \(RefreshToken\w+\)\. Run `sudomimus login` to sign in again\.\n$/);
    assert.equal(fs.existsSync(path.join(home, "credentials.json")), false, "forgotten");
    const none = await cli(home, ["whoami"]);
    assert.deepEqual([none.code, none.stderr.trim()], [3, "Not signed in. Run `sudomimus login` (or `sudomimus login --no-open` and open the link yourself)."]);
    // An agent that asked for JSON gets it on stdout too.
    const noneJson = await cli(home, ["whoami", "--json"]);
    assert.equal(noneJson.code, 3);
    assert.deepEqual(JSON.parse(noneJson.stdout), { error: "not_signed_in", message: none.stderr.trim() });
  });

  it("logout ends the session on the server; a new login ends the one it replaces", async () => {
    const home = newHome();
    const email = uniqueEmail("cli-logout");
    assert.equal((await login(home, email)).code, 0);
    const replaced = credentialsOf(home);
    assert.equal((await login(home, email, { nthMail: 2 })).code, 0);
    assert.equal((await post("/connect-api/refresh", { refreshToken: replaced.refreshToken })).status, 401, "the replaced session is over");

    const current = credentialsOf(home);
    const out = await cli(home, ["logout"]);
    assert.deepEqual([out.code, out.stdout.trim()], [0, "Signed out."], out.stderr);
    assert.equal(fs.existsSync(path.join(home, "credentials.json")), false);
    const refused = await withApi("/whoami", { headers: { authorization: `Bearer ${current.accessToken}` } });
    assert.deepEqual([refused.status, refused.body.reason], [401, "AccessTokenInvalid"], "its access token is dead at once, not at its exp");
    assert.deepEqual([(await cli(home, ["logout"])).stdout.trim()], ["Not signed in."]);
  });

  it("an endpoint override pointing elsewhere neither sends the stored session there nor replaces it", async () => {
    const home = newHome();
    assert.equal((await login(home, uniqueEmail("cli-override"))).code, 0);
    const stored = fs.readFileSync(path.join(home, "credentials.json"), "utf8");
    // Somewhere else: a server that records what reaches it.
    const reached: string[] = [];
    const elsewhere = http.createServer((request, response) => {
      reached.push(`${request.method} ${request.url} ${request.headers.authorization ?? ""}`);
      response.writeHead(404, { "content-type": "application/json" }).end("{}");
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
      const whoami = await cli(home, ["whoami", "--json", "--url", url]);
      assert.equal(whoami.code, 3, whoami.stderr);
      assert.equal(JSON.parse(whoami.stdout).error, "not_signed_in");
      const partly = await cli(home, ["whoami", "--with-api-base-url", `${url}/with/api`]);
      assert.equal(partly.code, 3, "one endpoint elsewhere is elsewhere");
      assert.deepEqual([(await cli(home, ["logout", "--url", url])).stdout.trim()], ["Not signed in."]);
      assert.deepEqual(reached, [], "no token, no request went there");
    } finally {
      await new Promise((resolve) => elsewhere.close(resolve));
    }
    assert.equal(fs.readFileSync(path.join(home, "credentials.json"), "utf8"), stored, "the stored session is untouched");
    assert.equal((await cli(home, ["whoami"])).code, 0, "and still works where it was made");
  });

  it("a damaged session file signs nobody in (exit 3) until login replaces it — the stored one and one made elsewhere alike", async () => {
    const home = newHome();
    const email = uniqueEmail("cli-damaged");
    fs.mkdirSync(home, { recursive: true });
    fs.writeFileSync(path.join(home, "credentials.json"), "{ not json");
    const human = await cli(home, ["whoami"]);
    assert.equal(human.code, 3, human.stderr);
    assert.match(human.stderr, /credentials\.json is not a Sudomimus CLI session; run `sudomimus login` to replace it\.\n$/);
    const json = await cli(home, ["whoami", "--json"]);
    assert.equal(json.code, 3);
    assert.deepEqual(JSON.parse(json.stdout), { error: "not_signed_in", message: human.stderr.trim() });
    assert.equal((await login(home, email)).code, 0, "login replaces it");
    assert.equal((await cli(home, ["whoami"])).code, 0);
    const stored = fs.readFileSync(path.join(home, "credentials.json"), "utf8");

    // The same server by another name is elsewhere: its session gets a file of its own.
    const elsewhere = ["--url", requireServer().replace("//localhost:", "//127.0.0.1:")];
    assert.equal((await login(home, email, { nthMail: 2, args: elsewhere })).code, 0);
    const [side] = fs.readdirSync(home).filter((name) => /^credentials-[0-9a-f]+\.json$/.test(name));
    assert.ok(side, "the session made elsewhere has its own file");
    fs.writeFileSync(path.join(home, side), "[]");
    const damaged = await cli(home, ["whoami", "--json", ...elsewhere]);
    assert.equal(damaged.code, 3, damaged.stderr);
    assert.equal(JSON.parse(damaged.stdout).error, "not_signed_in");
    const replaced = await login(home, email, { nthMail: 3, args: elsewhere });
    assert.equal(replaced.code, 0, replaced.stderr);
    const me = await cli(home, ["whoami", "--json", ...elsewhere]);
    assert.equal(me.code, 0, me.stderr);
    assert.equal(JSON.parse(me.stdout).emailAddress, email);
    assert.equal(fs.readFileSync(path.join(home, "credentials.json"), "utf8"), stored, "the stored session is untouched");
  });

  it("a request denied in the browser signs nobody in", async () => {
    const home = newHome();
    const run = await login(home, uniqueEmail("cli-deny"), { decision: "deny" });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /The request was denied in the browser\. Nothing was signed in\./);
    assert.equal(fs.existsSync(path.join(home, "credentials.json")), false);
  });

  it("says what is wrong with its command line, and never sends tokens over plain http off this machine", async () => {
    const home = newHome();
    // The installed command (package.json's bin) is the same CLI.
    const bin = spawnSync(path.join(root, "lib/cli/bin.mjs"), ["whoami", "--json"], {
      cwd: root,
      env: { NODE_ENV: "production", PATH: process.env.PATH, HOME: os.tmpdir(), SUDOMIMUS_URL: requireServer(), SUDOMIMUS_CLI_HOME: home },
      encoding: "utf8",
    });
    assert.equal(bin.status, 3, bin.stderr);
    assert.equal(JSON.parse(bin.stdout).error, "not_signed_in");
    const unknown = await cli(home, ["whoareyou"]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^Unknown command: whoareyou\n\nUsage: sudomimus <command>/);
    const insecure = await cli(home, ["whoami", "--with-api-base-url", "http://with.example.com"]);
    assert.equal(insecure.code, 2);
    assert.match(insecure.stderr, /--with-api-base-url must use https/);
  });

  it("With API: a bearer token of the portal only, alive, as RFC 6750 says", async () => {
    const missing = await withApi("/whoami");
    assert.deepEqual([missing.status, missing.body.reason, missing.challenge], [401, "AccessTokenInvalid", 'Bearer realm="sudomimus-with"']);
    const garbage = await withApi("/whoami", { headers: { authorization: "Bearer abc.def.ghi" } });
    assert.equal(garbage.status, 401);
    assert.match(String(garbage.challenge), /^Bearer realm="sudomimus-with", error="invalid_token", error_description="/);
    assert.equal((await withApi("/whoami", { headers: { authorization: "Basic dXNlcjpwYXNz" } })).status, 401);

    // A genuine access token of another application is not the portal's.
    const app = await createTestApplication({ anchorPrefix: "cli-other", rules: webRules() });
    const inquiry = await establish(app, { returnMethods: [callback()] });
    const via = new ViaClient();
    const realized = await via.realize(inquiry.exposureKey, uniqueEmail("cli-other"));
    const confirmationKey = new URL(String(realized.body.redirectTo)).searchParams.get("confirmation-key")!;
    const tokens = await redeem({ exposureKey: inquiry.exposureKey, hiddenKey: inquiry.hiddenKey, confirmationKey });
    const foreign = await withApi("/whoami", { headers: { authorization: `Bearer ${tokens.accessToken}` } });
    assert.deepEqual([foreign.status, foreign.body.reason], [401, "AccessTokenInvalid"]);

    // A write is refused for its token before its body is read: no token, no parse.
    for (const body of ["{", "[]", JSON.stringify({ authentication: "nope" })]) {
      const write = await withApi("/applications/demo-app/rules", { method: "PUT", body, headers: { "content-type": "application/json" } });
      assert.deepEqual([write.status, write.body.reason], [401, "AccessTokenInvalid"], body);
    }

    const wrongMethod = await withApi("/whoami", { method: "POST" });
    assert.deepEqual([wrongMethod.status, wrongMethod.body.reason], [405, "MethodNotAllowed"]);
    const nothing = await withApi("/nothing-here");
    assert.deepEqual([nothing.status, nothing.body.reason], [404, "NotFound"]);
  });
});
