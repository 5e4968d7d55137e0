// Turning results and errors into responses. Every JSON answer is no-store:
// it carries keys or tokens, or describes them.
import { isDatabaseUnavailable } from "@/db/unavailable";
import { isUnstorableText } from "@/db/unstorable-text";
import { SudomimusError } from "../errors";
import { describeError, type Logger } from "../log";

const baseHeaders = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };

// The API fast path (lib/server) sends a JSON answer's text as it was
// serialized here instead of reading it back out of the Response's stream.
const SERIALIZED_BODY = Symbol.for("sudomimus.http.serializedBody");
type WithSerializedBody = Response & { [SERIALIZED_BODY]?: string };

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const text = JSON.stringify(body);
  const response = new Response(text, { status, headers: { ...baseHeaders, ...headers } }) as WithSerializedBody;
  response[SERIALIZED_BODY] = text;
  return response;
}

/** The body text of a Response made by `json`, else null (read the stream). */
export function serializedBody(response: Response): string | null {
  return (response as WithSerializedBody)[SERIALIZED_BODY] ?? null;
}

/** What a request hears when it carried text the database cannot store (U+0000) past the edge's checks. */
export const UNSTORABLE_TEXT_MESSAGE = "The request contains text that cannot be stored: the NUL character (U+0000).";

/** The Connect/Native/Device wire shape: `{ reason, message?, ...extra }` with the reason's status. */
export function errorResponse(error: unknown, log?: Logger): Response {
  if (error instanceof SudomimusError) {
    if (error.status >= 500) log?.error("request failed", { reason: error.reason, detail: error.detail ?? error.message });
    const body: Record<string, unknown> = { reason: error.reason };
    if (error.publicMessage) body.message = error.publicMessage;
    return json({ ...body, ...error.body }, error.status, error.headers);
  }
  if (isDatabaseUnavailable(error)) {
    log?.error("database unavailable", { error: describeError(error) });
    return json({ reason: "ServiceUnavailable", message: "The service is briefly unavailable. Try again in a moment." }, 503, { "retry-after": "5" });
  }
  if (isUnstorableText(error)) {
    // The last line of defence: the edge should have refused the value (and is worth fixing, hence the log), but
    // it is still bad input — a 400, never a 500. The failed statement wrote nothing.
    log?.warn("request text the database cannot store", { error: describeError(error, { stack: true }) });
    return errorResponse(new SudomimusError("InvalidRequest", { message: UNSTORABLE_TEXT_MESSAGE }), log);
  }
  log?.error("unexpected error", { error: describeError(error, { stack: true }) });
  return json({ reason: "InternalError" }, 500);
}
