// /with/connectors — the federation connectors of every organization the
// caller belongs to (docs 23), narrowed by the organization switcher
// (`?organization=<anchor>`), and registering a new one in the organization
// chosen there. Every member sees them; only OWNERs may change them — for
// anyone else the controls are disabled with the reason (the server refuses
// them anyway). Without an organization there is nothing here: the page sends
// the user to /with/organizations, as the other developer pages do.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { DisabledReason } from "@/components/with/developer/action-ui";
import { createConnectorAction, editConnectorAction, removeConnectorAction, setConnectorEnabledAction } from "@/components/with/developer/actions/connectors";
import { ConnectorForm } from "@/components/with/developer/connectors/connector-form";
import { ConnectorItem } from "@/components/with/developer/connectors/connector-item";
import { CopyableValue } from "@/components/with/developer/copyable-value";
import { OrganizationSwitcher } from "@/components/with/developer/organization-switcher";
import { OrganizationTitle } from "@/components/with/developer/organization-title";
import { EmptyState, PageHeader, Panel } from "@/components/with/portal-ui";
import { connectorOverview } from "@/lib/federation/connector-overview";
import { FEDERATION_CALLBACK_PATH } from "@/lib/federation/vocabulary";
import { requirePortalAccount } from "@/lib/portal/portal-context";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("with.nav");
  return { title: t("connectors") };
}

const linkClasses =
  "inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 py-2.5 text-[0.9375rem] font-semibold text-white shadow-sm hover:bg-brand-700 dark:bg-brand-500 dark:hover:bg-brand-400";

export default async function ConnectorsPage({ searchParams }: { searchParams: Promise<{ organization?: string | string[] }> }) {
  const { deps, account } = await requirePortalAccount("/with/connectors");
  const overview = await connectorOverview(deps.db, account.id);
  if (overview.length === 0) redirect("/with/organizations");
  const { organization: wanted } = await searchParams;
  const selected = overview.find((o) => o.organization.anchor === wanted) ?? null;
  const shown = selected ? [selected] : overview;
  const creatable = shown.filter((o) => o.canManage);
  const t = await getTranslations("withConnectors");
  const tDeveloper = await getTranslations("withDeveloper");
  const reasonFor = (o: (typeof overview)[number]) =>
    o.canManage ? null : o.organization.disabledAt ? tDeveloper("reasons.retired") : t("needsOwner", { role: tDeveloper(`roles.${o.role}`) });
  const short = (o: (typeof overview)[number]) => ({ anchor: o.organization.anchor, name: o.organization.name });

  return (
    <>
      <PageHeader title={t("title")} lead={t("lead")} />
      <div className="mt-6">
        <OrganizationSwitcher path="/with/connectors" organizations={overview.map(short)} selected={selected?.organization.anchor ?? null} />
      </div>

      {shown.map((o) => {
        const reasonId = `connectors-reason-${o.organization.anchor}`;
        const reason = reasonFor(o);
        return (
          <Panel
            key={o.organization.anchor}
            id={`connectors-${o.organization.anchor}`}
            title={<OrganizationTitle organization={o.organization} role={o.role} />}
            lead={t("count", { count: o.connectors.length, quota: o.organization.connectorQuota })}
          >
            {reason && o.connectors.length > 0 && (
              <div className="-mt-2 mb-4">
                <DisabledReason id={reasonId}>{reason}</DisabledReason>
              </div>
            )}
            {o.connectors.length === 0 ? (
              <EmptyState
                title={t("emptyTitle")}
                body={reason ? `${t("emptyBody")} ${reason}` : t("emptyBody")}
                action={
                  reason ? undefined : (
                    <Link href={`/with/connectors?organization=${encodeURIComponent(o.organization.anchor)}#connector-create`} className={linkClasses}>
                      {t("emptyAction")}
                    </Link>
                  )
                }
              />
            ) : (
              <ul className="grid gap-4">
                {o.connectors.map((connector) => (
                  <ConnectorItem
                    key={connector.anchor}
                    connector={{
                      anchor: connector.anchor,
                      displayName: connector.displayName,
                      issuer: connector.issuer,
                      clientId: connector.clientId,
                      scopes: connector.scopes.join(" "),
                      enabled: connector.disabledAt === null,
                    }}
                    disabled={reason !== null}
                    edit={editConnectorAction.bind(null, o.organization.anchor, connector.anchor)}
                    setEnabled={setConnectorEnabledAction.bind(null, o.organization.anchor, connector.anchor)}
                    remove={removeConnectorAction.bind(null, o.organization.anchor, connector.anchor)}
                  />
                ))}
              </ul>
            )}
          </Panel>
        );
      })}

      <Panel id="connector-create" title={t("createTitle")} lead={t("createLead")}>
        <div className="mb-6">
          <p className="text-sm font-medium text-slate-800 dark:text-slate-200">{t("redirectLabel")}</p>
          <div className="mt-1.5">
            <CopyableValue value={`${deps.config.publicUrl}${FEDERATION_CALLBACK_PATH}`} label={t("copyRedirect")} testId="connector-redirect-uri" />
          </div>
          <p className="mt-1.5 text-sm text-slate-500 dark:text-slate-400">{t("redirectHint")}</p>
        </div>
        <ConnectorForm
          action={createConnectorAction}
          idPrefix="connector"
          organizations={(creatable.length > 0 ? creatable : shown).map(short)}
          disabledReason={creatable.length > 0 ? null : selected ? reasonFor(selected) : t("needsOwnerAnywhere")}
        />
      </Panel>
    </>
  );
}
