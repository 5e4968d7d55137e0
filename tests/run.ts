// `npm test`: every test of the project, against real parts.
//   1. unit tests (pure lib functions),
//   2. `next build`,
//   3. for each database — embedded PGlite and the local Postgres server —
//      a fresh database, the built server started over HTTP, a real SMTP
//      server, a Steam peer (Web API + OpenID) and an authoritative DNS
//      server (domain verification records), then the integration and
//      end-to-end (Chromium) suites.
// Flags for working on a slice: --only unit|integration|e2e, --db pglite|postgres,
// --skip-build, and any other argument filters test files by substring.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { startDnsServer } from "./fixtures/dns-server";
import { startSmtpInbox } from "./fixtures/smtp-inbox";
import { startBattleNetPeer } from "./fixtures/battlenet-peer";
import { startDiscordPeer } from "./fixtures/discord-peer";
import { startGitHubPeer } from "./fixtures/github-peer";
import { startGooglePeer } from "./fixtures/google-peer";
import { startSteamPeer } from "./fixtures/steam-peer";
import { startXPeer } from "./fixtures/x-peer";
import { createFreshPostgresDatabase } from "./support/database";
import { freshDataDir, preparePgliteTemplate } from "./support/pglite-template";
import { freePort } from "./support/ports";
import { startServer } from "./support/server";

const root = path.resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const flag = (name: string) => {
  const index = args.indexOf(name);
  return index >= 0 ? args.splice(index, 2)[1] : undefined;
};
const only = flag("--only");
const dbOnly = flag("--db");
const skipBuild = args.includes("--skip-build");
const filters = args.filter((arg) => !arg.startsWith("--"));
const screenshotHalf = dbOnly === "postgres" ? "postgres" : "pglite";
const postgresAdminUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

function testFiles(dir: string): string[] {
  const full = path.join(root, "tests", dir);
  if (!fs.existsSync(full)) return [];
  const found: string[] = [];
  for (const entry of fs.readdirSync(full, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".test.ts")) continue;
    const file = path.relative(root, path.join(entry.parentPath, entry.name));
    if (filters.length === 0 || filters.some((filter) => file.includes(filter))) found.push(file);
  }
  return found.sort();
}

/**
 * Where a step's output goes. The database halves run at the same time, so
 * each collects its output and prints it in one piece when it ends; the
 * sequential steps write straight through.
 */
interface Output {
  write(text: string): void;
  /** Streams to the terminal as they come, or undefined to collect. */
  inherit: boolean;
}
const direct: Output = { write: (text) => process.stdout.write(text), inherit: true };
function collected(): Output & { text(): string } {
  const chunks: string[] = [];
  return { write: (text) => chunks.push(text), inherit: false, text: () => chunks.join("") };
}

