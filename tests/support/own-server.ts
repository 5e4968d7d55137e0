// For an e2e file that must write the server's database between its steps
// (test setup the product has no surface for here): its own server, SMTP
// inbox and database, with this test process's testEnv pointed at them so
// the shared helpers (establish, runAdmin, codeFor, signInUrl…) talk to it.
// PGlite has one owner at a time, so a write stops the server, writes, and
// starts it again on the same port (same PUBLIC_URL, same secret, same data);
// on Postgres it writes next to the running server.
import crypto from "node:crypto";
import fs from "node:fs";
import { openPglite, openPostgres, type Executor } from "@/db/client";
import { startSmtpInbox } from "../fixtures/smtp-inbox";
import { createFreshPostgresDatabase } from "./database";
import { testEnv } from "./env";
import { freshDataDir } from "./pglite-template";
import { freePort } from "./ports";
import { startServer, type RunningServer } from "./server";

export interface OwnServer {
  baseUrl: string;
  writeDatabase(work: (db: Executor) => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

export async function startOwnServer(tag: string): Promise<OwnServer> {
  const smtp = await startSmtpInbox();
  const dataDir = freshDataDir(`sudomimus-${tag}`);
  const fresh = testEnv.dbKind === "postgres" ? await createFreshPostgresDatabase(testEnv.postgresAdminUrl) : undefined;
  const port = await freePort();
  const secret = crypto.randomBytes(32).toString("hex");
  const env = {
    SUDOMIMUS_DATA_DIR: dataDir,
    SUDOMIMUS_SECRET: secret,
    PUBLIC_URL: `http://localhost:${port}`,
    SMTP_URL: smtp.smtpUrl,
    LOG_LEVEL: "warn",
    DATABASE_URL: fresh?.url ?? "",
  };
  let server: RunningServer = await startServer(port, env);
  Object.assign(testEnv, { baseUrl: server.baseUrl, inboxUrl: smtp.inboxUrl, serverDataDir: dataDir, serverDatabaseUrl: fresh?.url ?? "", serverSecret: secret });

  const open = async () => (fresh ? openPostgres(fresh.url, { max: 1 }) : openPglite(dataDir));
  return {
    baseUrl: server.baseUrl,
    async writeDatabase(work) {
      if (!fresh) await server.stop();
      const database = await open();
      try {
        await work(database.db);
      } finally {
        await database.close();
        if (!fresh) server = await startServer(port, env);
      }
    },
    async stop() {
      await server.stop();
      await smtp.close();
      await fresh?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
