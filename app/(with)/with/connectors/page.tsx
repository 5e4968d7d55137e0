// /with/connectors — the federation connectors of every organization the
// caller belongs to (docs 23), narrowed by the organization switcher
// (`?organization=<anchor>`), and registering a new one in the organization
// chosen there. Every member sees them; only OWNERs may change them — for
// anyone else the controls are disabled with the reason (the server refuses
// them anyway). Without an organization there is nothing here: the page sends
// the user to /with/organizations, as the other developer pages do.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { createConnectorAction, editConnectorAction, removeConnectorAction, setConnectorEnabledAction } from "@/components/with/developer/actions/connectors";
import { ConnectorForm } from "@/components/with/developer/connectors/connector-form";
import { ConnectorItem } from "@/components/with/developer/connectors/connector-item";
import { CopyableValue } from "@/components/with/developer/copyable-value";
import { createTargets, OrganizationSections, selectOrganizations } from "@/components/with/developer/organization-sections";
import { PageHeader, Panel } from "@/components/with/portal-ui";
import { connectorOverview } from "@/lib/federation/connector-overview";
import { FEDERATION_CALLBACK_PATH } from "@/lib/federation/vocabulary";
import { requirePortalAccount } from "@/lib/portal/portal-context";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("with.nav");
  return { title: t("connectors") };
}

export default async function ConnectorsPage({ searchParams }: { searchParams: Promise<{ organization?: string | string[] }> }) {
  const { deps, account } = await requirePortalAccount("/with/connectors");
  const overview = await connectorOverview(deps.db, account.id);
  if (overview.length === 0) redirect("/with/organizations");
  const selection = selectOrganizations(overview, (await searchParams).organization);
  const t = await getTranslations("withConnectors");

  return (
    <>
      <PageHeader title={t("title")} lead={t("lead")} />
      <OrganizationSections
        namespace="withConnectors"
        path="/with/connectors"
        idPrefix="connectors"
        createId="connector-create"
        overview={overview}
        selection={selection}
        count={(o) => ({ count: o.connectors.length, quota: o.organization.connectorQuota })}
        items={(o, reason) =>
          o.connectors.length === 0 ? null : (
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
          )
        }
      />

      <Panel id="connector-create" title={t("createTitle")} lead={t("createLead")}>
        <div className="mb-6">
          <p className="text-sm font-medium text-slate-800 dark:text-slate-200">{t("redirectLabel")}</p>
          <div className="mt-1.5">
            <CopyableValue value={`${deps.config.publicUrl}${FEDERATION_CALLBACK_PATH}`} label={t("copyRedirect")} testId="connector-redirect-uri" />
          </div>
          <p className="mt-1.5 text-sm text-slate-500 dark:text-slate-400">{t("redirectHint")}</p>
        </div>
        <ConnectorForm action={createConnectorAction} idPrefix="connector" {...await createTargets("withConnectors", selection)} />
      </Panel>
    </>
  );
}
