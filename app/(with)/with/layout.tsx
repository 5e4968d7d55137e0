// The frame of every portal page: the site header with the signed-in user's
// sign-out button, then — once signed in — the section navigation beside the
// page. Portal pages are personal: never indexed, never cached.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { SiteHeader } from "@/components/site-header";
import { PortalNav } from "@/components/with/portal-nav";
import { peekPortalAccount } from "@/lib/portal/portal-context";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("with");
  return { title: { default: t("metaTitle"), template: `%s · ${t("metaTitle")}` }, robots: { index: false, follow: false } };
}

export default async function WithLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("with");
  const signedIn = (await peekPortalAccount()) === "signed-in";
  return (
    <ClientMessages surface="with">
      <div className="min-h-screen bg-slate-50 dark:bg-slate-950">
        <SiteHeader returnTo="/with" />
        {signedIn ? (
          <div className="mx-auto flex max-w-5xl flex-col gap-6 px-6 py-6 lg:flex-row lg:gap-10 lg:py-10">
            <aside className="lg:w-56 lg:shrink-0">
              <PortalNav />
              <form action="/with/sign-out" method="post" className="mt-4 hidden lg:block">
                <button type="submit" className="w-full rounded-lg px-3 py-2 text-left text-sm font-medium text-slate-600 hover:bg-slate-100 dark:text-slate-400 dark:hover:bg-slate-800">
                  {t("signOut")}
                </button>
              </form>
            </aside>
            <main className="min-w-0 flex-1">{children}</main>
          </div>
        ) : (
          <main className="mx-auto max-w-3xl px-6 py-12">{children}</main>
        )}
      </div>
    </ClientMessages>
  );
}
