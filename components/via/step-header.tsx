"use client";

// The top of every step of the sign-in and errand flows: badge, title
// (focused after a step change) and lead. The view takes `navigated` from
// whichever flow it sits in; StepHeader is the sign-in flow's.
import type { ReactNode } from "react";
import { CardHeader, cardTitleClasses, StatusBadge } from "@/components/ui/card";
import { FocusHeading } from "@/components/ui/focus-heading";
import { CheckIcon, StopIcon } from "@/components/ui/icons";
import { useFlow } from "./flow-context";

export interface StepHeaderProps {
  badge?: ReactNode;
  title: ReactNode;
  lead?: ReactNode;
  focusTitle?: boolean;
}

export function StepHeaderView({ badge, title, lead, focusTitle = true, navigated }: StepHeaderProps & { navigated: boolean }) {
  return (
    <CardHeader
      badge={badge}
      title={
        <FocusHeading focusOnMount={navigated && focusTitle} className={cardTitleClasses}>
          {title}
        </FocusHeading>
      }
      lead={lead}
    />
  );
}

export function StepHeader(props: StepHeaderProps) {
  return <StepHeaderView {...props} navigated={useFlow().navigated} />;
}

/** The badge of a step that reports something done. */
/** Something ended or was refused: neutral when the user chose it, danger when it happened to them. */
export function StopBadge({ tone = "neutral" }: { tone?: "neutral" | "danger" }) {
  return (
    <StatusBadge tone={tone}>
      <StopIcon />
    </StatusBadge>
  );
}

export function DoneBadge() {
  return (
    <StatusBadge tone="success">
      <CheckIcon />
    </StatusBadge>
  );
}
