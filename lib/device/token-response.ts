// /device-token's wire shapes (device.yaml `DeviceTokenResponse` /
// `DeviceTokenError`): tokens in Sudomimus camelCase, everything else an RFC
// 8628 `{ error }` — 400, except `server_error` (500) and a database outage
// (503 `slow_down`). Bad input of any kind is `invalid_request`; nothing on
// this endpoint answers with a `reason`.
import { isDatabaseUnavailable } from "@/db/unavailable";
import { isUnstorableText } from "@/db/unstorable-text";
import { SudomimusError } from "../errors";
import { json } from "../http/respond";
import type { Logger } from "../log";
import type { DeviceTokenError, DeviceTokenOutcome } from "./token";

/**
 * While the database cannot be reached: how long a polling client should
 * wait. `server_error` would tell it to stop polling (device.yaml: the
 * session failed), but the session is intact and the outage passes.
 */
export const OUTAGE_POLL_INTERVAL_SECONDS = 10;

export function deviceTokenError(error: DeviceTokenError, interval?: number): Response {
  return json(interval === undefined ? { error } : { error, interval }, error === "server_error" ? 500 : 400);
}

export function deviceTokenResponse(outcome: DeviceTokenOutcome): Response {
  return outcome.ok ? json(outcome.tokens) : deviceTokenError(outcome.error, outcome.interval);
}

/** Failures before a poll could be answered: malformed requests, or the server itself. */
export function deviceTokenFailure(error: unknown, log: Logger | undefined): Response {
  // Text the database cannot store (U+0000) is malformed input too, wherever it was caught.
  if ((error instanceof SudomimusError && error.status < 500) || isUnstorableText(error)) return deviceTokenError("invalid_request");
  if (isDatabaseUnavailable(error)) {
    log?.error("device-token: database unavailable", { error: error instanceof Error ? error.message : String(error) });
    // 503 for HTTP-aware clients; `slow_down` keeps an RFC 8628 client polling, at the interval it names.
    const interval = OUTAGE_POLL_INTERVAL_SECONDS;
    return json({ error: "slow_down", interval }, 503, { "retry-after": String(interval) });
  }
  log?.error("device-token failed", { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  return deviceTokenError("server_error");
}
