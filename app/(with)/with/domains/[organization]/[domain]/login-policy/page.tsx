// /with/domains/<organization>/<domain>/login-policy — the Login policy tab
// (docs 22): ALLOW_ALL, BLOCK_ALL or SSO_ONLY through one of the
// organization's enabled connectors, set by the organization's sole owner
// only, with the lock-yourself-out warning when the caller's own email is on
// the domain. A pending domain has no policy yet: verify it first.
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { setLoginPolicyAction } from "@/components/with/developer/actions/domains";
import { DomainPageHeader, loadDomainPage } from "@/components/with/developer/domains/domain-page";
import { LoginPolicyForm } from "@/components/with/developer/domains/login-policy-form";
import { Notice } from "@/components/with/portal-ui";
import { domainPagePath } from "@/lib/domains/domain-overview";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("withDomains.tabs");
  return { title: t("loginPolicy") };
}

export default async function DomainLoginPolicyPage({ params }: { params: Promise<{ organization: string; domain: string }> }) {
  const { organization: o, claim } = await loadDomainPage(params, "login-policy");
  const t = await getTranslations("withDomains");
  const tDeveloper = await getTranslations("withDeveloper");
  const disabledReason = o.canSetPolicy
    ? null
    : o.organization.disabledAt
      ? tDeveloper("reasons.retired")
      : o.role === "OWNER"
        ? t("policyNeedsSoleOwner")
        : t("policyNeedsOwner", { role: tDeveloper(`roles.${o.role}`) });
  return (
    <>
      <DomainPageHeader organization={o.organization} domain={claim.domain} tab="login-policy" />
      <div className="mt-6 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6 dark:border-slate-800 dark:bg-slate-900">
        {claim.state === "VERIFIED" ? (
          <LoginPolicyForm
            domain={claim.domain}
            current={claim.policy}
            currentConnector={claim.connectorAnchor}
            connectors={o.connectors}
            ownEmail={claim.ownEmail}
            disabledReason={disabledReason}
            save={setLoginPolicyAction.bind(null, o.organization.anchor, claim.domain)}
          />
        ) : (
          <Notice tone="info">
            {t("policyNeedsVerified")}{" "}
            <Link href={domainPagePath(o.organization.anchor, claim.domain)} className="font-medium underline">
              {t("tabs.overview")}
            </Link>
          </Notice>
        )}
      </div>
    </>
  );
}
