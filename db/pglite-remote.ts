// The request thread's handle on the PGlite worker (db/pglite-worker.ts): the
// part of PGlite's client API drizzle uses (`query`, `transaction`) plus
// `exec`, the hot paths' prepared statements and `close`. Results and
// database errors come back as PGlite would have produced them in-thread.
import path from "node:path";
import type { Worker } from "node:worker_threads";
import type { QueryResult, Reply, Request, SerializedError, WorkerData } from "./pglite-protocol";

type QueryOptions = { rowMode?: "array" | "object"; parsers?: Record<number | string, unknown> };

/** Marks a RemotePglite across module copies (the server loads db/ twice; `instanceof` would fail in one of them). */
export const REMOTE_PGLITE = Symbol.for("sudomimus.pglite.remote");

class DatabaseError extends Error {}

/**
 * Starts the worker from the source tree (under tsx, like the API fast path).
 * Next's bundler follows `new Worker(...)` from an imported Worker and would
 * try to bundle the worker and whatever its path might name; the
 * constructor is therefore taken from Node at run time.
 */
function startWorker(data: WorkerData): Worker {
  const threads = process.getBuiltinModule("node:worker_threads") as typeof import("node:worker_threads");
  return new threads.Worker(path.join(process.cwd(), "db", "pglite-worker-entry.mjs"), { workerData: data });
}

function revive(error: SerializedError): Error {
  const { message, name, ...fields } = error;
  const revived = Object.assign(new DatabaseError(message), fields);
  revived.name = name;
  return revived;
}

/** Statements inside one open transaction of the worker. */
class RemoteTransaction {
  constructor(
    private readonly client: RemotePglite,
    private readonly id: number,
  ) {}

  query(text: string, params: unknown[] = [], options: QueryOptions = {}): Promise<QueryResult> {
    return this.client.query(text, params, options, this.id);
  }

  exec(text: string): Promise<QueryResult[]> {
    return this.client.call({ op: "exec", tx: this.id, text }) as Promise<QueryResult[]>;
  }
}

export class RemotePglite {
  readonly [REMOTE_PGLITE] = true;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private nextId = 1;
  private failure: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on("message", (reply: Reply) => {
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (reply.ok) waiter.resolve(reply.value);
      else waiter.reject(revive(reply.error));
    });
    worker.on("error", (error) => this.fail(error));
    worker.on("exit", (code) => this.fail(new Error(`the PGlite worker exited (code ${code})`)));
  }

  /** Starts the worker on `dataDir`, migrated and ready for queries. */
  static async open(data: WorkerData): Promise<RemotePglite> {
    const worker = startWorker(data);
    const client = new RemotePglite(worker);
    const ready = new Promise((resolve, reject) => client.pending.set(0, { resolve, reject }));
    try {
      await ready;
    } catch (error) {
      await worker.terminate();
      throw error;
    }
    return client;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }

  call(request: Request): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      // Like a socket with a request in flight: keeps the process alive while an answer is awaited, not otherwise.
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, request });
    });
  }

  query(text: string, params: unknown[] = [], options: QueryOptions = {}, tx?: number): Promise<QueryResult> {
    // Type parsers cannot cross the boundary; drizzle's only ask to keep a type's text as it is.
    const rawTypes = Object.keys(options.parsers ?? {}).map(Number);
    return this.call({ op: "query", tx, text, params, rowMode: options.rowMode ?? "object", rawTypes }) as Promise<QueryResult>;
  }

  exec(text: string): Promise<QueryResult[]> {
    return this.call({ op: "exec", text }) as Promise<QueryResult[]>;
  }

  /** Rows of a hot-path statement, run as a named prepared statement in the worker (db/pglite-prepared.ts). */
  queryPrepared<T>(text: string, params: unknown[]): Promise<T[]> {
    return this.call({ op: "prepared", text, params }) as Promise<T[]>;
  }

  /** Runs `fn` in one transaction: committed when it returns, rolled back when it throws. */
  async transaction<T>(fn: (tx: RemoteTransaction) => Promise<T>): Promise<T> {
    const id = (await this.call({ op: "begin" })) as number;
    let result: T;
    try {
      result = await fn(new RemoteTransaction(this, id));
    } catch (error) {
      await this.call({ op: "end", tx: id, commit: false }).catch(() => undefined);
      throw error;
    }
    await this.call({ op: "end", tx: id, commit: true });
    return result;
  }

  async close(): Promise<void> {
    if (!this.failure) await this.call({ op: "close" });
    await this.worker.terminate();
  }
}
