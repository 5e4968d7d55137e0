// The landing page: what Sudomimus is, and the two ways in — the live demo
// relying party and the portal.
import { getTranslations } from "next-intl/server";
import { LinkPair } from "@/components/link-pair";
import { SiteHeader } from "@/components/site-header";

const SURFACES = [
  { path: "/connect-api", key: "connect" },
  { path: "/via", key: "via" },
  { path: "/device-api", key: "device" },
  { path: "/native-api", key: "native" },
  { path: "/oidc", key: "oidc" },
  { path: "/with", key: "with" },
] as const;

const FEATURES = ["passkeys", "threeKeys", "pairwise", "defaultDeny", "paths", "selfHosted"] as const;

export default async function LandingPage() {
  const t = await getTranslations("landing");
  return (
    <>
      <SiteHeader returnTo="/" />
      <main className="mx-auto max-w-5xl px-6 pb-24">
        <section className="py-16 sm:py-24">
          <p className="text-sm font-semibold uppercase tracking-wider text-brand-600 dark:text-brand-300">{t("eyebrow")}</p>
          <h1 className="mt-3 max-w-3xl text-4xl font-bold tracking-tight sm:text-5xl">{t("title")}</h1>
          <p className="mt-6 max-w-2xl text-lg text-slate-600 dark:text-slate-300">{t("lead")}</p>
          <LinkPair className="mt-10" primary={{ href: "/demo", label: t("tryDemo") }} secondary={{ href: "/with", label: t("openPortal") }} />
        </section>

        <section aria-labelledby="features-heading">
          <h2 id="features-heading" className="sr-only">
            {t("featuresHeading")}
          </h2>
          <ul className="grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
            {FEATURES.map((feature) => (
              <li key={feature} className="rounded-xl border border-slate-200 bg-white p-6 dark:border-slate-800 dark:bg-slate-900">
                <h3 className="font-semibold">{t(`features.${feature}.title`)}</h3>
                <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{t(`features.${feature}.body`)}</p>
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="surfaces-heading" className="mt-20">
          <h2 id="surfaces-heading" className="text-2xl font-bold tracking-tight">
            {t("surfacesHeading")}
          </h2>
          <p className="mt-2 text-slate-600 dark:text-slate-400">{t("surfacesLead")}</p>
          <dl className="mt-6 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
            {SURFACES.map((surface) => (
              <div key={surface.path} className="grid gap-1 px-6 py-4 sm:grid-cols-[12rem_1fr]">
                <dt className="font-mono text-sm text-brand-700 dark:text-brand-300">{surface.path}</dt>
                <dd className="text-sm text-slate-700 dark:text-slate-300">{t(`surfaces.${surface.key}`)}</dd>
              </div>
            ))}
          </dl>
        </section>
      </main>
    </>
  );
}
