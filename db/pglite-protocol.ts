// The messages between the server's thread and the PGlite worker
// (db/pglite-worker.ts, db/pglite-remote.ts). Everything here crosses a
// worker boundary by structured clone: no functions, so a query's type
// parsers travel as the list of type ids to leave as text.

export type Request =
  | { op: "query"; tx?: number; text: string; params: unknown[]; rowMode: "array" | "object"; rawTypes: number[] }
  | { op: "exec"; tx?: number; text: string }
  | { op: "prepared"; text: string; params: unknown[] }
  | { op: "begin" }
  | { op: "end"; tx: number; commit: boolean }
  | { op: "close" };

export interface QueryResult {
  rows: unknown[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number;
}

/** A database error as it crossed the boundary: its message and Postgres's fields (code, detail, constraint…). */
export type SerializedError = { message: string; name: string } & Record<string, unknown>;

export type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SerializedError };

export interface WorkerData {
  dataDir: string;
  migrationsFolder: string;
}
