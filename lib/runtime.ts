// The server's dependencies, created once per process: configuration, the
// database (migrated and seeded), derived keys, clock, mailer, logger. Routes
// ask for them with getDeps(); lib functions receive them as an argument, so
// tests can pass their own database and clock.
import { openPglite, openPostgres, type Database, type OpenDatabase } from "@/db/client";
import { systemClock, type Clock } from "./clock";
import { getConfig, type Config } from "./config";
import { createKeyring, type Keyring } from "./crypto/keyring";
import { createTxtLookup, type TxtLookup } from "./domains/dns-txt";
import { createLogger, type Logger } from "./log";
import { createMailer, type Mailer } from "./mail/mailer";
import { seedIfEmpty } from "./seed";
import { startAdminSocket, type AdminSocket } from "./admin/socket-server";
import { startSweeper } from "./maintenance";

export interface Deps {
  config: Config;
  db: Database;
  keyring: Keyring;
  clock: Clock;
  mailer: Mailer;
  log: Logger;
  /** For calls to upstream services (Steam, OAuth providers, federation IdPs). */
  fetch: typeof fetch;
  /** DNS TXT lookups (domain verification): the system resolver, or DNS_SERVERS. */
  resolveTxt: TxtLookup;
  /** Per-process memo of derived, immutable values (parsed keys). */
  cache: Map<string, unknown>;
}

export interface Runtime extends Deps {
  database: OpenDatabase;
  /** Runs `step` first when the runtime shuts down (the HTTP server finishing its requests). */
  beforeShutdown(step: () => Promise<void>): void;
  shutdown(): Promise<void>;
}

export async function createRuntime(config: Config): Promise<Runtime> {
  const log = createLogger(config.logLevel);
  const database = config.databaseUrl ? await openPostgres(config.databaseUrl, { max: config.databasePoolSize }) : await openPglite(config.dataDir);
  const keyring = createKeyring(config.secret);
  const mailer = createMailer(config, database.db);
  let adminSocket: AdminSocket | undefined;
  let stopSweeper: (() => void) | undefined;
  const firstSteps: (() => Promise<void>)[] = [];
  const runtime: Runtime = {
    config,
    db: database.db,
    keyring,
    clock: systemClock,
    mailer,
    log,
    fetch: globalThis.fetch.bind(globalThis),
    resolveTxt: createTxtLookup({ servers: config.dnsServers }),
    cache: new Map(),
    database,
    beforeShutdown: (step) => void firstSteps.push(step),
    // Whatever still serves requests first (HTTP, the admin socket): the work it is
    // finishing needs the database, which closes last.
    shutdown: async () => {
      stopSweeper?.();
      await Promise.allSettled([...firstSteps.map((step) => step()), adminSocket?.close()]);
      await database.close();
    },
  };
  try {
    await seedIfEmpty(runtime);
    // PGlite has one owning process, so the admin CLI reaches the database through this one (lib/admin/socket-server.ts).
    if (database.kind === "pglite") adminSocket = await startAdminSocket(runtime);
  } catch (error) {
    // Never leave a half-started runtime holding the database (and, on PGlite, its lock).
    await runtime.shutdown().catch(() => undefined);
    throw error;
  }
  stopSweeper = startSweeper(runtime);
  closeOnSignals(runtime);
  log.info("sudomimus ready", { database: database.kind, publicUrl: config.publicUrl, mail: mailer.kind });
  return runtime;
}

/**
 * Embedded PGlite must be closed cleanly so the next start does not need
 * recovery. The exit status is the conventional one for the signal (128 + n),
 * so a caller can tell an interrupted command from a finished one.
 */
const signalSlot = globalThis as typeof globalThis & { __sudomimusSignalsHandled?: Runtime };
function closeOnSignals(runtime: Runtime): void {
  const alreadyHandled = signalSlot.__sudomimusSignalsHandled !== undefined;
  signalSlot.__sudomimusSignalsHandled = runtime;
  if (alreadyHandled) return;
  let closing = false;
  const close = (signal: NodeJS.Signals) => {
    const current = signalSlot.__sudomimusSignalsHandled!;
    if (closing) return;
    closing = true;
    current.log.info("shutting down", { signal });
    current
      .shutdown()
      .catch((error: unknown) => current.log.error("shutdown failed", { error: String(error) }))
      .finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGTERM", close);
  process.once("SIGINT", close);
}

// Kept on globalThis: Next.js may load this module in more than one bundle
// (instrumentation, route handlers), and there must be exactly one database.
const slot = globalThis as typeof globalThis & { __sudomimusRuntime?: Promise<Runtime> };

export function getDeps(): Promise<Runtime> {
  if (!slot.__sudomimusRuntime) {
    slot.__sudomimusRuntime = createRuntime(getConfig()).catch((error: unknown) => {
      slot.__sudomimusRuntime = undefined;
      throw error;
    });
  }
  return slot.__sudomimusRuntime;
}
