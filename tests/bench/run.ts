// `npm run bench`: Connect throughput and latency against the built server,
// next to the raw RS256 rates measured in the same run — the physical limit.
// A redeem costs two signatures, a refresh one verification and two
// signatures, an establish one verification. Targets (issue 3): redeem and
// refresh at ≥ 50 % of their bound on embedded PGlite, ≥ 60 % on Postgres.
// Exits non-zero when a target is missed. Options: --db pglite|postgres,
// --n <inquiries per phase>, --warmup <inquiries in the unreported first round>,
// --rounds <measured rounds>, --concurrency <in-flight requests>.
// A shared machine's speed drifts (other tenants' load) over a run, so the
// one-core bound is sampled again right before each measured round and each
// round is judged against its own bound; the median round is reported, and
// every round's share is printed beside it.
// Besides the server, each phase reports the Postgres server's CPU, the load
// generator's, how busy the machine was, and the server's CPU per thread.
// Environment: BENCH_PROFILE=<dir> (V8 CPU profile + each phase's window in the last round),
// BENCH_PERF=<dir> (server runs with --perf-basic-prof, for `perf record -k CLOCK_MONOTONIC -p`;
// each phase's window is written to <dir>),
// BENCH_KEEP_DB=1 (keeps the Postgres database to replay its statements),
// BENCH_DEBUG=1 (prints failed answers), DATABASE_POOL_SIZE (reaches the server; the
// Postgres rows print the pool size it used).
import { execFile, spawnSync } from "node:child_process";
import http from "node:http";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { CompactSign, compactVerify, importPKCS8, importSPKI, SignJWT } from "jose";
import { parseConfig } from "@/lib/config";
import { startSmtpInbox, type SmtpInbox } from "../fixtures/smtp-inbox";
import { createFreshPostgresDatabase } from "../support/database";
import { signInCodeIn } from "../support/mailbox";
import { freePort } from "../support/ports";
import { startServer, type RunningServer } from "../support/server";
import { tempDir } from "../support/temp-dir";

const root = path.resolve(import.meta.dirname, "..", "..");
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const index = args.indexOf(name);
  return index >= 0 ? (args[index + 1] ?? fallback) : fallback;
};
const N = Number(option("--n", "3000"));
const WARMUP = Number(option("--warmup", "1000"));
const ROUNDS = Math.max(1, Number(option("--rounds", "3")));
const CONCURRENCY = Number(option("--concurrency", "16"));
const DATABASES = option("--db", "pglite,postgres").split(",") as ("pglite" | "postgres")[];
const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const TARGETS = { pglite: 0.5, postgres: 0.6 } as const;

// ---------------------------------------------------------------- raw crypto

async function rate(seconds: number, concurrency: number, work: () => Promise<unknown>): Promise<number> {
  let done = 0;
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) {
        await work();
        done++;
      }
    }),
  );
  return done / seconds;
}

