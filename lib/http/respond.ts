// Turning results and errors into responses. Every JSON answer is no-store:
// it carries keys or tokens, or describes them.
import { SudomimusError } from "../errors";
import type { Logger } from "../log";

const baseHeaders = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...baseHeaders, ...headers } });
}

/** The Connect/Native/Device wire shape: `{ reason, message?, ...extra }` with the reason's status. */
export function errorResponse(error: unknown, log?: Logger): Response {
  if (error instanceof SudomimusError) {
    if (error.status >= 500) log?.error("request failed", { reason: error.reason, detail: error.detail ?? error.message });
    const body: Record<string, unknown> = { reason: error.reason };
    if (error.publicMessage) body.message = error.publicMessage;
    return json({ ...body, ...error.body }, error.status, error.headers);
  }
  log?.error("unexpected error", { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  return json({ reason: "InternalError" }, 500);
}
