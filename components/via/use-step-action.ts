"use client";

// A sign-in step's requests: inline errors stay on the step, errors the step
// cannot handle (the inquiry ended, the account is refused, …) escalate to the flow.
import { useCallback } from "react";
import { useFlow } from "./flow-context";
import { describeError, type MessageRef } from "./error-messages";
import { useOneAction } from "./use-one-action";
import type { ViaError } from "./via-api";

export function useStepAction<Action extends string>() {
  const flow = useFlow();
  const onFailure = useCallback(
    (error: ViaError): MessageRef | null => {
      const described = describeError(error);
      if (described.kind === "inline") return described.message;
      flow.escalate(error);
      return null;
    },
    [flow],
  );
  return useOneAction<Action, MessageRef>(onFailure);
}
