// /device-token's wire shapes (device.yaml `DeviceTokenResponse` /
// `DeviceTokenError`): tokens in Sudomimus camelCase, everything else an RFC
// 8628 `{ error }` — 400, except `server_error` (500). Bad input of any kind
// is `invalid_request`; nothing on this endpoint answers with a `reason`.
import { SudomimusError } from "../errors";
import { json } from "../http/respond";
import type { Logger } from "../log";
import type { DeviceTokenError, DeviceTokenOutcome } from "./token";

export function deviceTokenError(error: DeviceTokenError, interval?: number): Response {
  return json(interval === undefined ? { error } : { error, interval }, error === "server_error" ? 500 : 400);
}

export function deviceTokenResponse(outcome: DeviceTokenOutcome): Response {
  return outcome.ok ? json(outcome.tokens) : deviceTokenError(outcome.error, outcome.interval);
}

/** Failures before a poll could be answered: malformed requests, or the server itself. */
export function deviceTokenFailure(error: unknown, log: Logger | undefined): Response {
  if (error instanceof SudomimusError && error.status < 500) return deviceTokenError("invalid_request");
  log?.error("device-token failed", { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  return deviceTokenError("server_error");
}