function syncRate(seconds: number, work: () => unknown): number {
  let done = 0;
  const deadline = performance.now() + seconds * 1000;
  while (performance.now() < deadline) {
    work();
    done++;
  }
  return done / seconds;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function rawRates() {
  const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const signKey = await importPKCS8(privateKey.export({ type: "pkcs8", format: "pem" }).toString(), "RS256");
  const verifyKey = await importSPKI(publicKey.export({ type: "spki", format: "pem" }).toString(), "RS256");
  const payload = new TextEncoder().encode(JSON.stringify({ subject: "sub_0123456789ABCDEF", emailAddress: "someone@example.com" }));
  const header = { alg: "RS256", kty: "Access", iss: "sudomimus.com", aud: "bench", sub: "0".repeat(32), iat: 1, exp: 2, jti: "0".repeat(32) };
  const token = await new CompactSign(payload).setProtectedHeader(header).sign(signKey);
  // One core, synchronous: the conventional "raw RS256 rate" (what `openssl speed` reports per core).
  const input = Buffer.from(token.split(".").slice(0, 2).join("."));
  const signature = crypto.sign("sha256", input, privateKey);
  const oneCore = (samples: number, seconds: number) => ({
    // The median of several samples: a single sample moves with whatever else the machine does.
    sign: median(Array.from({ length: samples }, () => syncRate(seconds, () => crypto.sign("sha256", input, privateKey)))),
    verify: median(Array.from({ length: samples }, () => syncRate(seconds, () => crypto.verify("sha256", input, publicKey, signature)))),
  });
  const { sign, verify } = oneCore(5, 1);
  // Every core, through the same path the server signs with (jose + WebCrypto keys on the thread pool).
  const signAllCores = await rate(3, 8, () => new CompactSign(payload).setProtectedHeader(header).sign(signKey));
  const verifyAllCores = await rate(3, 8, () => compactVerify(token, verifyKey));
  return { sign, verify, signAllCores, verifyAllCores, oneCoreNow: () => oneCore(3, 0.5) };
}

// ---------------------------------------------------------------- load

interface PhaseResult {
  cpuMsPerRequest: number;
  /** The load generator's own CPU per request (this process), and the Postgres server's (every postgres process). */
  clientCpuMsPerRequest: number;
  postgresCpuMsPerRequest: number;
  /** How busy the whole machine was during the phase, 0–1 of all cores: near 1 means CPU-bound, lower means waiting. */
  machineBusy: number;
  /** The server's CPU per request by thread name, ms. */
  threads: Record<string, number>;
  count: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  failures: number;
}

/** CPU time (user + system) the server process has used so far, in ms. */
function processCpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** CPU time of the server's threads so far, in ms, summed by thread name (main thread, libuv pool, V8 helpers, …). */
function threadCpuMs(pid: number): Map<string, number> {
  const byName = new Map<string, number>();
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const name = tid === String(pid) ? "main" : stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")).trim();
      const fields = stat.slice(stat.lastIndexOf(") ") + 2).split(" ");
      byName.set(name, (byName.get(name) ?? 0) + ((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
    } catch {
      // The thread ended between listing and reading.
    }
  }
  return byName;
}

/** CPU time of every Postgres server process (backends, WAL writer, …) so far, in ms. */
function postgresCpuMs(): number {
  let total = 0;
  for (const pid of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      if (!stat.includes("(postgres)")) continue;
      const fields = stat.split(") ")[1]!.split(" ");
      total += ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    } catch {
      // The process ended between listing and reading.
    }
  }
  return total;
}

/** The machine's busy and total CPU ticks so far (all cores), from /proc/stat. */
function machineTicks(): { busy: number; total: number } {
  const fields = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = fields[3]! + fields[4]!;
  const total = fields.slice(0, 8).reduce((sum, value) => sum + value, 0);
  return { busy: total - idle, total };
}

const clientCpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

// With BENCH_PROFILE, each phase's window on the monotonic clock (the one V8's
// CPU profiles use) is written beside the profile, to read one phase alone.
const phaseWindows: Record<string, { startUs: number; endUs: number }> = {};
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

async function runPhase<T>(phase: string, serverPid: number, items: T[], request: (item: T) => Promise<boolean>): Promise<PhaseResult> {
  const startUs = monotonicUs();
  const cpuBefore = processCpuMs(serverPid);
  const clientBefore = clientCpuMs();
  const threadsBefore = threadCpuMs(serverPid);
  const postgresBefore = postgresCpuMs();
  const ticksBefore = machineTicks();
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) {
        const item = items[next++]!;
        const t0 = performance.now();
        if (!(await request(item))) failures++;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  const cpuMsPerRequest = (processCpuMs(serverPid) - cpuBefore) / items.length;
  const clientCpuMsPerRequest = (clientCpuMs() - clientBefore) / items.length;
  const postgresCpuMsPerRequest = (postgresCpuMs() - postgresBefore) / items.length;
  const ticksAfter = machineTicks();
  const threads: Record<string, number> = {};
  for (const [name, ms] of threadCpuMs(serverPid)) {
    const spent = (ms - (threadsBefore.get(name) ?? 0)) / items.length;
    if (spent >= 0.01) threads[name] = Number(spent.toFixed(2));
  }
  const machineBusy = (ticksAfter.busy - ticksBefore.busy) / Math.max(1, ticksAfter.total - ticksBefore.total);
  phaseWindows[phase] = { startUs, endUs: monotonicUs() };
  return { cpuMsPerRequest, clientCpuMsPerRequest, postgresCpuMsPerRequest, machineBusy, threads, count: items.length, seconds, perSecond: items.length / seconds, p50: pct(0.5), p99: pct(0.99), failures };
}

// node:http with keep-alive rather than fetch: the load generator shares the
// machine with the server, and fetch costs several times more CPU per request.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function postJson(base: string, pathname: string, body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const url = new URL(pathname, base);
  return new Promise<{ status: number; body: Record<string, unknown>; setCookies: string[] }>((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const raw = Buffer.concat(chunks).toString();
          const setCookie = response.headers["set-cookie"];
          resolve({ status: response.statusCode ?? 0, body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {}, setCookies: setCookie ?? [] });
        });
      },
    );
    request.on("error", reject);
    request.end(text);
  });
}

