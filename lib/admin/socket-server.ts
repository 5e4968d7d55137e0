// The running server's admin endpoint. Embedded PGlite belongs to exactly one
// process, so while the server runs, the admin CLI cannot open the database
// itself; it asks the server to run the command instead, over a Unix domain
// socket in the data directory.
//
// Trust boundary: the socket lives in the data directory, which is created
// owner-only (0700) and already holds the database files and secret.key — a
// process that can reach the socket can read the whole database anyway. The
// socket itself is chmod 0600 as well; in the moment between listen() and
// chmod() it has the umask's mode, which grants no one else write access
// (needed to connect) under any usual umask.
import fs from "node:fs";
import net from "node:net";
import { isSudomimusError } from "../errors";
import { describeError } from "../log";
import type { Runtime } from "../runtime";
import { runAdminCommand } from "./run-command";
import { MAX_REQUEST_BYTES, adminSocketPath, socketPathFits, type AdminResponse } from "./protocol";

export interface AdminSocket {
  /** Null when the socket could not be opened (the server runs on without it). */
  path: string | null;
  close(): Promise<void>;
}

/** A client that connects and sends nothing is dropped after this long. */
const REQUEST_TIMEOUT_MS = 30_000;
/** On shutdown, commands already running get this long to finish before the database closes. */
const DRAIN_TIMEOUT_MS = 10_000;

const inactive: AdminSocket = { path: null, close: async () => {} };

export async function startAdminSocket(runtime: Runtime): Promise<AdminSocket> {
  const socketPath = adminSocketPath(runtime.config.dataDir);
  const unavailable = (why: string) => {
    runtime.log.warn("admin socket unavailable; the admin CLI cannot reach this server", { path: socketPath, why });
    return inactive;
  };
  if (!socketPathFits(socketPath)) return unavailable("the data directory path is too long for a Unix socket");
  try {
    removeStaleSocket(socketPath);
  } catch (error) {
    return unavailable(String(error));
  }

  const connections = new Set<net.Socket>();
  const running = new Set<Promise<void>>();
  const server = net.createServer((socket) => {
    connections.add(socket);
    socket.once("close", () => connections.delete(socket));
    readRequestLine(socket, (line) => {
      const work: Promise<void> = handleLine(runtime, line)
        .then((response) => void socket.end(JSON.stringify(response) + "\n"))
        .catch((error: unknown) => {
          runtime.log.error("admin request failed", { error: String(error) });
          socket.destroy();
        })
        .finally(() => running.delete(work));
      running.add(work);
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(socketPath, () => resolve());
    });
    fs.chmodSync(socketPath, 0o600);
  } catch (error) {
    server.close();
    return unavailable(String(error));
  }
  server.on("error", (error) => runtime.log.error("admin socket failed", { error: String(error) }));

  let closing: Promise<void> | undefined;
  return {
    path: socketPath,
    close: () =>
      (closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        await Promise.race([Promise.allSettled([...running]), delay(DRAIN_TIMEOUT_MS)]);
        for (const socket of connections) socket.destroy();
        await closed;
        // Node unlinks the socket on close; this covers the cases where it could not.
        fs.rmSync(socketPath, { force: true });
      })()),
  };
}

/** Only the lock holder listens here, so a socket file found at start-up was left by a crashed process. */
function removeStaleSocket(socketPath: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(socketPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  if (!stat.isSocket()) throw new Error(`${socketPath} exists and is not a socket; not touching it`);
  fs.unlinkSync(socketPath);
}

function readRequestLine(socket: net.Socket, onLine: (line: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  socket.setTimeout(REQUEST_TIMEOUT_MS, () => socket.destroy());
  socket.on("error", () => socket.destroy());
  socket.on("data", (chunk: Buffer) => {
    if (done) return;
    const newline = chunk.indexOf(0x0a);
    const part = newline === -1 ? chunk : chunk.subarray(0, newline);
    size += part.length;
    if (size > MAX_REQUEST_BYTES) {
      done = true;
      const response: AdminResponse = {
        ok: false,
        error: { reason: "PayloadTooLarge", message: `An admin request may be at most ${MAX_REQUEST_BYTES} bytes.` },
      };
      socket.end(JSON.stringify(response) + "\n");
      return;
    }
    chunks.push(part);
    if (newline === -1) return;
    done = true;
    socket.setTimeout(0);
    onLine(Buffer.concat(chunks).toString("utf8"));
  });
}

async function handleLine(runtime: Runtime, line: string): Promise<AdminResponse> {
  const failure = (reason: string, message: string): AdminResponse => ({ ok: false, error: { reason, message } });
  let body: unknown;
  try {
    body = JSON.parse(line);
  } catch {
    return failure("InvalidRequest", "The admin request is not valid JSON.");
  }
  const record = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const command = typeof record.command === "string" ? record.command : "";
  try {
    const result = await runAdminCommand(runtime, { command, args: record.args });
    runtime.log.info("admin command done", { command });
    return { ok: true, result };
  } catch (error) {
    if (isSudomimusError(error)) return failure(error.reason, error.message);
    runtime.log.error("admin command failed", { command, error: describeError(error, { stack: true }) });
    // The caller is the data directory's owner, who may see internals — but not a failed query's parameters (other people's emails).
    return failure("InternalError", `The command failed: ${describeError(error)}`);
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
