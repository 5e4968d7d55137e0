"use client";

// The top of every errand step: badge, title (focused after a step change), lead.
import type { ReactNode } from "react";
import { CardHeader, cardTitleClasses } from "@/components/ui/card";
import { FocusHeading } from "@/components/ui/focus-heading";
import { useErrandFlow } from "./errand-context";

export function ErrandStepHeader({ badge, title, lead, focusTitle = true }: { badge?: ReactNode; title: ReactNode; lead?: ReactNode; focusTitle?: boolean }) {
  const { navigated } = useErrandFlow();
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