const exec = promisify(execFile);

async function createBenchApplication(env: Record<string, string>) {
  const rulesFile = path.join(tempDir("bench-rules"), "rules.json");
  fs.writeFileSync(
    rulesFile,
    JSON.stringify({
      authentication: [{ method: "EMAIL_VERIFICATION", payload: {} }],
      realize: [{ constraintType: "EMAIL", payload: { allowedEmails: ["*@example.com"] } }],
      return: [{ returnMethod: "CALLBACK", payload: { allowedCallbackDomains: ["localhost"] } }],
    }),
  );
  const anchor = `bench-${crypto.randomBytes(3).toString("hex")}`;
  const { stdout } = await exec(
    process.execPath,
    ["--import", "tsx", "lib/admin/cli.ts", "create-application", "--organization", "Bench", "--anchor", anchor, "--rules-file", rulesFile, "--claim", "email=OPTIONAL", "--json"],
    { cwd: root, env: { ...process.env, ...env } as NodeJS.ProcessEnv },
  );
  const created = JSON.parse(stdout) as { applicationAnchor: string; clientAuthPrivateKey: string };
  return { anchor: created.applicationAnchor, key: await importPKCS8(created.clientAuthPrivateKey, "RS256") };
}

async function establishBody(app: { anchor: string; key: CryptoKey }) {
  const body = JSON.stringify({ applicationAnchor: app.anchor, returnMethods: [{ type: "CALLBACK", payload: { callbackUrl: "http://localhost/cb" } }] });
  const now = Math.floor(Date.now() / 1000);
  const jwt = await new SignJWT({ jti: crypto.randomUUID(), body_sha256: crypto.createHash("sha256").update(body).digest("base64") })
    .setProtectedHeader({ alg: "RS256" })
    .setIssuer(app.anchor)
    .setAudience("sudomimus-connect")
    .setIssuedAt(now)
    .setExpirationTime(now + 60)
    .sign(app.key);
  return { body, authorization: `SudomimusClientJWT ${jwt}` };
}

type Bounds = { establish: number; redeem: number; refresh: number };
type Op = keyof Bounds;

