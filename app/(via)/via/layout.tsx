// The frame of every hosted sign-in page: the page's own header (it knows
// the query string, which a layout cannot), the centered content, and the
// "Secured by Sudomimus" line. Sign-in pages are never indexed.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LockIcon } from "@/components/ui/icons";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("via");
  return { title: t("metaTitle"), robots: { index: false, follow: false } };
}

export default async function ViaLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("via");
  return (
    <div className="flex min-h-screen flex-col bg-gradient-to-b from-slate-50 to-slate-100 dark:from-slate-950 dark:to-slate-900">
      {children}
      <footer className="flex items-center justify-center gap-1.5 px-4 pb-6 text-xs text-slate-500 dark:text-slate-400">
        <LockIcon className="h-3.5 w-3.5" />
        {t("securedBy")}
      </footer>
    </div>
  );
}
