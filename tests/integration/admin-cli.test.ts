// The admin CLI as an operator runs it: a subprocess with the server's
// environment. Next to a running server — here a runtime in this process —
// it goes through the server's admin socket on PGlite and straight to the
// database on Postgres; with no server it opens PGlite itself and lets go.
// Needs no HTTP server, only the database kind of this pass.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { findApplicationByAnchor, findSectorById, findTokenSigningKeySealed, listClaimPolicies, listEnabledRules } from "@/db/queries/applications";
import { findDomainClaim } from "@/db/queries/domains";
import { findOrganizationByAnchor, insertMembership, insertOrganization } from "@/db/queries/organizations";
import { domains, loginPolicies } from "@/db/schema";
import { claimPolicyFromRows } from "@/lib/applications/claim-policy";
import { parseRuleSet } from "@/lib/applications/rule-set";
import { tokenSigningKeyAad } from "@/lib/applications/signing-key";
import { parseConfig } from "@/lib/config";
import { unseal } from "@/lib/crypto/seal";
import { checkLoginPolicy } from "@/lib/domains/login-policy-gate";
import { setLoginPolicy } from "@/lib/domains/login-policy";
import { isSudomimusError } from "@/lib/errors";
import { registerAccountByEmail } from "@/lib/identity/accounts";
import { buildTemplate, type RuleSet } from "@/lib/rules";
import { createRuntime, type Runtime } from "@/lib/runtime";
import { PORTAL_ANCHOR } from "@/lib/seed";
import { createFreshPostgresDatabase } from "../support/database";
import { testEnv } from "../support/env";

const kind = testEnv.dbKind;
const root = path.resolve(import.meta.dirname, "../..");
const tempDirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sudomimus-admin-"));
  tempDirs.push(dir);
  return dir;
};
after(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});
const newSecret = () => crypto.randomBytes(32).toString("hex");

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with exactly the given Sudomimus environment (nothing inherited from this process's). */
function runCli(args: string[], env: Record<string, string>): Promise<CliRun> {
  const inherited = { ...process.env };
  for (const name of ["DATABASE_URL", "SUDOMIMUS_DATA_DIR", "SUDOMIMUS_SECRET", "LOG_LEVEL", "NODE_TEST_CONTEXT"]) delete inherited[name];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "lib/admin/cli.ts", ...args], { cwd: root, env: { ...inherited, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A failure: the given exit code, nothing on stdout, one line on stderr. */
function assertRefused(run: CliRun, code: number, message: RegExp): void {
  assert.equal(run.code, code, run.stderr);
  assert.equal(run.stdout, "");
  assert.equal(run.stderr.trimEnd().split("\n").length, 1, run.stderr);
  assert.match(run.stderr, /^error: /);
  assert.match(run.stderr, message);
}

function parseJsonOutput(run: CliRun): { applicationAnchor: string; clientAuthPrivateKey: string; applicationPublicKey: string } {
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout.trimEnd().split("\n").length, 1, "exactly one JSON line");
  const output = JSON.parse(run.stdout) as Record<string, string>;
  assert.deepEqual(Object.keys(output).sort(), ["applicationAnchor", "applicationPublicKey", "clientAuthPrivateKey"]);
  return { applicationAnchor: output.applicationAnchor!, clientAuthPrivateKey: output.clientAuthPrivateKey!, applicationPublicKey: output.applicationPublicKey! };
}

/** The private key is PKCS#8 and is the other half of the stored client-auth public key. */
function assertKeyPair(privateKeyPem: string, publicKeyPem: string): void {
  assert.match(privateKeyPem, /^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n-----END PRIVATE KEY-----\n?$/);
  const key = crypto.createPrivateKey(privateKeyPem);
  assert.equal(key.asymmetricKeyType, "rsa");
  assert.equal(key.export({ type: "pkcs8", format: "pem" }), privateKeyPem);
  const data = Buffer.from(`client assertion ${crypto.randomUUID()}`);
  const signature = crypto.sign("sha256", data, key);
  assert.ok(crypto.verify("sha256", data, publicKeyPem, signature), "signature verifies with the stored public key");
}

/** Rules within a layer are OR'd and read back in no particular order, so layers compare as sets. */
function sameRules(stored: Awaited<ReturnType<typeof listEnabledRules>>, expected: RuleSet): void {
  const sorted = (rules: unknown[][]) => rules.map((rule) => JSON.stringify(rule)).sort();
  const ttl = (rule: { accessTokenTtlSeconds?: number | null; refreshTokenTtlSeconds?: number | null }) => [
    rule.accessTokenTtlSeconds ?? null,
    rule.refreshTokenTtlSeconds ?? null,
  ];
  assert.deepEqual(
    {
      authentication: sorted(stored.authentication.map((rule) => [rule.kind, rule.payload, ...ttl(rule)])),
      realize: sorted(stored.realize.map((rule) => [rule.kind, rule.payload, ...ttl(rule)])),
      return: sorted(stored.return.map((rule) => [rule.kind, rule.payload, ...ttl(rule)])),
    },
    {
      authentication: sorted(expected.authentication.map((rule) => [rule.method, rule.payload, ...ttl(rule)])),
      realize: sorted(expected.realize.map((rule) => [rule.constraintType, rule.payload, ...ttl(rule)])),
      return: sorted(expected.return.map((rule) => [rule.returnMethod, rule.payload, ...ttl(rule)])),
    },
  );
}

async function storedApplication(db: Database, anchor: string) {
  const application = await findApplicationByAnchor(db, anchor);
  assert.ok(application, `application ${anchor} exists`);
  return application;
}

const socketPath = (dataDir: string) => path.join(dataDir, "admin.sock");

/** One raw request line to the admin socket, and its parsed answer line. */
function rawRequest(dataDir: string, payload: string | Buffer): Promise<{ ok: boolean; error?: { reason: string; message: string } }> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(socketPath(dataDir));
    let answer = "";
    socket.on("connect", () => socket.write(payload));
    socket.setEncoding("utf8").on("data", (chunk: string) => (answer += chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      try {
        resolve(JSON.parse(answer) as { ok: boolean; error?: { reason: string; message: string } });
      } catch {
        reject(new Error(`not a JSON answer: ${JSON.stringify(answer)}`));
      }
    });
  });
}

