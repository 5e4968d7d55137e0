// The frame of an application's configuration tabs: the signed-in caller,
// the application they may view (anything else is a 404 — its existence is
// not revealed), whether they may edit and if not why, and the header with
// the tab bar.
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { hasRight } from "@/lib/developer/access";
import { applicationFor } from "@/lib/developer/access";
import { isSudomimusError } from "@/lib/errors";
import { requirePortalAccount } from "@/lib/portal/portal-context";
import { anchorParam } from "@/lib/portal/url-param";
import { ApplicationTabs, type ApplicationTab } from "../application-tabs";
import { Notice, PageHeader } from "../portal-ui";

export type ReadOnlyReason = "viewer" | "retired" | null;

export async function loadApplicationPage(anchor: string, tab: Exclude<ApplicationTab, "overview">) {
  const decoded = anchorParam(anchor);
  if (decoded === null) notFound();
  const { deps, account } = await requirePortalAccount(`/with/applications/${encodeURIComponent(decoded)}/${tab}`);
  let found;
  try {
    found = await applicationFor(deps.db, account.id, decoded, "view");
  } catch (error) {
    if (isSudomimusError(error)) notFound();
    throw error;
  }
  const readOnly: ReadOnlyReason = found.organization.disabledAt ? "retired" : hasRight(found.role, "editApplications") ? null : "viewer";
  const locale = await getLocale();
  const name = found.application.names[locale] ?? found.application.names[found.application.defaultLocale] ?? found.application.anchor;
  return { deps, account, application: found.application, organization: found.organization, role: found.role, readOnly, canEdit: readOnly === null, name };
}

export async function ApplicationPageHeader({ name, anchor, tab, lead, readOnly }: { name: string; anchor: string; tab: ApplicationTab; lead: ReactNode; readOnly: ReadOnlyReason }) {
  const t = await getTranslations("withApplication.common");
  return (
    <>
      <PageHeader
        title={name}
        lead={
          <>
            <span className="font-mono text-sm text-slate-500 dark:text-slate-400">{anchor}</span>
            <span className="mt-1 block">{lead}</span>
          </>
        }
      />
      <ApplicationTabs anchor={anchor} current={tab} />
      {readOnly && (
        <div className="mt-6">
          <Notice tone="info">{t(readOnly === "viewer" ? "readOnlyViewer" : "readOnlyRetired")}</Notice>
        </div>
      )}
    </>
  );
}
