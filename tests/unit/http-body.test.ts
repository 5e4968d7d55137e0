// Request bodies at the JSON edge: U+0000 is valid JSON, but PostgreSQL
// stores it in neither text nor jsonb, so parseWith refuses it in any string
// of any body — a 400 naming where it is, whatever the schema would accept.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { z } from "zod";
import { isSudomimusError } from "@/lib/errors";
import { parseJsonBytes, parseWith } from "@/lib/http/body";

const refusal = (schema: z.ZodType, json: string) => {
  try {
    parseWith(schema, parseJsonBytes(new TextEncoder().encode(json)));
  } catch (error) {
    assert.ok(isSudomimusError(error), String(error));
    return { status: error.status, reason: error.reason, message: error.publicMessage };
  }
  assert.fail(`accepted ${json}`);
};

describe("parseWith and the NUL character", () => {
  const anything = z.record(z.string(), z.unknown());

  it("names the field and the path of a string holding U+0000, even where the schema takes any value", () => {
    assert.deepEqual(refusal(z.strictObject({ refreshToken: z.string() }), '{"refreshToken":"a.b\\u0000"}'), {
      status: 400,
      reason: "Invalid refreshToken",
      message: "refreshToken: must not contain the NUL character (U+0000)",
    });
    assert.deepEqual(refusal(anything, '{"authentication":[{"method":"X","payload":{"connectorAnchor":"\\u0000"}}]}'), {
      status: 400,
      reason: "Invalid authentication",
      message: "authentication[0].payload.connectorAnchor: must not contain the NUL character (U+0000)",
    });
  });

  it("refuses U+0000 in a member name: the object holding it is named", () => {
    assert.equal(refusal(anything, '{"names":{"en\\u0000":"x"}}').message, "names: must not contain the NUL character (U+0000)");
    assert.deepEqual(refusal(anything, '{"\\u0000":1}'), { status: 400, reason: "Invalid body", message: "body: must not contain the NUL character (U+0000)" });
  });

  it("walks deeply nested bodies without overflowing the stack, and leaves clean ones to the schema", () => {
    const deep = `{"a":${"[".repeat(20_000)}"\\u0000"${"]".repeat(20_000)}}`;
    assert.equal(refusal(anything, deep).reason, "Invalid a");
    assert.deepEqual(parseWith(z.strictObject({ text: z.string() }), { text: "NUL-free \\u0000 is only text" }), { text: "NUL-free \\u0000 is only text" });
  });
});
