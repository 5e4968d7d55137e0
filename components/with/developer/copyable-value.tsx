// A value a developer pastes elsewhere (an anchor, a redirect URI): shown in
// full in a monospace font with a copy button beside it — below it when the
// line is too narrow. Long values break after a slash or hyphen first.
import { Fragment } from "react";
import { CopyButton } from "@/components/ui/copy-button";

export function CopyableValue({ value, label, testId }: { value: string; label?: string; testId?: string }) {
  return (
    <div className="flex flex-wrap items-start gap-2">
      <code
        data-testid={testId}
        className="min-w-0 grow basis-56 rounded-lg border border-slate-200 bg-slate-50 px-3 py-1.5 font-mono text-sm wrap-anywhere text-slate-900 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
      >
        {value.split(/(?<=\/)/).map((part, index) => (
          <Fragment key={index}>
            {index > 0 && <wbr />}
            {part}
          </Fragment>
        ))}
      </code>
      <CopyButton value={value} label={label} />
    </div>
  );
}
