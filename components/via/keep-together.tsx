// For `t.rich`: a name inside a title (an application, an email address)
// moves to the next line whole instead of breaking at its hyphens, and
// breaks inside only when it is longer than a line.
import type { ReactNode } from "react";

export const keep = (chunks: ReactNode) => <span className="inline-block max-w-full wrap-anywhere">{chunks}</span>;
