// The frame of the hosted pages a browser is sent to (via's sign-in pages and
// the OpenID Provider's own): the page's content on the soft background and
// the "Secured by Sudomimus" line under it.
import type { ReactNode } from "react";
import { LockIcon } from "@/components/ui/icons";

export function HostedFrame({ securedBy, children }: { securedBy: string; children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col bg-gradient-to-b from-slate-50 to-slate-100 dark:from-slate-950 dark:to-slate-900">
      {children}
      <footer className="flex items-center justify-center gap-1.5 px-4 pb-6 text-xs text-slate-500 dark:text-slate-400">
        <LockIcon className="h-3.5 w-3.5" />
        {securedBy}
      </footer>
    </div>
  );
}
