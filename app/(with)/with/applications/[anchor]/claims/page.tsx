// /with/applications/<anchor>/claims — which profile claims the application
// asks for, and how firmly (docs: identity claims and sharing).
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ApplicationPageHeader, loadApplicationPage } from "@/components/with/application-config/application-page";
import { ClaimPolicyForm } from "@/components/with/application-config/claim-policy-form";
import { loadClaimPolicy } from "@/lib/developer/application-config/claims";
import { saveClaimPolicyAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("withDeveloper.tabs");
  return { title: t("claims") };
}

export default async function ClaimsPage({ params }: { params: Promise<{ anchor: string }> }) {
  const { anchor } = await params;
  const page = await loadApplicationPage(anchor, "claims");
  const t = await getTranslations("withApplication");
  const policy = await loadClaimPolicy(page.deps.db, page.application.id);
  const readOnlyReason = page.readOnly ? t(`common.${page.readOnly === "viewer" ? "readOnlyViewer" : "readOnlyRetired"}`) : null;
  return (
    <>
      <ApplicationPageHeader name={page.name} anchor={page.application.anchor} tab="claims" lead={t("claims.lead")} readOnly={page.readOnly} />
      <ClaimPolicyForm anchor={page.application.anchor} initial={policy} canEdit={page.canEdit} readOnlyReason={readOnlyReason} save={saveClaimPolicyAction} />
    </>
  );
}