describe(`admin CLI next to a running server (${kind})`, () => {
  let runtime: Runtime;
  let env: Record<string, string>;
  let dataDir: string;
  let dropDatabase: (() => Promise<void>) | undefined;

  before(async () => {
    dataDir = tempDir();
    const fresh = kind === "postgres" ? await createFreshPostgresDatabase(testEnv.postgresAdminUrl) : undefined;
    dropDatabase = fresh?.drop;
    env = { SUDOMIMUS_DATA_DIR: dataDir, SUDOMIMUS_SECRET: newSecret(), LOG_LEVEL: "silent", ...(fresh ? { DATABASE_URL: fresh.url } : {}) };
    runtime = await createRuntime(parseConfig(env));
  });

  after(async () => {
    await runtime.shutdown();
    await dropDatabase?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("creates an application from a template, with a fresh sector in a new organization", async () => {
    if (kind === "pglite") assert.equal(fs.statSync(socketPath(dataDir)).mode & 0o777, 0o600, "the admin socket is owner-only");
    const output = parseJsonOutput(
      await runCli(
        [
          "create-application",
          ...["--organization", "Acme, Inc.", "--anchor", "acme-web", "--template", "standard-web-app"],
          ...["--callback-domain", "app.acme.test", "--claim", "email=REQUIRED", "--claim", "firstName=OPTIONAL", "--json"],
        ],
        env,
      ),
    );
    assert.equal(output.applicationAnchor, "acme-web");

    // The server's own database handle sees it: on PGlite that is only possible through the socket (this process holds the lock).
    const application = await storedApplication(runtime.db, "acme-web");
    assert.deepEqual(application.names, { "en-US": "acme-web" });
    sameRules(await listEnabledRules(runtime.db, application.id), buildTemplate("standard-web-app", { callbackDomains: ["app.acme.test"] }));
    assert.deepEqual(claimPolicyFromRows(await listClaimPolicies(runtime.db, application.id)), {
      email: "REQUIRED",
      firstName: "OPTIONAL",
      lastName: "OFF",
    });
    assertKeyPair(output.clientAuthPrivateKey, application.clientAuthPublicKey);
    assert.equal(output.applicationPublicKey, application.tokenSigningPublicKey);
    // The server can open the token-signing key the command sealed: same secret.
    const signingKey = unseal(runtime.keyring, (await findTokenSigningKeySealed(runtime.db, application.id))!, tokenSigningKeyAad("acme-web"));
    assert.equal(crypto.createPublicKey(signingKey).export({ type: "spki", format: "pem" }), application.tokenSigningPublicKey);

    const organization = await findOrganizationByAnchor(runtime.db, "acme-inc");
    assert.ok(organization);
    assert.equal(organization.name, "Acme, Inc.");
    assert.equal(application.organizationId, organization.id);
    const sector = await findSectorById(runtime.db, application.sectorId);
    assert.equal(sector?.organizationId, organization.id);
    const portal = await storedApplication(runtime.db, PORTAL_ANCHOR);
    assert.notEqual(application.sectorId, portal.sectorId);
  });

  it("reuses the organization on a second call and prints a summary with the key", async () => {
    const run = await runCli(
      [
        "create-application",
        ...["--organization", "ACME inc", "--anchor", "acme-desktop", "--name", "Acme Desktop", "--template", "desktop-browser-polling"],
      ],
      env,
    );
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, "");
    assert.match(run.stdout, /^Created application acme-desktop in organization "Acme, Inc\." \(acme-inc, existing\), with a fresh sector\.\n/);
    assert.match(run.stdout, /Rules: template desktop-browser-polling\. Claims: none requested\./);
    const route = kind === "pglite" ? `through the running server (process ${process.pid})` : "PostgreSQL 127.0.0.1";
    assert.ok(run.stdout.includes(route), run.stdout);
    assert.match(run.stdout, /shown only this once/);
    const privateKey = /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----\n/.exec(run.stdout)?.[0];
    assert.ok(privateKey, "the private key is printed");

    const first = await storedApplication(runtime.db, "acme-web");
    const second = await storedApplication(runtime.db, "acme-desktop");
    assert.equal(second.organizationId, first.organizationId);
    assert.notEqual(second.sectorId, first.sectorId, "each application gets its own sector");
    assert.deepEqual(second.names, { "en-US": "Acme Desktop" });
    assert.equal((await findOrganizationByAnchor(runtime.db, "acme-inc"))?.name, "Acme, Inc.", "the display name is kept");
    assertKeyPair(privateKey, second.clientAuthPublicKey);
    sameRules(await listEnabledRules(runtime.db, second.id), buildTemplate("desktop-browser-polling"));
    assert.deepEqual(await listClaimPolicies(runtime.db, second.id), []);
  });

  it("sets every template parameter from its flag, and warns when a placeholder stays", async () => {
    const game = await runCli(
      ["create-application", "--organization", "Games Co", "--anchor", "open-game", "--template", "public-app", "--callback-domain", "play.games.test", "--steam-app-id", "2000001", "--json"],
      env,
    );
    assert.equal(game.stderr, "", "every required parameter given: no warning");
    const application = await storedApplication(runtime.db, parseJsonOutput(game).applicationAnchor);
    sameRules(await listEnabledRules(runtime.db, application.id), buildTemplate("public-app", { callbackDomains: ["play.games.test"], steamAppIds: [2000001] }));

    const placeholder = await runCli(["create-application", "--organization", "Games Co", "--anchor", "test-game", "--template", "steam-game", "--json"], env);
    parseJsonOutput(placeholder);
    assert.equal(
      placeholder.stderr,
      "warning: No --steam-app-id given: the steam-game template keeps its placeholder Steam App IDs; replace them before going live.\n",
    );
  });

  it("shows and raises an organization's limits (docs 21, 23: staff raise them on request)", async () => {
    const shown = await runCli(["set-quota", "--organization", "Acme, Inc."], env);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /^Limits of organization acme-inc \(unchanged\)\./);
    assert.match(shown.stdout, /\n  applications +10  \(2 held\)\n/);
    assert.match(shown.stdout, /\n  domains +3  \(0 held\)\n/);

    const raised = await runCli(["set-quota", "--organization", "Acme, Inc.", "--domains", "25", "--applications", "1", "--json"], env);
    assert.equal(raised.code, 0, raised.stderr);
    assert.deepEqual(JSON.parse(raised.stdout), {
      organizationAnchor: "acme-inc",
      quotas: { applications: 1, sectors: 10, domains: 25, connectors: 3 },
      holdings: { applications: 2, sectors: 2, domains: 0, connectors: 0 },
      changed: true,
    });
    assert.equal(raised.stderr, "warning: acme-inc holds 2 applications, more than its limit of 1: it keeps them, but cannot add more.\n");
    const organization = (await findOrganizationByAnchor(runtime.db, "acme-inc"))!;
    assert.deepEqual([organization.domainQuota, organization.applicationQuota, organization.connectorQuota], [25, 1, 3]);
    await runCli(["set-quota", "--organization", "Acme, Inc.", "--applications", "10"], env);
    assert.equal((await findOrganizationByAnchor(runtime.db, "acme-inc"))!.applicationQuota, 10);

    assertRefused(await runCli(["set-quota", "--organization", "Nobody Org", "--domains", "5"], env), 1, /No organization is named "Nobody Org"/);
    assertRefused(await runCli(["set-quota", "--organization", "Acme, Inc.", "--domains", "lots"], env), 2, /--domains must be a whole number from 0 to 10000\./);
  });

  it("un-blocks a domain: staff revert its login policy to ALLOW_ALL and its accounts sign in again (docs 22)", async () => {
    // An owner who set BLOCK_ALL on the domain of their own login email, past the warning: locked out.
    const domain = `blocked-${crypto.randomBytes(3).toString("hex")}.example`;
    const email = `owner@${domain}`;
    const now = runtime.clock.now();
    const owner = await registerAccountByEmail(runtime.db, { email, now });
    const organization = (await insertOrganization(runtime.db, { anchor: `blocked-${crypto.randomBytes(3).toString("hex")}`, name: "Blocked Co" }))!;
    await insertMembership(runtime.db, { organizationId: organization.id, accountId: owner.id, role: "OWNER" });
    const [claim] = await runtime.db.insert(domains).values({ organizationId: organization.id, domain, state: "VERIFIED", verificationToken: "t", verifiedAt: now }).returning();
    await setLoginPolicy(runtime, owner.id, organization.anchor, domain, { policy: "BLOCK_ALL", confirmSelfLockout: true });
    await assert.rejects(checkLoginPolicy(runtime.db, [email], null), (error: unknown) => isSudomimusError(error) && error.reason === "EmailDomainBlocked");

    const lifted = await runCli(["set-login-policy", "--domain", domain.toUpperCase(), "--policy", "ALLOW_ALL"], env);
    assert.equal(lifted.code, 0, lifted.stderr);
    assert.equal(lifted.stderr, "");
    assert.ok(lifted.stdout.startsWith(`Login policy of ${domain} was BLOCK_ALL, is now ALLOW_ALL. Database: `), lifted.stdout);
    assert.deepEqual(await runtime.db.select().from(loginPolicies).where(eq(loginPolicies.domainId, claim!.id)), [], "ALLOW_ALL is no policy at all");
    await checkLoginPolicy(runtime.db, [email], null); // signs in again
    assert.equal((await findDomainClaim(runtime.db, organization.id, domain))?.state, "VERIFIED", "the domain stays the organization's");

    const again = await runCli(["set-login-policy", "--domain", domain, "--policy", "ALLOW_ALL", "--json"], env);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(JSON.parse(again.stdout), { domain, previous: "ALLOW_ALL", policy: "ALLOW_ALL", changed: false });

    // Only a domain some organization verified carries a policy; anything else is refused by name.
    const pending = `pending-${crypto.randomBytes(3).toString("hex")}.example`;
    await runtime.db.insert(domains).values({ organizationId: organization.id, domain: pending, state: "PENDING", verificationToken: "t" });
    for (const unknown of [`nobody-${crypto.randomBytes(3).toString("hex")}.example`, pending]) {
      const refusedRun = await runCli(["set-login-policy", "--domain", unknown, "--policy", "ALLOW_ALL"], env);
      assertRefused(refusedRun, 1, /No organization holds a verified claim on /);
      assert.equal(refusedRun.stderr, `error: No organization holds a verified claim on ${unknown}, so no login policy governs it. [NotFound]\n`);
    }
    assertRefused(await runCli(["set-login-policy", "--domain", domain, "--policy", "BLOCK_ALL"], env), 2, /--policy must be ALLOW_ALL/);
    assert.deepEqual(await runtime.db.select().from(loginPolicies).where(eq(loginPolicies.domainId, claim!.id)), [], "staff never impose a policy");
  });

  it("creates an application from a rules file", async () => {
    const rules = {
      authentication: [{ method: "STEAM_TICKET", payload: { allowedSteamAppIds: [480] }, accessTokenTtlSeconds: 900 }],
      realize: [{ constraintType: "EVERYONE", payload: {} }],
      return: [{ returnMethod: "DIRECT_ISSUE", payload: {} }],
    };
    const file = path.join(tempDir(), "rules.json");
    fs.writeFileSync(file, JSON.stringify(rules));
    const output = parseJsonOutput(
      await runCli(["create-application", "--organization", "Games Co", "--anchor", "space-game", "--rules-file", file, "--json"], env),
    );
    const application = await storedApplication(runtime.db, output.applicationAnchor);
    sameRules(await listEnabledRules(runtime.db, application.id), parseRuleSet(rules));
    assert.equal(application.organizationId, (await findOrganizationByAnchor(runtime.db, "games-co"))?.id);
    assertKeyPair(output.clientAuthPrivateKey, application.clientAuthPublicKey);
  });

  it("fails cleanly on a taken anchor, leaving no new organization behind", async () => {
    const run = await runCli(["create-application", "--organization", "Ghost Org", "--anchor", "acme-web", "--template", "cli-device", "--json"], env);
    assertRefused(run, 1, /The application anchor acme-web is already taken\. \[ApplicationAnchorTaken\]/);
    assert.equal(await findOrganizationByAnchor(runtime.db, "ghost-org"), null);
    assert.equal((await storedApplication(runtime.db, "acme-web")).names["en-US"], "acme-web", "the existing application is untouched");
  });

  it("refuses a bad anchor, bad template parameters and bad rules files with their reasons", async () => {
    const dir = tempDir();
    const write = (name: string, text: string) => (fs.writeFileSync(path.join(dir, name), text), path.join(dir, name));
    const invalidRules = write("invalid.json", JSON.stringify({ authentication: [], realize: [], return: [{ returnMethod: "TELEPORT", payload: {} }] }));
    const notJson = write("broken.json", "{ authentication: ");
    const command = (anchor: string, ...rest: string[]) => ["create-application", "--organization", "Nobody Org", "--anchor", anchor, ...rest];
    const [badAnchor, badTemplate, badRules, brokenFile, missingFile, usage] = await Promise.all([
      runCli(command("Bad_Anchor", "--template", "cli-device"), env),
      runCli(command("bad-params", "--template", "standard-web-app", "--callback-domain", "https://app.acme.test/"), env),
      runCli(command("bad-rules", "--rules-file", invalidRules), env),
      runCli(command("bad-json", "--rules-file", notJson), env),
      runCli(command("no-file", "--rules-file", path.join(dir, "missing.json")), env),
      runCli(command("usage", "--template", "cli-device", "--colour", "blue"), env),
    ]);
    assertRefused(badAnchor, 1, /applicationAnchor must be lowercase kebab-case.*\[Invalid applicationAnchor\]/);
    assertRefused(badTemplate, 1, /Template "standard-web-app" produced invalid rules: .*bare hostnames.*\[Invalid template parameters\]/);
    assertRefused(badRules, 1, /return\.0\.returnMethod: .*\[Invalid rules\]/);
    assertRefused(brokenFile, 1, /The rules file .*broken\.json is not valid JSON/);
    assertRefused(missingFile, 1, /Cannot read the rules file .*missing\.json: ENOENT/);
    assertRefused(usage, 2, /Unknown option --colour\. Run with --help for usage\./);
    assert.equal(await findOrganizationByAnchor(runtime.db, "nobody-org"), null);
    for (const anchor of ["bad-params", "bad-rules", "bad-json", "no-file", "usage"]) {
      assert.equal(await findApplicationByAnchor(runtime.db, anchor), null, anchor);
    }
  });

  it("refuses a secret that is not the server's (Postgres: the CLI seals keys itself)", { skip: kind !== "postgres" }, async () => {
    const run = await runCli(["create-application", "--organization", "Acme", "--anchor", "wrong-secret", "--template", "cli-device"], {
      ...env,
      SUDOMIMUS_SECRET: newSecret(),
    });
    assertRefused(run, 1, /SUDOMIMUS_SECRET is not the secret this database's keys are sealed with.*\[Invalid SUDOMIMUS_SECRET\]/);
    assert.equal(await findApplicationByAnchor(runtime.db, "wrong-secret"), null);
  });

  it("answers malformed socket requests with an error line", { skip: kind !== "pglite" }, async () => {
    const notJson = await rawRequest(dataDir, "hello\n");
    assert.deepEqual(notJson, { ok: false, error: { reason: "InvalidRequest", message: "The admin request is not valid JSON." } });
    const unknown = await rawRequest(dataDir, JSON.stringify({ command: "drop-database", args: {} }) + "\n");
    assert.equal(unknown.error?.reason, "InvalidRequest");
    assert.match(unknown.error?.message ?? "", /Unknown admin command "drop-database"/);
    const extraArg = await rawRequest(
      dataDir,
      JSON.stringify({ command: "create-application", args: { organization: "Acme", anchor: "x-app", template: "cli-device", sudo: true } }) + "\n",
    );
    assert.equal(extraArg.error?.reason, "InvalidRequest");
    assert.match(extraArg.error?.message ?? "", /^Invalid create-application request: /);
    const huge = await rawRequest(dataDir, Buffer.alloc(1024 * 1024 + 10, "a"));
    assert.equal(huge.error?.reason, "PayloadTooLarge");
    assert.equal(await findApplicationByAnchor(runtime.db, "x-app"), null);
  });

  // Last in this suite: it takes the server's socket away.
  it("refuses clearly when the data directory is held but its socket does not answer", { skip: kind !== "pglite" }, async () => {
    const command = ["create-application", "--organization", "Acme", "--anchor", "no-socket", "--template", "cli-device", "--json"];
    const expected = new RegExp(
      `The data directory ${dataDir} is in use by process ${process.pid}, and its admin socket is not answering \\((\\w+)\\)\\. ` +
        "Stop that process and run the command again, or run it against PostgreSQL with DATABASE_URL\\.",
    );
    fs.rmSync(socketPath(dataDir));
    const missing = await runCli(command, env);
    assertRefused(missing, 1, expected);
    assert.equal(expected.exec(missing.stderr)?.[1], "ENOENT");
    // A left-over file that nothing listens on refuses connections.
    fs.writeFileSync(socketPath(dataDir), "");
    const refused = await runCli(command, env);
    assertRefused(refused, 1, expected);
    assert.equal(expected.exec(refused.stderr)?.[1], "ECONNREFUSED");
    assert.equal(await findApplicationByAnchor(runtime.db, "no-socket"), null);
    assert.equal(fs.readFileSync(path.join(dataDir, "pglite.lock"), "utf8"), String(process.pid), "the server keeps its lock");
  });
});

describe("admin CLI with no server running (pglite)", { skip: kind !== "pglite" }, () => {
  it("opens the data directory itself, migrates and seeds it, and releases it afterwards", async () => {
    const dataDir = tempDir();
    const env = { SUDOMIMUS_DATA_DIR: dataDir, SUDOMIMUS_SECRET: newSecret(), LOG_LEVEL: "silent" };
    try {
      const human = await runCli(["create-application", "--organization", "Solo", "--anchor", "solo-app", "--template", "cli-device"], env);
      assert.equal(human.code, 0, human.stderr);
      assert.ok(human.stdout.includes(`Database: PGlite in ${dataDir}, opened directly.`), human.stdout);
      const output = parseJsonOutput(
        await runCli(["create-application", "--organization", "Solo", "--anchor", "solo-two", "--template", "cli-device", "--json"], env),
      );
      assert.equal(fs.existsSync(path.join(dataDir, "pglite.lock")), false, "the lock is released");
      assert.equal(fs.existsSync(socketPath(dataDir)), false, "no socket is left behind");

      const runtime = await createRuntime(parseConfig(env));
      try {
        const application = await storedApplication(runtime.db, "solo-two");
        assertKeyPair(output.clientAuthPrivateKey, application.clientAuthPublicKey);
        sameRules(await listEnabledRules(runtime.db, application.id), buildTemplate("cli-device"));
        assert.equal((await storedApplication(runtime.db, "solo-app")).organizationId, application.organizationId);
        await storedApplication(runtime.db, PORTAL_ANCHOR); // seeded like a server start
      } finally {
        await runtime.shutdown();
      }

      const wrongSecret = await runCli(["create-application", "--organization", "Solo", "--anchor", "solo-three", "--template", "cli-device"], {
        ...env,
        SUDOMIMUS_SECRET: newSecret(),
      });
      assertRefused(wrongSecret, 1, /\[Invalid SUDOMIMUS_SECRET\]/);
      assert.equal(fs.existsSync(path.join(dataDir, "pglite.lock")), false, "the lock is released after a failure too");
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("takes over a lock left by a process that no longer exists", async () => {
    const dataDir = tempDir();
    const deadPid = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ["-e", ""]);
      child.on("exit", () => resolve(child.pid!));
    });
    fs.writeFileSync(path.join(dataDir, "pglite.lock"), String(deadPid));
    try {
      const env = { SUDOMIMUS_DATA_DIR: dataDir, SUDOMIMUS_SECRET: newSecret(), LOG_LEVEL: "silent" };
      const run = await runCli(["create-application", "--organization", "Solo", "--anchor", "after-crash", "--template", "cli-device", "--json"], env);
      assert.equal(parseJsonOutput(run).applicationAnchor, "after-crash");
      assert.equal(fs.existsSync(path.join(dataDir, "pglite.lock")), false);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe(`admin CLI against an unreachable database (${kind})`, () => {
  it("says which database it could not reach, without the password", async () => {
    const run = await runCli(["create-application", "--organization", "Acme", "--anchor", "nowhere-app", "--template", "cli-device"], {
      DATABASE_URL: "postgres://sudomimus:hunter2-password@127.0.0.1:1/nowhere",
      SUDOMIMUS_DATA_DIR: tempDir(),
      SUDOMIMUS_SECRET: newSecret(),
      LOG_LEVEL: "silent",
    });
    assertRefused(run, 1, /^error: Cannot reach the database 127\.0\.0\.1:1\/nowhere: .*ECONNREFUSED/);
    assert.doesNotMatch(run.stderr, /hunter2/);
  });
});
