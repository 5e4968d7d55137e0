"use client";

// A heading that takes focus when it appears after a step change, so screen
// reader and keyboard users land at the start of the new content instead of
// on a button that no longer exists. Not on first load: that would steal the
// page's natural starting point.
import { useEffect, useRef, type ReactNode } from "react";

export function FocusHeading({ focusOnMount, className, children, id }: { focusOnMount: boolean; className?: string; children: ReactNode; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
    // Only on mount: a re-render must not pull focus back.
  }, []);
  return (
    <h1 ref={ref} id={id} tabIndex={-1} className={className}>
      {children}
    </h1>
  );
}
