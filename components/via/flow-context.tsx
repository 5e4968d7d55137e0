"use client";

// What every step of the sign-in flow shares: the inquiry's exposure key,
// the application's name, and the two ways out of a step — on to the next
// step with an outcome, or up to the flow with an error the step cannot show.
import { createContext, useContext } from "react";
import type { ViaOutcome } from "@/lib/via/outcome";
import type { ViaError } from "./via-api";

export interface Flow {
  exposureKey: string;
  application: string;
  /** True after the first step change: new steps then take focus. */
  navigated: boolean;
  proceed(outcome: ViaOutcome): void;
  escalate(error: ViaError): void;
}

export const FlowContext = createContext<Flow | null>(null);

export function useFlow(): Flow {
  const flow = useContext(FlowContext);
  if (!flow) throw new Error("useFlow outside the sign-in flow");
  return flow;
}
