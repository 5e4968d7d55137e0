// The CLI's side of the admin socket: send one request line to the server
// that holds the PGlite data directory, read its one answer line.
import net from "node:net";
import { AdminCommandError, CliError } from "./cli-error";
import type { AdminRequest } from "./run-command";
import { MAX_REQUEST_BYTES, adminResponseSchema, adminSocketPath, socketPathFits } from "./protocol";

/** Nothing listens (missing socket file, stale file, server without a socket): the request was never sent. */
export class AdminSocketUnavailableError extends Error {
  constructor(
    readonly socketPath: string,
    readonly why: string,
  ) {
    super(`The admin socket ${socketPath} is not available (${why}).`);
    this.name = "AdminSocketUnavailableError";
  }
}

const ANSWER_TIMEOUT_MS = 120_000;

export async function sendAdminRequest(
  dataDir: string,
  request: AdminRequest,
  timeoutMs = ANSWER_TIMEOUT_MS,
): Promise<unknown> {
  const socketPath = adminSocketPath(dataDir);
  if (!socketPathFits(socketPath)) throw new AdminSocketUnavailableError(socketPath, "its path is too long for a Unix socket");
  const line = await exchange(socketPath, JSON.stringify(request) + "\n", timeoutMs);
  let body: unknown;
  try {
    body = JSON.parse(line);
  } catch {
    throw new CliError("The server's admin answer is not valid JSON.");
  }
  const response = adminResponseSchema.safeParse(body);
  if (!response.success) throw new CliError("The server's admin answer has an unexpected shape.");
  if (!response.data.ok) throw new AdminCommandError(response.data.error.reason, response.data.error.message);
  return response.data.result;
}

function exchange(socketPath: string, payload: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(socketPath);
    const chunks: Buffer[] = [];
    let size = 0;
    let connected = false;
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      outcome();
    };
    // Once the request is out, the server may have done the work even if no answer arrives.
    const lost = (what: string) =>
      new CliError(`${what}; the command may still have completed on the server, so check before running it again.`);

    socket.setTimeout(timeoutMs, () => settle(() => reject(lost(`No answer from the server within ${timeoutMs / 1000} s`))));
    socket.once("connect", () => {
      connected = true;
      socket.write(payload);
    });
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) return settle(() => reject(new CliError("The server's admin answer is too large.")));
      const all = Buffer.concat(chunks);
      const newline = all.indexOf(0x0a);
      if (newline !== -1) settle(() => resolve(all.subarray(0, newline).toString("utf8")));
    });
    socket.once("error", (error: NodeJS.ErrnoException) =>
      settle(() =>
        reject(connected ? lost(`The admin connection failed (${error.message})`) : new AdminSocketUnavailableError(socketPath, error.code ?? error.message)),
      ),
    );
    socket.once("close", () => settle(() => reject(lost("The server closed the admin connection without an answer"))));
  });
}
