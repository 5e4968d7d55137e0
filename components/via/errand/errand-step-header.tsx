"use client";

// The top of every errand step: the via step header, focused after the errand's own step changes.
import { StepHeaderView, type StepHeaderProps } from "../step-header";
import { useErrandFlow } from "./errand-context";

export function ErrandStepHeader(props: StepHeaderProps) {
  return <StepHeaderView {...props} navigated={useErrandFlow().navigated} />;
}
