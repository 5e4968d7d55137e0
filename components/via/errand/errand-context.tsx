"use client";

// What every step of the errand page shares: the key, the application's
// name, whether a step change happened (new steps take focus), and the ways
// out of a step — a fresh view from the server, or a reload.
import { createContext, useCallback, useContext, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import type { ErrandView } from "@/lib/errand/errand-view";
import type { ViaResult } from "../via-api";
import { describeErrandError, type ErrandMessage } from "./errand-errors";

export interface ErrandFlow {
  errandKey: string;
  application: string;
  navigated: boolean;
  show(view: ErrandView): void;
  reload(): void;
}

export const ErrandFlowContext = createContext<ErrandFlow | null>(null);

export function useErrandFlow(): ErrandFlow {
  const flow = useContext(ErrandFlowContext);
  if (!flow) throw new Error("useErrandFlow outside the errand flow");
  return flow;
}

/** Text for an errand message, with the application's name always available as {application}. */
export function useErrandMessage(): (message: ErrandMessage | null) => string | null {
  const t = useTranslations("errand");
  const { application } = useErrandFlow();
  return (message) => (message ? t(message.key, { application, ...message.values }) : null);
}

/** One request of a step at a time: which action is busy, the step's inline error. */
export function useErrandAction<Action extends string>() {
  const flow = useErrandFlow();
  const [busy, setBusy] = useState<Action | null>(null);
  const [error, setError] = useState<ErrandMessage | null>(null);
  // A ref as well as state: two clicks in one frame must not both pass.
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
      const failure = describeErrandError(result.error);
      if (failure.kind === "reload") flow.reload();
      else setError(failure.message);
    },
    [flow],
  );
  return { busy, error, setError, run };
}
