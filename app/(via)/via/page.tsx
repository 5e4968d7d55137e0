// /via?exposure-key=exp_… — the hosted sign-in page (docs 17 step 2). The
// server decides what can be shown (the inquiry's state, the application's
// name, the methods Layer 1 allows, who is signed in to this browser); the
// card's steps run in the browser against via's JSON endpoints.
import { cookies } from "next/headers";
import { getLocale } from "next-intl/server";
import { InquiryUnavailable } from "@/components/via/inquiry-unavailable";
import { SignInFlow } from "@/components/via/sign-in-flow";
import { ViaHeader } from "@/components/via/via-header";
import { ViaMain } from "@/components/via/via-main";
import { isSocialProvider, SOCIAL } from "@/lib/social/vocabulary";
import { getDeps } from "@/lib/runtime";
import { SESSION_COOKIE } from "@/lib/via/browser";
import { OTP_TTL_SECONDS } from "@/lib/identity/email-codes";
import { loadSignInPage, offeredMethods } from "@/lib/via/sign-in-page";
import { readUpstreamNotice, type UpstreamNoticeRef } from "@/lib/via/upstream-notice";

export default async function ViaSignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const exposureKey = typeof params["exposure-key"] === "string" ? params["exposure-key"] : "";
  // Back from an upstream provider without a sign-in: the reason, from a fixed list only.
  const upstreamNotice = readUpstreamNotice(params);
  const deps = await getDeps();
  const sessionKey = (await cookies()).get(SESSION_COOKIE)?.value ?? null;
  const page = await loadSignInPage(deps, { sessionKey, locale: await getLocale() }, exposureKey);

  if (page.state !== "pending") {
    // Not the key: an unusable one has no business being echoed back into the page.
    return (
      <>
        <ViaHeader returnTo="/via" />
        <ViaMain>
          <InquiryUnavailable state={page.state} />
        </ViaMain>
      </>
    );
  }

  return (
    <>
      <ViaHeader returnTo={`/via?exposure-key=${encodeURIComponent(exposureKey)}`} />
      <ViaMain>
        <SignInFlow
          exposureKey={exposureKey}
          application={page.application.name}
          methods={offeredMethods(page)}
          notice={upstreamNotice && noticeMessage(upstreamNotice)}
          signedIn={page.signedIn}
          requirements={page.claimPolicy}
          codeMinutes={Math.round(OTP_TTL_SECONDS / 60)}
        />
      </ViaMain>
    </>
  );
}

/** A federation IdP's notice speaks of "your organization's identity provider"; a consumer provider's names it. */
function noticeMessage({ provider, why }: UpstreamNoticeRef) {
  const tone = why === "cancelled" ? "info" : "error";
  if (isSocialProvider(provider)) return { key: `notices.social.${why}`, values: { provider: SOCIAL[provider].displayName }, tone } as const;
  return provider === "enterprise-federation" ? ({ key: `notices.federation.${why}`, tone } as const) : null;
}
