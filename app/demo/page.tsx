// /demo — the built-in relying party: sign in through a real Connect login
// and see exactly what the application received and verified.
import type { Metadata } from "next";
import Link from "next/link";
import { cookies } from "next/headers";
import { getFormatter, getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/site-header";
import { demoView } from "@/lib/demo/demo-relying-party";
import { getDeps } from "@/lib/runtime";

export const metadata: Metadata = { title: "Demo" };

const card = "rounded-2xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900 sm:p-8";
const primary = "rounded-lg bg-brand-600 px-5 py-3 font-semibold text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2";
const secondary =
  "rounded-lg border border-slate-300 bg-white px-4 py-2 font-medium hover:border-slate-400 dark:border-slate-700 dark:bg-slate-900 dark:hover:border-slate-500";

function Row({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div className="grid gap-1 py-3 sm:grid-cols-[11rem_1fr]">
      <dt className="text-sm text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="break-all font-mono text-sm">{value}</dd>
    </div>
  );
}

export default async function DemoPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const t = await getTranslations("demo");
  const format = await getFormatter();
  const deps = await getDeps();
  const store = await cookies();
  const view = await demoView(deps, { get: (name) => store.get(name)?.value ?? null });
  const error = typeof params.error === "string" ? params.error : null;
  const sessionStatus = typeof params.session === "string" ? params.session : null;
  const absent = <span className="text-slate-400">{t("absent")}</span>;

  return (
    <>
      <SiteHeader returnTo="/demo" />
      <main className="mx-auto max-w-3xl px-6 py-12">
        <h1 className="text-3xl font-bold tracking-tight">{t("title")}</h1>
        <p className="mt-3 text-slate-600 dark:text-slate-300">{t("lead")}</p>

        {error && (
          <div role="alert" className="mt-6 rounded-lg border border-red-300 bg-red-50 p-4 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
            {t("error", { reason: error })}
          </div>
        )}

        {!view ? (
          <section className={`${card} mt-8`} aria-labelledby="demo-start">
            <h2 id="demo-start" className="text-xl font-semibold">
              {t("howTitle")}
            </h2>
            <ol className="mt-4 list-decimal space-y-2 pl-5 text-slate-700 dark:text-slate-300">
              <li>{t("step1")}</li>
              <li>{t("step2")}</li>
              <li>{t("step3")}</li>
            </ol>
            <form action="/demo/start" method="post" className="mt-8">
              <button type="submit" className={primary}>
                {t("signIn")}
              </button>
            </form>
            {deps.config.devMailbox && (
              <p className="mt-6 text-sm text-slate-600 dark:text-slate-400">
                {t("mailboxHint")}{" "}
                <Link href="/via/dev/mailbox" className="font-medium text-brand-700 underline dark:text-brand-300">
                  {t("mailboxLink")}
                </Link>
              </p>
            )}
          </section>
        ) : (
          <>
            <section className={`${card} mt-8`} aria-labelledby="demo-signed-in">
              <h2 id="demo-signed-in" className="text-xl font-semibold">
                {t("signedInTitle")}
              </h2>
              <p className="mt-2 text-slate-600 dark:text-slate-300">{view.verified ? t("verified") : t("notVerified", { detail: view.verificationError ?? "" })}</p>
              <dl className="mt-4 divide-y divide-slate-200 dark:divide-slate-800">
                <Row label={t("subject")} value={view.verified?.body.subject ?? absent} />
                <Row label={t("emailAddress")} value={view.verified?.body.emailAddress ?? absent} />
                <Row label={t("firstName")} value={view.verified?.body.firstName ?? absent} />
                <Row label={t("lastName")} value={view.verified?.body.lastName ?? absent} />
              </dl>
              <div className="mt-6 flex flex-wrap gap-3">
                <form action="/demo/refresh" method="post">
                  <button type="submit" className={secondary}>
                    {t("refresh")}
                  </button>
                </form>
                <form action="/demo/introspect" method="post">
                  <button type="submit" className={secondary}>
                    {t("introspect")}
                  </button>
                </form>
                <form action="/demo/sign-out" method="post">
                  <button type="submit" className={secondary}>
                    {t("signOut")}
                  </button>
                </form>
              </div>
              {sessionStatus && (
                <p role="status" className="mt-4 text-sm">
                  {t("sessionStatus", { status: sessionStatus })}
                </p>
              )}
            </section>

            <section className={`${card} mt-6`} aria-labelledby="demo-token">
              <h2 id="demo-token" className="text-lg font-semibold">
                {t("tokenTitle")}
              </h2>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t("tokenLead")}</p>
              {view.verified && (
                <dl className="mt-4 divide-y divide-slate-200 dark:divide-slate-800">
                  <Row label="kty" value={view.verified.header.kty} />
                  <Row label="iss" value={view.verified.header.iss} />
                  <Row label="aud" value={view.verified.header.aud} />
                  <Row label="sub" value={view.verified.header.sub} />
                  <Row label="iat" value={format.dateTime(new Date(view.verified.header.iat * 1000), { dateStyle: "medium", timeStyle: "medium" })} />
                  <Row label="exp" value={format.dateTime(new Date(view.verified.header.exp * 1000), { dateStyle: "medium", timeStyle: "medium" })} />
                </dl>
              )}
              <h3 className="mt-6 font-semibold">{t("claimsTitle")}</h3>
              <table className="mt-2 w-full text-left text-sm">
                <thead>
                  <tr className="text-slate-500 dark:text-slate-400">
                    <th scope="col" className="py-2 font-medium">
                      {t("claim")}
                    </th>
                    <th scope="col" className="py-2 font-medium">
                      {t("requirement")}
                    </th>
                    <th scope="col" className="py-2 font-medium">
                      {t("state")}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-200 font-mono dark:divide-slate-800">
                  {Object.entries(view.session.claims).map(([claim, value]) => (
                    <tr key={claim}>
                      <td className="py-2">{claim}</td>
                      <td className="py-2">{value.requirement}</td>
                      <td className="py-2">{value.state}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </>
        )}
      </main>
    </>
  );
}
