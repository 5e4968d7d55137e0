// /with/applications/<anchor>/access-keys — AccessKey credentials for your own
// account at this application (docs: native flows → AccessKey direct-issue).
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AccessKeysPanel } from "@/components/with/application-config/access-keys-panel";
import { ApplicationPageHeader, loadApplicationPage } from "@/components/with/application-config/application-page";
import { listOwnAccessKeys } from "@/lib/developer/application-config/access-keys";
import { loadClaimPolicy } from "@/lib/developer/application-config/claims";
import { CLAIMS } from "@/lib/identity/claims-vocabulary";
import { listEnabledRules } from "@/db/queries/applications";
import { Notice } from "@/components/with/portal-ui";
import Link from "next/link";
import { createAccessKeyAction, revokeAccessKeyAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("withDeveloper.tabs");
  return { title: t("accessKeys") };
}

export default async function AccessKeysPage({ params }: { params: Promise<{ anchor: string }> }) {
  const { anchor } = await params;
  const page = await loadApplicationPage(anchor, "access-keys");
  const t = await getTranslations("withApplication");
  const [keys, policy, rules] = await Promise.all([
    listOwnAccessKeys(page.deps, page.account.id, page.application.id),
    loadClaimPolicy(page.deps.db, page.application.id),
    listEnabledRules(page.deps.db, page.application.id),
  ]);
  // Keys are refused at direct-issue unless Layer 1 accepts them and Layer 3 can deliver the tokens.
  const usable = rules.authentication.some((rule) => rule.kind === "ACCESS_KEY_DIRECT") && rules.return.some((rule) => rule.kind === "DIRECT_ISSUE");
  const now = page.deps.clock.now().getTime();
  const readOnlyReason = page.readOnly ? t(`common.${page.readOnly === "viewer" ? "readOnlyViewer" : "readOnlyRetired"}`) : null;
  const views = keys
    .map((key) => ({
      accessKeyIdentifier: key.accessKeyIdentifier,
      label: key.label,
      createdAt: key.createdAt.toISOString(),
      lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
      expiresAt: key.expiresAt?.toISOString() ?? null,
      state: key.revokedAt ? ("revoked" as const) : key.expiresAt && key.expiresAt.getTime() <= now ? ("expired" as const) : ("active" as const),
    }))
    .reverse();
  return (
    <>
      <ApplicationPageHeader name={page.name} anchor={page.application.anchor} tab="access-keys" lead={t("accessKeys.lead")} readOnly={page.readOnly} />
      {!usable && (
        <div className="mt-6">
          <Notice tone="warning">
            {t.rich("accessKeys.notUsable", { rules: (chunks) => <Link href={`/with/applications/${encodeURIComponent(page.application.anchor)}/rules`} className="font-semibold underline">{chunks}</Link> })}
          </Notice>
        </div>
      )}
      <AccessKeysPanel
        anchor={page.application.anchor}
        keys={views}
        requestedClaims={CLAIMS.filter((claim) => policy[claim] !== "OFF")}
        canEdit={page.canEdit}
        readOnlyReason={readOnlyReason}
        create={createAccessKeyAction}
        revoke={revokeAccessKeyAction}
      />
    </>
  );
}
