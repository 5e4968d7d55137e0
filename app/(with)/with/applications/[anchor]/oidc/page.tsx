// /with/applications/<anchor>/oidc — this application as an OpenID Connect
// client: where the provider is, what the OIDC rule allows, and the client
// secret for client_secret_basic / client_secret_post.
import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ApplicationPageHeader, loadApplicationPage } from "@/components/with/application-config/application-page";
import { ClientSecretPanel } from "@/components/with/application-config/client-secret-panel";
import { EmptyState, Panel } from "@/components/with/portal-ui";
import { CopyButton } from "@/components/ui/copy-button";
import { loadOidcView } from "@/lib/developer/application-config/oidc";
import { rotateClientSecretAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("withDeveloper.tabs");
  return { title: t("oidc") };
}

export default async function OidcPage({ params }: { params: Promise<{ anchor: string }> }) {
  const { anchor } = await params;
  const page = await loadApplicationPage(anchor, "oidc");
  const t = await getTranslations("withApplication");
  const format = await getFormatter();
  const view = await loadOidcView(page.deps, page.application);
  const rulesHref = `/with/applications/${encodeURIComponent(page.application.anchor)}/rules`;
  const readOnlyReason = page.readOnly ? t(`common.${page.readOnly === "viewer" ? "readOnlyViewer" : "readOnlyRetired"}`) : null;
  const usesSecret = view.client?.tokenEndpointAuthMethods.some((method) => method === "client_secret_basic" || method === "client_secret_post") ?? false;
  return (
    <>
      <ApplicationPageHeader name={page.name} anchor={page.application.anchor} tab="oidc" lead={t("oidc.lead")} readOnly={page.readOnly} />
      <Panel id="oidc-provider" title={t("oidc.providerTitle")} lead={t("oidc.providerLead")}>
        <dl className="grid gap-4">
          <ValueRow label={t("oidc.issuer")} value={view.issuer} />
          <ValueRow label={t("oidc.discovery")} value={view.discovery} />
          <ValueRow label={t("oidc.clientId")} value={view.clientId} />
        </dl>
      </Panel>
      <Panel id="oidc-client" title={t("oidc.clientTitle")} lead={t.rich("oidc.clientLead", { rules: (chunks) => <Link href={rulesHref} className="font-semibold text-brand-700 underline dark:text-brand-300">{chunks}</Link> })}>
        {view.client ? (
          <dl className="grid gap-5 sm:grid-cols-2">
            <ListRow label={t("oidc.redirectUris")} values={view.client.redirectUris} empty={t("oidc.none")} />
            <ListRow label={t("oidc.postLogoutRedirectUris")} values={view.client.postLogoutRedirectUris} empty={t("oidc.none")} />
            <ListRow label={t("oidc.scopes")} values={view.client.allowedScopes} empty={t("oidc.none")} />
            <ListRow label={t("oidc.authMethods")} values={view.client.tokenEndpointAuthMethods} empty={t("oidc.none")} />
          </dl>
        ) : (
          <EmptyState
            title={t("oidc.noRuleTitle")}
            body={t("oidc.noRuleBody")}
            action={<Link href={rulesHref} className="rounded-lg bg-brand-600 px-4 py-2.5 text-sm font-semibold text-white hover:bg-brand-700 dark:bg-brand-500">{t("oidc.toRules")}</Link>}
          />
        )}
      </Panel>
      <ClientSecretPanel
        anchor={page.application.anchor}
        hasSecret={view.hasSecret}
        rotatedAt={view.secretRotatedAt ? format.dateTime(view.secretRotatedAt, { dateStyle: "medium", timeStyle: "short" }) : null}
        usesSecret={usesSecret}
        canEdit={page.canEdit}
        readOnlyReason={readOnlyReason}
        rotate={rotateClientSecretAction}
      />
    </>
  );
}

function ValueRow({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-sm text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-1 flex flex-wrap items-start gap-2">
        <code className="min-w-0 flex-1 rounded-lg bg-slate-100 px-3 py-2 font-mono text-sm break-all text-slate-900 dark:bg-slate-800 dark:text-slate-100">{value}</code>
        <CopyButton value={value} />
      </dd>
    </div>
  );
}

function ListRow({ label, values, empty }: { label: string; values: readonly string[]; empty: string }) {
  return (
    <div>
      <dt className="text-sm text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-1">
        {values.length === 0 ? (
          <span className="text-sm text-slate-500 dark:text-slate-400">{empty}</span>
        ) : (
          <ul className="space-y-1">
            {values.map((value) => (
              <li key={value} className="font-mono text-sm break-all text-slate-900 dark:text-slate-100">{value}</li>
            ))}
          </ul>
        )}
      </dd>
    </div>
  );
}
