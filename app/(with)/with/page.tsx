// /with — the portal's front door. Signed in: straight to the profile.
// Signed out: what the portal is for and a sign-in button, plus why the last
// session ended when it ended on its own (deleted account, expired session…).
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Notice } from "@/components/with/portal-ui";
import { peekPortalAccount } from "@/lib/portal/portal-context";

const KNOWN_ENDINGS = new Set(["AccountDeleted", "AccountDisabled", "AccountNotFound", "RefreshTokenExpired", "RefreshTokenFamilyCompromised", "RefreshTokenNotFound"]);

export default async function WithFrontPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const state = await peekPortalAccount();
  if (state === "signed-in") redirect("/with/profile");
  if (state === "expired") redirect("/with/session/refresh?return=%2Fwith%2Fprofile");
  const t = await getTranslations("with.front");
  const ended = typeof params.ended === "string" ? params.ended : null;
  const endedKey = ended && KNOWN_ENDINGS.has(ended) ? ended : ended ? "other" : null;
  return (
    <section className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-10 dark:border-slate-800 dark:bg-slate-900">
      {params["signed-out"] === "1" && (
        <div className="mb-6">
          <Notice tone="success">{t("signedOut")}</Notice>
        </div>
      )}
      {endedKey && (
        <div className="mb-6">
          <Notice tone={endedKey === "AccountDeleted" ? "info" : "warning"}>{t(`ended.${endedKey}`)}</Notice>
        </div>
      )}
      <h1 className="text-3xl font-bold tracking-tight text-slate-900 dark:text-white">{t("title")}</h1>
      <p className="mt-3 text-lg text-slate-600 dark:text-slate-300">{t("lead")}</p>
      <ul className="mt-8 grid gap-4 sm:grid-cols-2">
        <li className="rounded-xl border border-slate-200 p-5 dark:border-slate-800">
          <h2 className="font-semibold text-slate-900 dark:text-white">{t("accountTitle")}</h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t("accountBody")}</p>
        </li>
        <li className="rounded-xl border border-slate-200 p-5 dark:border-slate-800">
          <h2 className="font-semibold text-slate-900 dark:text-white">{t("developerTitle")}</h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t("developerBody")}</p>
        </li>
      </ul>
      <a
        href="/with/sign-in?return=%2Fwith%2Fprofile"
        className="mt-8 inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-5 py-2.5 font-semibold text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
      >
        {t("signIn")}
      </a>
    </section>
  );
}
