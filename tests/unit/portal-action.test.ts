import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DrizzleQueryError } from "drizzle-orm";
import { INVALID, UNAVAILABLE, UNEXPECTED, fallbackFailureOf } from "@/lib/portal/portal-action";

/** A failed statement as drizzle throws it: the driver's error, with its SQLSTATE or socket code, as cause. */
const failedQuery = (code: string, message: string) =>
  new DrizzleQueryError('update "accounts" set "first_name" = $1', ["Al\u0000ice"], Object.assign(new Error(message), { code }));

describe("portal action failures", () => {
  it("answers text the database cannot store (NUL) as invalid input, in text or in jsonb", () => {
    assert.deepEqual(fallbackFailureOf(failedQuery("22021", 'invalid byte sequence for encoding "UTF8": 0x00')), { ok: false, error: INVALID });
    assert.deepEqual(fallbackFailureOf(failedQuery("22P05", "unsupported Unicode escape sequence")), { ok: false, error: INVALID });
  });

  it("answers a database outage as unavailable (try again), not as unexpected", () => {
    assert.deepEqual(fallbackFailureOf(failedQuery("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432")), { ok: false, error: UNAVAILABLE });
    assert.deepEqual(fallbackFailureOf(failedQuery("57P01", "terminating connection due to administrator command")), { ok: false, error: UNAVAILABLE });
  });

  it("answers anything else as unexpected", () => {
    assert.deepEqual(fallbackFailureOf(failedQuery("23505", "duplicate key value")), { ok: false, error: UNEXPECTED });
    assert.deepEqual(fallbackFailureOf(new TypeError("bug")), { ok: false, error: UNEXPECTED });
  });
});
