// Structured one-line JSON logs on stderr. Never pass secrets or keys here.
import { DrizzleQueryError } from "drizzle-orm";

type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function createLogger(threshold: Level | "silent"): Logger {
  const write = (level: Level) => (message: string, fields?: Record<string, unknown>) => {
    if (order[level] < order[threshold]) return;
    process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }) + "\n");
  };
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}

/**
 * An error for a log line or an operator's message: the SQLSTATE (or the
 * driver's / socket's code) and the innermost cause's message. Never the
 * message of a failed query itself — drizzle's is `Failed query: <sql>
 * params: <values>`, and the values are emails and account ids. `stack` adds
 * the outermost error's frames (code locations only, not its message).
 */
export function describeError(error: unknown, options: { stack?: boolean } = {}): string {
  if (!(error instanceof Error)) return String(error);
  let innermost: Error = error;
  let code: string | undefined;
  // drizzle wraps the driver's error (`cause`), which may wrap the socket's: a few levels down, as db/error-code.ts looks.
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    innermost = current;
    const own = (current as { code?: unknown }).code;
    if (code === undefined && (typeof own === "string" || typeof own === "number")) code = String(own);
  }
  const message = innermost instanceof DrizzleQueryError ? "query failed" : innermost.message || innermost.name;
  const described = code === undefined ? `${innermost.name}: ${message}` : `${innermost.name} ${code}: ${message}`;
  if (!options.stack || !error.stack) return described;
  const frames = error.stack.split("\n").filter((line) => /^\s+at /.test(line));
  return [described, ...frames].join("\n");
}
