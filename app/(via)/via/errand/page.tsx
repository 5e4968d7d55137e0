// /via/errand?key=ernd_… — the Errand (docs 31): the browser side-trip where
// the user settles what a native direct-issue was blocked on. The server
// decides what is owed and whether signing in comes first; the card's steps
// run in the browser against via's errand endpoints.
import type { Metadata } from "next";
import { cookies } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { ErrandExpired } from "@/components/via/errand/errand-expired";
import { ErrandFlow } from "@/components/via/errand/errand-flow";
import type { SteamNotice } from "@/components/via/errand/errand-sign-in-step";
import { ViaHeader } from "@/components/via/via-header";
import { ViaMain } from "@/components/via/via-main";
import { errandView } from "@/lib/errand/errand-view";
import { getDeps } from "@/lib/runtime";
import { SESSION_COOKIE } from "@/lib/via/browser";
import { OTP_TTL_SECONDS } from "@/lib/identity/email-codes";

const STEAM_NOTICES: readonly SteamNotice[] = ["cancelled", "invalid", "unavailable", "mismatch"];

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("errand");
  return { title: t("metaTitle"), robots: { index: false, follow: false } };
}

export default async function ErrandPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const key = typeof params.key === "string" ? params.key : "";
  const steam = typeof params.steam === "string" ? STEAM_NOTICES.find((notice) => notice === params.steam) ?? null : null;
  const deps = await getDeps();
  const sessionKey = (await cookies()).get(SESSION_COOKIE)?.value ?? null;
  const view = await errandView(deps, { sessionKey, locale: await getLocale() }, key);

  if (view.state === "expired") {
    // An unusable key has no business being echoed back into the page.
    return (
      <>
        <ViaHeader returnTo="/via/errand" />
        <ViaMain>
          <ErrandExpired />
        </ViaMain>
      </>
    );
  }
  return (
    <>
      <ViaHeader returnTo={`/via/errand?key=${encodeURIComponent(key)}`} />
      <ViaMain>
        <ErrandFlow errandKey={key} initialView={view} steamNotice={steam} codeMinutes={Math.round(OTP_TTL_SECONDS / 60)} />
      </ViaMain>
    </>
  );
}
