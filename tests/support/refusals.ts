// Asserting how a lib call refuses: the wire reason, and the `code` a
// developer-surface refusal names its message by.
import assert from "node:assert/strict";
import { isSudomimusError } from "@/lib/errors";

export async function refused(promise: Promise<unknown>, reason: string, code?: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isSudomimusError(error), String(error));
    assert.equal(error.reason, reason, error.message);
    if (code) assert.equal(error.body?.code, code, error.message);
    return true;
  });
}
