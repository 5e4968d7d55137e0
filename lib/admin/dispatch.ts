// Where an admin command runs. With DATABASE_URL: on Postgres directly, which
// is safe next to running servers. Otherwise on PGlite, which exactly one
// process may open: directly when no one holds the data directory, else
// inside the process that holds it, through its admin socket. Never a second
// opener of the same PGlite files, never a copy of them.
import { DatabaseUnreachableError, describeDatabase, openPostgres, type OpenDatabase } from "@/db/client";
import { DataDirInUseError, readLockOwner } from "@/db/data-dir-lock";
import { systemClock } from "../clock";
import type { Config } from "../config";
import { createKeyring } from "../crypto/keyring";
import { createRuntime, type Runtime } from "../runtime";
import { CliError } from "./cli-error";
import { runAdminCommand, type AdminRequest } from "./run-command";
import type { Route } from "./route";
import { AdminSocketUnavailableError, sendAdminRequest } from "./socket-client";

export type { Route } from "./route";

export interface Dispatched {
  /** Not yet checked against the command's result schema (the caller does that). */
  result: unknown;
  route: Route;
}

export async function dispatch(config: Config, request: AdminRequest): Promise<Dispatched> {
  if (config.databaseUrl) return onPostgres(config, config.databaseUrl, request);
  // A second attempt covers a server that exits between our lock check and its socket.
  for (let attempt = 0; ; attempt++) {
    let runtime: Runtime;
    try {
      runtime = await createRuntime(quiet(config));
    } catch (error) {
      if (!(error instanceof DataDirInUseError)) throw new CliError(`Cannot open the PGlite database in ${config.dataDir}: ${messageOf(error)}`);
      try {
        const result = await sendAdminRequest(config.dataDir, request);
        return { result, route: { kind: "server", dataDir: config.dataDir, pid: error.ownerPid } };
      } catch (socketError) {
        if (!(socketError instanceof AdminSocketUnavailableError)) throw socketError;
        if (attempt === 0 && readLockOwner(config.dataDir) === null) continue;
        throw new CliError(
          `The data directory ${config.dataDir} is in use by process ${error.ownerPid}, and its admin socket is not answering (${socketError.why}). ` +
            "Stop that process and run the command again, or run it against PostgreSQL with DATABASE_URL. " +
            "If that process is a server that is still starting, try again in a moment.",
        );
      }
    }
    try {
      return { result: await runAdminCommand(runtime, request), route: { kind: "pglite", dataDir: config.dataDir } };
    } finally {
      await runtime.shutdown();
    }
  }
}

async function onPostgres(config: Config, url: string, request: AdminRequest): Promise<Dispatched> {
  let opened: OpenDatabase;
  try {
    opened = await openPostgres(url, { max: 2 });
  } catch (error) {
    throw new CliError(error instanceof DatabaseUnreachableError ? error.message : `Cannot open the database ${describeDatabase(url)}: ${messageOf(error)}`);
  }
  try {
    const deps = { db: opened.db, keyring: createKeyring(config.secret), clock: systemClock, fetch: globalThis.fetch.bind(globalThis) };
    return { result: await runAdminCommand(deps, request), route: { kind: "postgres", database: describeDatabase(url) } };
  } finally {
    await opened.close();
  }
}

/** The server's start-up lines ("ready", "seeded") are noise for a one-shot command; warnings still show. */
function quiet(config: Config): Config {
  return { ...config, logLevel: config.logLevel === "info" ? "warn" : config.logLevel };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