async function benchDatabase(kind: "pglite" | "postgres", boundsNow: () => Bounds) {
  const smtp: SmtpInbox = await startSmtpInbox();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `sudomimus-bench-${kind}-`));
  const fresh = kind === "postgres" ? await createFreshPostgresDatabase(POSTGRES_ADMIN_URL) : undefined;
  const port = await freePort();
  const env: Record<string, string> = {
    SUDOMIMUS_DATA_DIR: dataDir,
    SUDOMIMUS_SECRET: crypto.randomBytes(32).toString("hex"),
    PUBLIC_URL: `http://localhost:${port}`,
    SMTP_URL: smtp.smtpUrl,
    LOG_LEVEL: "warn",
    DATABASE_URL: fresh?.url ?? "",
  };
  let server: RunningServer | undefined;
  try {
    // BENCH_PROFILE=<dir> writes a CPU profile of the server for this run.
    server = await startServer(port, env, process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : process.env.BENCH_PERF ? ["--perf-basic-prof"] : []);
    const base = server.baseUrl;
    const app = await createBenchApplication(env);

    // One browser signs in by email code once; every later inquiry continues its session.
    const cookies = new Map<string, string>();
    const via = async (route: string, body: unknown) => {
      const response = await postJson(base, `/via/api/${route}`, body, {
        origin: base,
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join("; "),
      });
      for (const header of response.setCookies) {
        const [pair] = header.split(";");
        const index = pair!.indexOf("=");
        cookies.set(pair!.slice(0, index), pair!.slice(index + 1));
      }
      return response;
    };
    const email = `bench-${crypto.randomBytes(3).toString("hex")}@example.com`;
    const firstInquiry = await postJson(base, "/connect-api/establish", ...(await establishArgs(app)));
    if (firstInquiry.status !== 200) throw new Error(`establish: ${firstInquiry.status} ${JSON.stringify(firstInquiry.body)}`);
    const started = await via("email/start", { exposureKey: firstInquiry.body.exposureKey, email });
    if (started.status !== 200) throw new Error(`email/start: ${started.status} ${JSON.stringify(started.body)}`);
    const code = await waitForCode(smtp, email);
    const verified = await via("email/verify", { exposureKey: firstInquiry.body.exposureKey, challengeId: started.body.challengeId, code });
    if (process.env.BENCH_DEBUG) console.error("verify", verified.status, JSON.stringify(verified.body), verified.setCookies, [...cookies]);
    if (verified.body.next === "consent") await via("consent", { exposureKey: firstInquiry.body.exposureKey, decisions: { email: true } });

    // One round: N establishes, N realizes (setup, not measured), N redeems, N refreshes.
    const round = async (count: number) => {
      const establishRequests = await Promise.all(Array.from({ length: count }, () => establishBody(app)));
      const established: { exposureKey: string; hiddenKey: string }[] = [];
      const establishResult = await runPhase("establish", server!.process.pid!, establishRequests, async (request) => {
        const response = await postJson(base, "/connect-api/establish", request.body, { authorization: request.authorization });
        if (response.status === 200) established.push({ exposureKey: String(response.body.exposureKey), hiddenKey: String(response.body.hiddenKey) });
        return response.status === 200;
      });

      // realize (setup, not measured): continue the browser session for every inquiry.
      const triples: { exposureKey: string; hiddenKey: string; confirmationKey: string }[] = [];
      for (const inquiry of established) {
        const outcome = await via("continue", { exposureKey: inquiry.exposureKey });
        if (outcome.body.next !== "callback") throw new Error(`continue #${triples.length}: ${outcome.status} ${JSON.stringify(outcome.body)}`);
        const confirmationKey = new URL(String(outcome.body.redirectTo)).searchParams.get("confirmation-key")!;
        triples.push({ ...inquiry, confirmationKey });
      }

      const refreshTokens: string[] = [];
      const redeemResult = await runPhase("redeem", server!.process.pid!, triples, async (keys) => {
        const response = await postJson(base, "/connect-api/redeem", keys);
        if (response.status === 200) refreshTokens.push(String(response.body.refreshToken));
        else if (process.env.BENCH_DEBUG) console.error("redeem", response.status, JSON.stringify(response.body));
        return response.status === 200;
      });
      const refreshResult = await runPhase("refresh", server!.process.pid!, refreshTokens, async (refreshToken) => (await postJson(base, "/connect-api/refresh", { refreshToken })).status === 200);
      return { establish: establishResult, redeem: redeemResult, refresh: refreshResult };
    };
    // A server runs warm: the first requests pay for V8 compiling the hot
    // paths (on its background threads), filling caches and growing pools.
    // A warm-up round of the same work comes first and is not reported.
    if (WARMUP > 0) await round(WARMUP);
    const measured: Record<Op, { result: PhaseResult; bound: number; share: number }[]> = { establish: [], redeem: [], refresh: [] };
    for (let index = 0; index < ROUNDS; index++) {
      const bounds = boundsNow();
      const results = await round(N);
      for (const op of ["establish", "redeem", "refresh"] as const) {
        measured[op].push({ result: results[op], bound: bounds[op], share: results[op].perSecond / bounds[op] });
      }
    }
    // The median round by share of its own bound; every round's share goes beside it.
    const medianRound = (op: Op) => ({
      ...[...measured[op]].sort((a, b) => a.share - b.share)[Math.floor(ROUNDS / 2)]!,
      shares: measured[op].map((round) => round.share),
      failures: measured[op].reduce((sum, round) => sum + round.result.failures, 0),
    });

    const profileDir = process.env.BENCH_PROFILE ?? process.env.BENCH_PERF;
    if (profileDir) {
      fs.mkdirSync(profileDir, { recursive: true }); // the server writes its profile only when it exits, after this
      fs.writeFileSync(path.join(profileDir, `phases-${kind}.json`), JSON.stringify(phaseWindows));
    }
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${server.process.pid}/status`, "utf8"))?.[1] ?? 0);
    return {
      kind,
      rows: [
        { op: "establish" as const, ...medianRound("establish"), target: null },
        { op: "redeem" as const, ...medianRound("redeem"), target: TARGETS[kind] },
        { op: "refresh" as const, ...medianRound("refresh"), target: TARGETS[kind] },
      ],
      rssMb: rssKb / 1024,
      // What the server sized its Postgres pool to (the same parse it runs): the results depend on it.
      poolSize: kind === "postgres" ? parseConfig({ ...process.env, ...env }).databasePoolSize : null,
    };
  } finally {
    await server?.stop();
    await smtp.close();
    if (!process.env.BENCH_KEEP_DB) await fresh?.drop();
    else console.error("kept", fresh?.url);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function establishArgs(app: { anchor: string; key: CryptoKey }): Promise<[string, Record<string, string>]> {
  const { body, authorization } = await establishBody(app);
  return [body, { authorization }];
}

async function waitForCode(smtp: SmtpInbox, email: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const mail = smtp.messages.find((message) => message.to.includes(email));
    const code = mail ? signInCodeIn(mail.text) : undefined;
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("no code mail arrived");
}

// ---------------------------------------------------------------- main

if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.log("no build found: running next build");
  const build = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(1);
}

const raw = await rawRates();
const boundsFrom = (sign: number, verify: number) => ({
  establish: verify,
  redeem: sign / 2,
  refresh: 1 / (1 / verify + 2 / sign),
});
const bounds = boundsFrom(raw.sign, raw.verify);
const boundsNow = () => {
  const now = raw.oneCoreNow();
  return boundsFrom(now.sign, now.verify);
};
const allCoreBounds = boundsFrom(raw.signAllCores, raw.verifyAllCores);
// The bound is RSA speed, the work around it is general-purpose code, and the two do not scale
// together across CPUs: where the CPU has AVX-512 IFMA, OpenSSL's RSA runs on 52-bit vector
// multiplies, a signature costs half as much and the bound doubles against everything else.
// Shares are comparable only on like CPUs. OPENSSL_ia32cap=":~0x200000" (passed on to the
// server) makes OpenSSL ignore IFMA, to compare with a machine without it.
const cpuInfo = fs.readFileSync("/proc/cpuinfo", "utf8");
const cpuModel = /^model name\s*:\s*(.+)$/m.exec(cpuInfo)?.[1] ?? os.cpus()[0]?.model ?? "unknown";
const cpuMhz = /^cpu MHz\s*:\s*([\d.]+)$/m.exec(cpuInfo)?.[1];
const ifma = /^flags\s*:.*\bavx512ifma\b/m.test(cpuInfo);
const rsaPath = process.env.OPENSSL_ia32cap
  ? `OpenSSL's CPU features overridden (OPENSSL_ia32cap=${process.env.OPENSSL_ia32cap})`
  : ifma
    ? "AVX-512 IFMA (twice the scalar rate: a high bound)"
    : "scalar multiplies (no avx512ifma)";
console.log(`cpu: ${cpuModel}${cpuMhz ? ` at ${Number(cpuMhz).toFixed(0)} MHz` : ""}; RSA through ${rsaPath}`);
console.log(`raw RS256, one core: sign ${raw.sign.toFixed(0)}/s, verify ${raw.verify.toFixed(0)}/s`);
console.log(`raw RS256, all ${os.availableParallelism()} cores (jose/WebCrypto): sign ${raw.signAllCores.toFixed(0)}/s, verify ${raw.verifyAllCores.toFixed(0)}/s`);
console.log(
  `bounds (one core): establish ${bounds.establish.toFixed(0)}/s (1 verify), redeem ${bounds.redeem.toFixed(0)}/s (2 signs), refresh ${bounds.refresh.toFixed(0)}/s (1 verify + 2 signs)`,
);
console.log(
  `load: ${N} requests per phase after a warm-up round of ${WARMUP}, ${CONCURRENCY} in flight, client and server on the same machine; ` +
    `${ROUNDS} measured rounds, each against the one-core bound sampled just before it; the median round is shown\n`,
);

let missed = false;
const notes: string[] = [];
const lines = [
  "| database | operation | req/s | p50 ms | p99 ms | server CPU ms/req | Postgres CPU ms/req | client CPU ms/req | machine busy | bound (1 core) | of bound | target | of all-core bound | failures |",
  "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
];
for (const kind of DATABASES) {
  const result = await benchDatabase(kind, boundsNow);
  for (const row of result.rows) {
    const share = row.share;
    const allCoreShare = row.result.perSecond / allCoreBounds[row.op];
    const ok = row.target === null || (share >= row.target && row.failures === 0);
    if (!ok) missed = true;
    lines.push(
      `| ${kind} | ${row.op} | ${row.result.perSecond.toFixed(0)} | ${row.result.p50.toFixed(1)} | ${row.result.p99.toFixed(1)} | ${row.result.cpuMsPerRequest.toFixed(2)} | ${kind === "postgres" ? row.result.postgresCpuMsPerRequest.toFixed(2) : "—"} | ${row.result.clientCpuMsPerRequest.toFixed(2)} | ${(row.result.machineBusy * 100).toFixed(0)} % | ${row.bound.toFixed(0)} | ${(share * 100).toFixed(0)} % | ${
        row.target === null ? "—" : `≥ ${row.target * 100} % ${ok ? "✔" : "✘"}`
      } | ${(allCoreShare * 100).toFixed(0)} % | ${row.failures} |`,
    );
  }
  for (const row of result.rows) {
    const threads = Object.entries(row.result.threads).sort((a, b) => b[1] - a[1]);
    const shares = row.shares.map((value) => `${(value * 100).toFixed(0)} %`).join(", ");
    notes.push(`${kind} ${row.op}: of bound by round ${shares}; server CPU ms/req by thread: ${threads.map(([name, ms]) => `${name} ${ms}`).join(", ")}`);
  }
  const pool = result.poolSize === null ? "" : `; Postgres pool: ${result.poolSize} connections (DATABASE_POOL_SIZE)`;
  lines.push(`| ${kind} | server RSS after the run: ${result.rssMb.toFixed(0)} MB${pool} | | | | | | | | | | | | |`);
}
console.log(lines.join("\n"));
console.log(`\n${notes.join("\n")}`);
process.exit(missed ? 1 : 0);
