// The Sudomimus wordmark of the hosted pages' header.
export function Wordmark() {
  return (
    <span className="flex items-center gap-2 text-base font-bold tracking-tight text-slate-900 dark:text-white">
      <span aria-hidden="true" className="grid h-7 w-7 place-items-center rounded-lg bg-brand-600 text-sm text-white">
        S
      </span>
      Sudomimus
    </span>
  );
}
