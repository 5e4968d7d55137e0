// A fresh, migrated database for lib-level tests that call lib functions
// directly (with a fixed clock): its own PGlite directory, or its own
// Postgres database created for the test file and dropped afterwards.
import crypto from "node:crypto";
import fs from "node:fs";
import postgres from "postgres";
import { openPglite, openPostgres, type OpenDatabase } from "@/db/client";
import { freshDataDir } from "./pglite-template";
import { testEnv } from "./env";

export async function createFreshPostgresDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `sudomimus_test_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}

export async function openTestDatabase(kind = testEnv.dbKind): Promise<OpenDatabase> {
  if (kind === "postgres") {
    const fresh = await createFreshPostgresDatabase(testEnv.postgresAdminUrl);
    const opened = await openPostgres(fresh.url, { max: 4 });
    return { ...opened, close: async () => (await opened.close(), await fresh.drop()) };
  }
  const dir = freshDataDir("sudomimus-lib");
  const opened = await openPglite(dir);
  return { ...opened, close: async () => (await opened.close(), fs.rmSync(dir, { recursive: true, force: true })) };
}

/**
 * A query against the running server's Postgres database, beside the server
 * (to put it into states no public call can). Postgres only: PGlite belongs
 * to the server process.
 */
export async function serverSql<T>(work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(testEnv.serverDatabaseUrl, { max: 1, onnotice: () => {} });
  try {
    return await work(sql);
  } finally {
    await sql.end();
  }
}
