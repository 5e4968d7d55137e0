import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DrizzleQueryError } from "drizzle-orm";
import { describeError } from "@/lib/log";

const EMAIL = "alice@example.com";
const ACCOUNT_ID = "3f0c6f3e-6d0b-4c57-9d1e-2a8f1b7c4e55";

/** What drizzle throws when a query fails: the query text and its parameters in the message, the driver's error as cause. */
function failedQuery(cause: Error): DrizzleQueryError {
  return new DrizzleQueryError('insert into "email_identities" ("account_id", "email") values ($1, $2)', [ACCOUNT_ID, EMAIL], cause);
}

describe("describeError", () => {
  it("gives a failed query's SQLSTATE and the driver's message, never its parameters or query text", () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "email_identities_email_uq"'), { code: "23505" });
    const error = failedQuery(cause);
    assert.match(error.message, /alice@example\.com/, "drizzle's own message carries the parameters");
    for (const described of [describeError(error), describeError(error, { stack: true })]) {
      assert.ok(!described.includes(EMAIL), described);
      assert.ok(!described.includes(ACCOUNT_ID), described);
      assert.ok(!described.includes("insert into"), described);
      assert.match(described, /23505/);
      assert.match(described, /duplicate key value violates unique constraint "email_identities_email_uq"/);
    }
  });

  it("finds the code and message of a connection failure below the driver's error", () => {
    const socket = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const described = describeError(failedQuery(new Error("write CONNECTION_CLOSED", { cause: socket })));
    assert.ok(!described.includes(EMAIL), described);
    assert.match(described, /ECONNREFUSED/);
  });

  it("says only that the query failed when drizzle has no cause to tell", () => {
    const described = describeError(new DrizzleQueryError("select $1", [EMAIL]));
    assert.ok(!described.includes(EMAIL), described);
    assert.match(described, /query failed/);
  });

  it("keeps an ordinary error's message, and its code locations when asked", () => {
    const error = new TypeError("cannot read properties of undefined");
    assert.equal(describeError(error), "TypeError: cannot read properties of undefined");
    assert.match(describeError(error, { stack: true }), /^TypeError: cannot read properties of undefined\n\s+at /);
    assert.equal(describeError("plain"), "plain");
  });
});
