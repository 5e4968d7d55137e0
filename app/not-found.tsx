// The page for an address that names nothing: an unknown path, or a portal
// page for an organization, application or domain the caller cannot see
// (whether it exists is not revealed). In the reader's language, with the
// way home — Next.js's own 404 page is English only.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LinkPair } from "@/components/link-pair";
import { SiteHeader } from "@/components/site-header";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common.notFound");
  return { title: t("title") };
}

export default async function NotFound() {
  const t = await getTranslations("common.notFound");
  return (
    <>
      <SiteHeader returnTo="/" />
      <main className="mx-auto max-w-5xl px-6 py-16 sm:py-24">
        <p className="text-sm font-semibold uppercase tracking-wider text-brand-600 dark:text-brand-300">404</p>
        <h1 className="mt-3 text-3xl font-bold tracking-tight sm:text-4xl">{t("title")}</h1>
        <p className="mt-4 max-w-2xl text-lg text-slate-600 dark:text-slate-300">{t("body")}</p>
        <LinkPair className="mt-8" primary={{ href: "/", label: t("home") }} secondary={{ href: "/with", label: t("portal") }} />
      </main>
    </>
  );
}
