"use client";

// Runs one request of a step at a time: which action is busy (for its
// button's busy state), the step's inline error, and escalation of errors
// the step cannot handle (the inquiry ended, the account is refused, …).
import { useCallback, useRef, useState } from "react";
import { useFlow } from "./flow-context";
import { describeError, type MessageRef } from "./error-messages";
import type { ViaResult } from "./via-api";

export function useStepAction<Action extends string>() {
  const flow = useFlow();
  const [busy, setBusy] = useState<Action | null>(null);
  const [error, setError] = useState<MessageRef | null>(null);
  // A ref as well as state: two clicks in one frame must not both pass the check.
  const running = useRef(false);

  const run = useCallback(
    async <T,>(action: Action, request: () => Promise<ViaResult<T>>, onSuccess: (data: T) => void): Promise<void> => {
      if (running.current) return;
      running.current = true;
      setBusy(action);
      setError(null);
      const result = await request();
      running.current = false;
      setBusy(null);
      if (result.ok) return onSuccess(result.data);
      const described = describeError(result.error);
      if (described.kind === "inline") setError(described.message);
      else flow.escalate(result.error);
    },
    [flow],
  );

  return { busy, error, setError, run };
}
