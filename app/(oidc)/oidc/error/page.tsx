// /oidc/error?problem=… — an authorization or end-session request that
// cannot be answered at the relying party (unknown client, unregistered
// redirect URI…; RFC 6749 §4.1.2.1): said here, in the visitor's language.
// Only the fixed problem name comes from the URL; nothing else is echoed.
import { getTranslations } from "next-intl/server";
import { Card, CardHeader, StatusBadge, cardTitleClasses } from "@/components/ui/card";
import { StopIcon } from "@/components/ui/icons";
import { ViaHeader } from "@/components/via/via-header";
import { ViaMain } from "@/components/via/via-main";
import { isOidcPageProblem, problemPagePath, type OidcPageProblem } from "@/lib/oidc/problems";

const SIGN_OUT_PROBLEMS: readonly OidcPageProblem[] = ["invalid-id-token-hint", "logout-client-mismatch", "logout-client-unknown", "post-logout-redirect-uri-mismatch"];

export default async function OidcErrorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).problem;
  const problem = isOidcPageProblem(raw) ? raw : null;
  const t = await getTranslations("oidc.error");
  const signOut = problem !== null && SIGN_OUT_PROBLEMS.includes(problem);
  return (
    <>
      <ViaHeader returnTo={problem ? problemPagePath(problem) : "/oidc/error"} />
      <ViaMain>
        <Card>
          <CardHeader
            badge={
              <StatusBadge tone="danger">
                <StopIcon />
              </StatusBadge>
            }
            title={<h1 className={cardTitleClasses}>{signOut ? t("signOutTitle") : t("signInTitle")}</h1>}
            lead={<p data-problem={problem ?? "unknown"}>{t(`problems.${problem ?? "unknown"}`)}</p>}
          />
          <p className="mt-8 rounded-lg bg-slate-50 px-4 py-3 text-center text-sm text-slate-700 dark:bg-slate-800/60 dark:text-slate-300">
            {signOut ? t("signOutNext") : t("signInNext")}
          </p>
        </Card>
      </ViaMain>
    </>
  );
}
