// How lib-level tests expect a refusal: the promise rejects with a
// SudomimusError of this reason (and status, when given). The error comes
// back for checks of its body.
import assert from "node:assert/strict";
import { isSudomimusError, type Reason, type SudomimusError } from "@/lib/errors";

export async function rejectsWith(promise: Promise<unknown>, reason: Reason, status?: number): Promise<SudomimusError> {
  let caught: SudomimusError | undefined;
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isSudomimusError(error), String(error));
    assert.equal(error.reason, reason, error.message);
    if (status !== undefined) assert.equal(error.status, status);
    caught = error;
    return true;
  });
  return caught!;
}
