"use client";

// What every step of the errand page shares: the key, the application's
// name, whether a step change happened (new steps take focus), and the ways
// out of a step — a fresh view from the server, or a reload.
import { createContext, useCallback, useContext } from "react";
import { useTranslations } from "next-intl";
import type { ErrandView } from "@/lib/errand/errand-view";
import { useOneAction } from "../use-one-action";
import type { ViaError } from "../via-api";
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

/** One request of a step at a time; a finished errand reloads the page, anything else shows inline. */
export function useErrandAction<Action extends string>() {
  const flow = useErrandFlow();
  const onFailure = useCallback(
    (error: ViaError): ErrandMessage | null => {
      const failure = describeErrandError(error);
      if (failure.kind !== "reload") return failure.message;
      flow.reload();
      return null;
    },
    [flow],
  );
  return useOneAction<Action, ErrandMessage>(onFailure);
}
