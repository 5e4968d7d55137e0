// Whether a failed query failed because the database could not be reached
// (the server is down, restarting, refusing connections, or the connection
// broke) rather than because of the query: the request may succeed if sent
// again shortly, so it is answered 503 with Retry-After, not 500.
import { hasErrorCode } from "./error-code";

const CONNECTION_CODES = new Set([
  // The socket (Node) and postgres.js's own connection states.
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  // SQLSTATE class 08 (connection exception) and 57P0x (the server is shutting down or starting), 53300 (too many connections).
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  return hasErrorCode(error, CONNECTION_CODES);
}
