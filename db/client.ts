// Opens the database: real Postgres when a URL is given (postgres.js), else
// embedded PGlite persisted in the data directory. Both speak the same SQL and
// run the same migrations, so nothing above this file knows which one it got.
import fs from "node:fs";
import path from "node:path";
import { sql, type SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";
import { acquireDataDirLock, type DataDirLock } from "./data-dir-lock";
import { REMOTE_PGLITE, RemotePglite } from "./pglite-remote";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; every query function accepts a Database or a Tx. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type Executor = Database | Tx;

export interface OpenDatabase {
  db: Database;
  kind: "postgres" | "pglite";
  close(): Promise<void>;
}

/**
 * Rows of a hand-written statement (the hot paths use a few combined
 * queries). Outside a transaction the rendered SQL goes straight to the
 * driver as a prepared statement — drizzle's result layer roughly doubled the
 * cost of these queries on PGlite, re-planning them cost more than running
 * them — inside one it goes through the transaction's executor.
 */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const direct = db as unknown as { $client?: unknown; dialect?: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } } };
  if (direct.$client && direct.dialect) {
    const { sql: text, params } = direct.dialect.sqlToQuery(query);
    if ((direct.$client as { [REMOTE_PGLITE]?: boolean })[REMOTE_PGLITE]) return (direct.$client as RemotePglite).queryPrepared<T>(text, params);
    return (await (direct.$client as postgres.Sql).unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true })) as unknown as T[];
  }
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Timestamps from hand-written statements arrive as Date (PGlite) or text (postgres.js under drizzle). */
export function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

/**
 * A Date as a bound parameter of a hand-written statement. Drizzle's
 * postgres.js setup does not serialize Date parameters itself (its column
 * builders do), so raw `sql` templates pass ISO text cast to timestamptz.
 */
export function timestamp(date: Date): SQL {
  return sql`${date.toISOString()}::timestamptz`;
}

/**
 * Whether an error (as drizzle wraps it, from either driver) is a violation
 * of the named unique index — for the writes whose race a unique index
 * decides. postgres.js names it `constraint_name`, PGlite `constraint`.
 */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  let current = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const fields = current as { code?: unknown; constraint?: unknown; constraint_name?: unknown; cause?: unknown };
    if (fields.code === "23505") return (fields.constraint_name ?? fields.constraint) === constraint;
    current = fields.cause;
  }
  return false;
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

// Any fixed number works; it only has to be the same for every instance.
const MIGRATION_LOCK_ID = 7_310_447;

/** The server or CLI could not connect: the message names the database (host:port/name, never credentials). */
export class DatabaseUnreachableError extends Error {}

/** host:port/name — never the credentials in the URL. */
export function describeDatabase(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
  } catch {
    return "at DATABASE_URL";
  }
}

export async function openPostgres(url: string, options: { max?: number } = {}): Promise<OpenDatabase> {
  // Several instances may start at once against one database: a session-level
  // advisory lock on a dedicated connection serializes their migrations.
  const migrator = postgres(url, { max: 1, onnotice: () => {} });
  try {
    // The first query opens the connection: its failure is the operator's to fix, so say where we tried.
    await migrator`select pg_advisory_lock(${MIGRATION_LOCK_ID})`.catch((error: unknown) => {
      throw new DatabaseUnreachableError(`Cannot reach the database ${describeDatabase(url)}: ${error instanceof Error ? error.message : String(error)}`);
    });
    await migratePostgres(drizzlePostgres({ client: migrator, schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    await migrator`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
  } finally {
    await migrator.end({ timeout: 5 });
  }
  const client = postgres(url, { max: options.max ?? 4, onnotice: () => {} });
  const db = drizzlePostgres({ client, schema }) as unknown as Database;
  return { db, kind: "postgres", close: () => client.end({ timeout: 5 }) };
}

/**
 * PGlite is single-process: the data directory is locked while it is open.
 * It runs on its own thread (db/pglite-worker.ts), migrated there; drizzle
 * and queryRows reach it through db/pglite-remote.ts.
 */
export async function openPglite(dataDir: string): Promise<OpenDatabase & { lock: DataDirLock }> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lock = acquireDataDirLock(dataDir);
  try {
    const client = await RemotePglite.open({ dataDir: path.join(dataDir, "pglite"), migrationsFolder: MIGRATIONS_FOLDER });
    // drizzle asks of its client only `query` and `transaction`, which the remote client speaks.
    const pg = drizzlePglite({ client: client as never, schema });
    return {
      db: pg as unknown as Database,
      kind: "pglite",
      lock,
      close: async () => {
        await client.close();
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
