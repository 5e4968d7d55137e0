"use client";

// The top of every step: badge, title (focused after a step change) and lead.
import type { ReactNode } from "react";
import { CardHeader, cardTitleClasses } from "@/components/ui/card";
import { FocusHeading } from "@/components/ui/focus-heading";
import { useFlow } from "./flow-context";

export function StepHeader({ badge, title, lead, focusTitle = true }: { badge?: ReactNode; title: ReactNode; lead?: ReactNode; focusTitle?: boolean }) {
  const { navigated } = useFlow();
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
