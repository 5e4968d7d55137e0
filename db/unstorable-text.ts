// Whether a query failed because a value held text PostgreSQL cannot store:
// U+0000 is refused in text (SQLSTATE 22021, "invalid byte sequence for
// encoding UTF8: 0x00") and in jsonb (22P05, "unsupported Unicode escape
// sequence"), and the whole statement fails with it. That is the request's
// fault, not the server's: the edges refuse such input before any query, and
// whatever slips past them is answered as bad input, never as a 500.
import { hasErrorCode } from "./error-code";

const UNSTORABLE_TEXT_CODES = new Set(["22021", "22P05"]);

export function isUnstorableText(error: unknown): boolean {
  return hasErrorCode(error, UNSTORABLE_TEXT_CODES);
}
