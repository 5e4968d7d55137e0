"use client";

// Runs one request of a page step at a time: which action is busy (for its
// button's busy state) and the step's inline error. What a failure means is
// the caller's: `onFailure` returns the inline message to show, or null when
// it handled the failure itself (escalated, reloaded…).
import { useCallback, useRef, useState } from "react";
import type { ViaError, ViaResult } from "./via-api";

export function useOneAction<Action extends string, Message>(onFailure: (error: ViaError) => Message | null) {
  const [busy, setBusy] = useState<Action | null>(null);
  const [error, setError] = useState<Message | null>(null);
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
      const message = onFailure(result.error);
      if (message !== null) setError(message);
    },
    [onFailure],
  );

  return { busy, error, setError, run };
}