function run(command: string, commandArgs: string[], env: Record<string, string> = {}, output: Output = direct): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, {
      cwd: root,
      stdio: output.inherit ? "inherit" : ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...env },
    });
    child.stdout?.on("data", (chunk: Buffer) => output.write(chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => output.write(chunk.toString()));
    child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function nodeTest(files: string[], env: Record<string, string> = {}, output: Output = direct): Promise<number> {
  return run(
    process.execPath,
    ["--import", "tsx", "--test", "--test-reporter=spec", "--test-concurrency=1", "--test-timeout=300000", ...files],
    env,
    output,
  );
}

const results: { step: string; ok: boolean; seconds: number }[] = [];
async function step(name: string, work: () => Promise<boolean>): Promise<boolean> {
  const started = Date.now();
  console.log(`\n━━━ ${name}`);
  let ok = false;
  try {
    ok = await work();
  } catch (error) {
    console.error(error);
  }
  results.push({ step: name, ok, seconds: Math.round((Date.now() - started) / 1000) });
  return ok;
}

/** A step that runs next to others: its output is held back and printed whole when it ends. */
async function concurrentStep(name: string, work: (output: Output) => Promise<boolean>): Promise<boolean> {
  const started = Date.now();
  console.log(`\n━━━ ${name} (started; its output follows when it ends)`);
  // Its place in the summary is where it started, whichever half ends first.
  const result = { step: name, ok: false, seconds: 0 };
  results.push(result);
  const output = collected();
  let ok = false;
  try {
    ok = await work(output);
  } catch (error) {
    output.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  Object.assign(result, { ok, seconds });
  process.stdout.write(`\n━━━ ${name} (${ok ? "passed" : "FAILED"} after ${seconds}s)\n${output.text()}`);
  return ok;
}

async function postgresReachable(output: Output): Promise<boolean> {
  const sql = postgres(postgresAdminUrl, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch (error) {
    output.write(`Cannot reach Postgres at ${postgresAdminUrl}: ${(error as Error).message}\n`);
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

async function suiteOnDatabase(kind: "pglite" | "postgres", output: Output): Promise<boolean> {
  const files = [...(only === "e2e" ? [] : testFiles("integration")), ...(only === "integration" ? [] : testFiles("e2e"))];
  if (files.length === 0) return true;
  if (kind === "postgres" && !(await postgresReachable(output))) return false;

  // Everything acquired is released in reverse order, even when a later start fails
  // (a server that exits early must not leave its test database or peers behind).
  const releases: (() => Promise<unknown> | unknown)[] = [];
  const held = <T>(resource: T, release: (resource: T) => Promise<unknown> | unknown): T => {
    releases.push(() => release(resource));
    return resource;
  };
  try {
    return await runSuite(kind, files, output, held);
  } finally {
    for (const release of releases.reverse()) {
      await Promise.resolve()
        .then(release)
        .catch((error: unknown) => output.write(`cleanup failed: ${String(error)}\n`));
    }
  }
}

type Hold = <T>(resource: T, release: (resource: T) => Promise<unknown> | unknown) => T;

async function runSuite(kind: "pglite" | "postgres", files: string[], output: Output, held: Hold): Promise<boolean> {
  const close = (peer: { close(): Promise<unknown> | unknown }) => peer.close();
  const smtp = held(await startSmtpInbox(), close);
  const steam = held(await startSteamPeer(), close);
  const dns = held(await startDnsServer(), close);
  const secret = crypto.randomBytes(32).toString("hex");
  // PGlite: every fresh data directory of this half starts as a copy of one migrated cluster.
  const template = kind === "pglite" ? held(await preparePgliteTemplate(), (t) => fs.rmSync(t.dataDir, { recursive: true, force: true })) : undefined;
  const dataDir = held(freshDataDir(`sudomimus-${kind}`, template?.dataDir), (dir) => fs.rmSync(dir, { recursive: true, force: true }));
  const fresh = kind === "postgres" ? held(await createFreshPostgresDatabase(postgresAdminUrl), (db) => db.drop()) : undefined;
  const port = await freePort();
  const google = held(await startGooglePeer(`http://localhost:${port}/via/oauth/google/callback`), close);
  const github = held(await startGitHubPeer(`http://localhost:${port}/via/oauth/github/callback`), close);
  const discord = held(await startDiscordPeer(`http://localhost:${port}/via/oauth/discord/callback`), close);
  const battlenet = held(await startBattleNetPeer(`http://localhost:${port}/via/oauth/battlenet/callback`), close);
  const x = held(await startXPeer(`http://localhost:${port}/via/oauth/x/callback`), close);
  const serverEnv: Record<string, string> = {
    SUDOMIMUS_DATA_DIR: dataDir,
    SUDOMIMUS_SECRET: secret,
    PUBLIC_URL: `http://localhost:${port}`,
    SMTP_URL: smtp.smtpUrl,
    STEAM_WEB_API_URL: steam.baseUrl,
    STEAM_WEB_API_KEY: steam.webApiKey,
    STEAM_OPENID_URL: steam.openIdUrl,
    DNS_SERVERS: dns.server,
    GOOGLE_ISSUER: google.issuer,
    GOOGLE_CLIENT_ID: google.clientId,
    GOOGLE_CLIENT_SECRET: google.clientSecret,
    GITHUB_URL: github.baseUrl,
    GITHUB_API_URL: github.baseUrl,
    GITHUB_CLIENT_ID: github.clientId,
    GITHUB_CLIENT_SECRET: github.clientSecret,
    DISCORD_URL: discord.baseUrl,
    DISCORD_API_URL: `${discord.baseUrl}/api`,
    DISCORD_CLIENT_ID: discord.clientId,
    DISCORD_CLIENT_SECRET: discord.clientSecret,
    BATTLENET_URL: battlenet.baseUrl,
    BATTLENET_CLIENT_ID: battlenet.clientId,
    BATTLENET_CLIENT_SECRET: battlenet.clientSecret,
    X_URL: x.baseUrl,
    X_API_URL: x.baseUrl,
    X_CLIENT_ID: x.clientId,
    X_CLIENT_SECRET: x.clientSecret,
    LOG_LEVEL: "warn",
    // Every test browser reaches the server from 127.0.0.1: one network address for a whole half's sign-ins.
    SUDOMIMUS_EMAIL_CODES_PER_CLIENT_ADDRESS: "1000000",
    ...(fresh ? { DATABASE_URL: fresh.url } : {}),
  };
  const server = held(await startServer(port, serverEnv), (started) => started.stop());
  const code = await nodeTest(files, {
    TEST_BASE_URL: server.baseUrl,
    TEST_DB_KIND: kind,
    TEST_INBOX_URL: smtp.inboxUrl,
    TEST_STEAM_URL: steam.baseUrl,
    TEST_DNS_CONTROL_URL: dns.controlUrl,
    TEST_GOOGLE_ISSUER: google.issuer,
    TEST_GITHUB_URL: github.baseUrl,
    TEST_DISCORD_URL: discord.baseUrl,
    TEST_BATTLENET_URL: battlenet.baseUrl,
    TEST_X_URL: x.baseUrl,
    TEST_POSTGRES_URL: postgresAdminUrl,
    TEST_SERVER_DATABASE_URL: fresh?.url ?? "",
    TEST_SERVER_DATA_DIR: dataDir,
    TEST_SERVER_SECRET: secret,
    // Screenshots are for people to look at; one half takes them (the first one run).
    TEST_SCREENSHOTS: kind === screenshotHalf ? "on" : "off",
    ...template?.env,
  }, output);
  if (code !== 0) output.write(`\nServer output (${kind}):\n${server.output().slice(-20_000)}\n`);
  return code === 0;
}

async function main(): Promise<void> {
  const started = Date.now();
  if (!only || only === "unit") {
    const files = testFiles("unit");
    if (files.length > 0) await step("unit tests", async () => (await nodeTest(files)) === 0);
  }
  if (only !== "unit") {
    const built = skipBuild || (await step("next build", async () => (await run(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"])) === 0));
    if (built) {
      const kinds = (["pglite", "postgres"] as const).filter((kind) => !dbOnly || dbOnly === kind);
      if (kinds.length === 1) {
        await step(`integration + e2e on ${kinds[0]}`, () => suiteOnDatabase(kinds[0]!, direct));
      } else {
        // The two halves share nothing (each has its own server, SMTP fixture, DNS server,
        // Steam peer, data directory or database), and much of each half is
        // spent waiting on the browser, the server and timers rather than
        // computing, so running them side by side shortens the run on two cores.
        await Promise.all(kinds.map((kind) => concurrentStep(`integration + e2e on ${kind}`, (output) => suiteOnDatabase(kind, output))));
      }
    }
  }
  console.log("\n━━━ summary");
  for (const result of results) console.log(`${result.ok ? "✔" : "✘"} ${result.step} (${result.seconds}s)`);
  console.log(`total ${Math.round((Date.now() - started) / 1000)}s`);
  const failed = results.some((result) => !result.ok) || results.length === 0;
  process.exit(failed ? 1 : 0);
}

await main();
