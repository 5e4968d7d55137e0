// The shape every per-organization developer list page shares (Connectors,
// Domains; docs 21–23): the organization switcher, one panel per shown
// organization with its title, a count line, the reason its controls are
// disabled for this caller, and an empty state that links to the page's
// create form — the items themselves are the page's own. The section's
// messages live under its namespace with the same keys (`count`,
// `needsOwner`, `needsOwnerAnywhere`, `emptyTitle`, `emptyBody`, `emptyAction`).
import Link from "next/link";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import type { MemberRole } from "@/lib/developer/access";
import { DisabledReason } from "./action-ui";
import { OrganizationSwitcher } from "./organization-switcher";
import { OrganizationTitle } from "./organization-title";
import { EmptyState, Panel } from "../portal-ui";

export interface OrganizationEntry {
  organization: { anchor: string; name: string; disabledAt: Date | null };
  role: MemberRole;
  /** The caller may change this section's items in this organization. */
  canManage: boolean;
}

type SectionNamespace = "withConnectors" | "withDomains";

const linkClasses =
  "inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 py-2.5 text-[0.9375rem] font-semibold text-white shadow-sm hover:bg-brand-700 dark:bg-brand-500 dark:hover:bg-brand-400";

/** Which organizations the page shows (`?organization=<anchor>`, else all) and where new items may go. */
export function selectOrganizations<E extends OrganizationEntry>(overview: E[], wanted: string | string[] | undefined) {
  const selected = overview.find((entry) => entry.organization.anchor === wanted) ?? null;
  const shown = selected ? [selected] : overview;
  return { selected, shown, manageable: shown.filter((entry) => entry.canManage) };
}

/** Why this caller cannot change the section's items in this organization (null: they can). */
export async function manageReasonOf(namespace: SectionNamespace) {
  const t = await getTranslations(namespace);
  const tDeveloper = await getTranslations("withDeveloper");
  return (entry: OrganizationEntry): string | null =>
    entry.canManage ? null : entry.organization.disabledAt ? tDeveloper("reasons.retired") : t("needsOwner", { role: tDeveloper(`roles.${entry.role}`) });
}

/** Where the create form goes: the organizations the caller may add to, or the reason none is open. */
export async function createTargets<E extends OrganizationEntry>(namespace: SectionNamespace, selection: ReturnType<typeof selectOrganizations<E>>) {
  const t = await getTranslations(namespace);
  const reasonOf = await manageReasonOf(namespace);
  const { selected, shown, manageable } = selection;
  return {
    organizations: (manageable.length > 0 ? manageable : shown).map(({ organization }) => ({ anchor: organization.anchor, name: organization.name })),
    disabledReason: manageable.length > 0 ? null : selected ? reasonOf(selected) : t("needsOwnerAnywhere"),
  };
}

export async function OrganizationSections<E extends OrganizationEntry>(props: {
  namespace: SectionNamespace;
  /** The page's path, also the switcher's form action. */
  path: string;
  /** Panel ids are `<idPrefix>-<anchor>`. */
  idPrefix: string;
  /** The create form's element id, where the empty state links to. */
  createId: string;
  overview: E[];
  selection: ReturnType<typeof selectOrganizations<E>>;
  count: (entry: E) => { count: number; quota: number };
  /** The organization's items; null when it has none. `reason` is why its controls are disabled. */
  items: (entry: E, reason: string | null) => ReactNode | null;
}) {
  const { namespace, path, idPrefix, overview, selection } = props;
  const t = await getTranslations(namespace);
  const reasonOf = await manageReasonOf(namespace);
  return (
    <>
      <div className="mt-6">
        <OrganizationSwitcher
          path={path}
          organizations={overview.map(({ organization }) => ({ anchor: organization.anchor, name: organization.name }))}
          selected={selection.selected?.organization.anchor ?? null}
        />
      </div>
      {selection.shown.map((entry) => {
        const { anchor } = entry.organization;
        const reason = reasonOf(entry);
        const items = props.items(entry, reason);
        return (
          <Panel key={anchor} id={`${idPrefix}-${anchor}`} title={<OrganizationTitle organization={entry.organization} role={entry.role} />} lead={t("count", props.count(entry))}>
            {reason && items && (
              <div className="-mt-2 mb-4">
                <DisabledReason id={`${idPrefix}-reason-${anchor}`}>{reason}</DisabledReason>
              </div>
            )}
            {items ?? (
              <EmptyState
                title={t("emptyTitle")}
                body={reason ? `${t("emptyBody")} ${reason}` : t("emptyBody")}
                action={
                  reason ? undefined : (
                    <Link href={`${path}?organization=${encodeURIComponent(anchor)}#${props.createId}`} className={linkClasses}>
                      {t("emptyAction")}
                    </Link>
                  )
                }
              />
            )}
          </Panel>
        );
      })}
    </>
  );
}
