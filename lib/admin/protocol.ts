// What the CLI and the running server's admin socket agree on: where the
// socket is, how big a request may be, and the shape of an answer. One JSON
// line in, one JSON line out, per connection.
import path from "node:path";
import { z } from "zod";

export const ADMIN_SOCKET_FILE = "admin.sock";

/** A request is a few rules and names; anything near this size is not a real request. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

/**
 * sun_path holds 108 bytes on Linux and 104 on macOS, including the NUL.
 * Node silently truncates longer paths (and would then listen on, or
 * connect to, a different file), so both sides refuse them instead.
 */
export const MAX_SOCKET_PATH_BYTES = 103;

export function adminSocketPath(dataDir: string): string {
  return path.join(dataDir, ADMIN_SOCKET_FILE);
}

export function socketPathFits(socketPath: string): boolean {
  return Buffer.byteLength(socketPath) <= MAX_SOCKET_PATH_BYTES;
}

export const adminResponseSchema = z.union([
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ reason: z.string(), message: z.string() }) }),
]);
export type AdminResponse = z.infer<typeof adminResponseSchema>;
