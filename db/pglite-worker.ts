// The embedded database's own thread. PGlite is Postgres compiled to
// WebAssembly: every statement runs synchronously on the thread that calls
// it, and on the Connect hot paths that was a third of the request thread's
// time. Here it runs beside the request thread instead — JSON, HTTP and
// token work overlap the database — and the request thread talks to it
// through db/pglite-remote.ts. Migrations run here, before the first query.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { queryPrepared } from "./pglite-prepared";
import type { QueryResult, Reply, Request, SerializedError, WorkerData } from "./pglite-protocol";
import * as schema from "./schema";

const port = parentPort!;
const { dataDir, migrationsFolder } = workerData as WorkerData;

interface OpenTransaction {
  tx: Transaction;
  finish(commit: boolean): void;
  done: Promise<unknown>;
}

function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: "Error", message: String(error) };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (value === null || ["string", "number", "boolean"].includes(typeof value)) fields[key] = value;
  }
  return { ...fields, name: error.name, message: error.message };
}

async function main(): Promise<void> {
  const pg = await PGlite.create(dataDir);
  await migrate(drizzle({ client: pg, schema }), { migrationsFolder });
  const transactions = new Map<number, OpenTransaction>();
  let nextTransaction = 0;

  const executor = (tx: number | undefined): PGlite | Transaction => {
    if (tx === undefined) return pg;
    const open = transactions.get(tx);
    if (!open) throw new Error(`no open transaction ${tx}`);
    return open.tx;
  };

  async function handle(request: Request): Promise<unknown> {
    switch (request.op) {
      case "query": {
        // The caller's parsers were all "keep the text" (drizzle's timestamp handling): the same here.
        const parsers = Object.fromEntries(request.rawTypes.map((type) => [type, (value: string) => value]));
        const result = await executor(request.tx).query(request.text, request.params, { rowMode: request.rowMode, parsers });
        return { rows: result.rows, fields: result.fields, affectedRows: result.affectedRows } satisfies QueryResult;
      }
      case "exec":
        return (await executor(request.tx).exec(request.text)).map((result) => ({ rows: result.rows, fields: result.fields, affectedRows: result.affectedRows }));
      case "prepared":
        return (await queryPrepared(pg, request.text, request.params)) ?? (await pg.query(request.text, request.params)).rows;
      case "begin":
        return begin();
      case "end": {
        const open = transactions.get(request.tx);
        if (!open) throw new Error(`no open transaction ${request.tx}`);
        transactions.delete(request.tx);
        open.finish(request.commit);
        await open.done;
        return null;
      }
      case "close":
        await pg.close();
        return null;
    }
  }

  /** Opens a transaction and holds it (PGlite's transaction lock with it) until its `end` arrives. */
  function begin(): Promise<number> {
    return new Promise((opened, failed) => {
      const id = ++nextTransaction;
      let finish!: (commit: boolean) => void;
      const decided = new Promise<boolean>((resolve) => (finish = resolve));
      const done = pg.transaction(async (tx) => {
        transactions.set(id, { tx, finish, done });
        opened(id);
        if (!(await decided)) await tx.rollback();
      });
      done.catch(failed); // only matters if it fails before opening; `end` reports later failures
    });
  }

  port.on("message", ({ id, request }: { id: number; request: Request }) => {
    handle(request).then(
      (value) => port.postMessage({ id, ok: true, value } satisfies Reply),
      (error: unknown) => port.postMessage({ id, ok: false, error: serializeError(error) } satisfies Reply),
    );
  });
  port.postMessage({ id: 0, ok: true, value: "ready" } satisfies Reply);
}

main().catch((error: unknown) => port.postMessage({ id: 0, ok: false, error: serializeError(error) } satisfies Reply));
