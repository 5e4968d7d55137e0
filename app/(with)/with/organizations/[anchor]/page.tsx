// /with/organizations/[anchor] — one organization: its name, its members and
// their roles, what it holds against its quotas, leaving it, and retiring /
// re-enabling it. Every control is rendered for every member; the ones the
// caller's role does not allow are disabled with the reason (the server
// refuses them anyway).
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ActionButton, DisabledReason } from "@/components/with/developer/action-ui";
import {
  changeMemberRoleAction,
  inviteMemberAction,
  leaveOrganizationAction,
  reenableOrganizationAction,
  removeMemberAction,
  renameOrganizationAction,
  retireOrganizationAction,
} from "@/components/with/developer/actions/organizations";
import { InviteMemberForm, MemberRoleForm, RenameOrganizationForm } from "@/components/with/developer/organization-forms";
import { Pill } from "@/components/with/developer/pill";
import { Notice, PageHeader, Panel } from "@/components/with/portal-ui";
import { countOwners, findOrganizationForAccount } from "@/db/queries/memberships";
import { organizationHoldings } from "@/db/queries/organizations";
import { hasRight } from "@/lib/developer/access";
import { membersOf } from "@/lib/developer/organizations";
import { requirePortalAccount } from "@/lib/portal/portal-context";
import { anchorParam } from "@/lib/portal/url-param";

type Params = { params: Promise<{ anchor: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("with.nav");
  return { title: t("organizations") };
}

export default async function OrganizationPage({ params }: Params) {
  const anchor = anchorParam((await params).anchor);
  if (anchor === null) notFound();
  const { deps, account } = await requirePortalAccount(`/with/organizations/${encodeURIComponent(anchor)}`);
  const found = await findOrganizationForAccount(deps.db, anchor, account.id);
  if (!found || !found.role) notFound();
  const { organization, role } = found;
  const t = await getTranslations("withDeveloper");
  const [members, owners, holdings] = await Promise.all([
    membersOf(deps, account.id, organization.id),
    countOwners(deps.db, organization.id),
    organizationHoldings(deps.db, organization.id),
  ]);
  const retired = organization.disabledAt !== null;
  const soleOwner = role === "OWNER" && owners === 1;
  const roleName = t(`roles.${role}`);

  // Why a control is disabled, first reason wins; null = allowed.
  const frozen = retired ? t("reasons.retired") : null;
  const renameReason = frozen ?? (hasRight(role, "editOrganization") ? null : t("reasons.needsAdmin", { role: roleName }));
  const membersReason = frozen ?? (hasRight(role, "manageMembers") ? null : t("reasons.needsOwner", { role: roleName }));
  const leaveReason = frozen ?? (soleOwner ? t("reasons.lastOwnerLeave") : null);
  const live = holdings.liveApplications + holdings.liveSectors;
  const retireReason = !soleOwner
    ? t("reasons.soleOwnerOnly")
    : !retired && live > 0
      ? t("reasons.liveResources", { applications: holdings.liveApplications, sectors: holdings.liveSectors })
      : null;

  return (
    <>
      <nav className="mb-3 text-sm">
        <Link href="/with/organizations" className="font-medium text-brand-700 hover:underline dark:text-brand-300">
          ← {t("organizations.title")}
        </Link>
      </nav>
      <PageHeader
        title={organization.name}
        lead={
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-mono text-sm">{organization.anchor}</span>
            <Pill tone={role === "OWNER" ? "brand" : "neutral"}>{t("organization.yourRole", { role: roleName })}</Pill>
            {retired && <Pill tone="danger">{t("common.retired")}</Pill>}
          </span>
        }
      />
      {retired && (
        <div className="mt-6">
          <Notice tone="warning">{t("organization.frozenNotice")}</Notice>
        </div>
      )}

      <Panel id="organization-settings" title={t("organization.settingsTitle")}>
        <RenameOrganizationForm action={renameOrganizationAction.bind(null, organization.anchor)} name={organization.name} disabledReason={renameReason} />
      </Panel>

      <Panel id="organization-members" title={t("organization.membersTitle")} lead={t("organization.membersLead")}>
        {membersReason && (
          <div className="-mt-2 mb-4">
            <DisabledReason id="members-reason">{membersReason}</DisabledReason>
          </div>
        )}
        <ul className="divide-y divide-slate-200 dark:divide-slate-800">
          {members.map((member) => {
            const name = [member.firstName, member.lastName].filter(Boolean).join(" ") || t("organization.unnamed");
            return (
              <li key={member.reference} className="flex flex-col gap-3 py-4 first:pt-0 sm:flex-row sm:items-center sm:justify-between" data-member={name}>
                <div className="min-w-0">
                  <p className="font-medium text-slate-900 wrap-break-word dark:text-white">
                    {name} {member.self && <span className="text-sm font-normal text-slate-500 dark:text-slate-400">{t("organization.you")}</span>}
                  </p>
                  <p className="text-sm text-slate-500 dark:text-slate-400">
                    {t(`roles.${member.role}`)} · {t("organization.joined", { date: member.joinedAt })}
                  </p>
                </div>
                <div className="flex flex-wrap items-start gap-2">
                  <MemberRoleForm
                    action={changeMemberRoleAction.bind(null, organization.anchor, member.reference)}
                    role={member.role}
                    memberName={name}
                    disabled={membersReason !== null}
                  />
                  {!member.self && (
                    <ActionButton
                      action={removeMemberAction.bind(null, organization.anchor, member.reference)}
                      label={t("organization.remove")}
                      variant="danger"
                      confirm={t("organization.removeConfirm", { name })}
                      disabled={membersReason !== null}
                    />
                  )}
                </div>
              </li>
            );
          })}
        </ul>
        <div className="mt-6 border-t border-slate-200 pt-6 dark:border-slate-800">
          <h3 className="mb-3 font-semibold text-slate-900 dark:text-white">{t("organization.inviteTitle")}</h3>
          <InviteMemberForm action={inviteMemberAction.bind(null, organization.anchor)} disabledBy={membersReason ? "members-reason" : null} />
        </div>
      </Panel>

      <Panel id="organization-holdings" title={t("organization.holdingsTitle")}>
        <dl className="grid gap-4 sm:grid-cols-2">
          <div className="rounded-xl bg-slate-50 p-4 dark:bg-slate-800/50">
            <dt className="text-sm text-slate-500 dark:text-slate-400">{t("organization.applications")}</dt>
            <dd className="mt-1 text-lg font-semibold">{t("organization.ofQuota", { count: holdings.applications, quota: organization.applicationQuota, live: holdings.liveApplications })}</dd>
            <Link href="/with/applications" className="mt-2 inline-block text-sm font-medium text-brand-700 hover:underline dark:text-brand-300">
              {t("organization.viewApplications")}
            </Link>
          </div>
          <div className="rounded-xl bg-slate-50 p-4 dark:bg-slate-800/50">
            <dt className="text-sm text-slate-500 dark:text-slate-400">{t("organization.sectors")}</dt>
            <dd className="mt-1 text-lg font-semibold">{t("organization.ofQuota", { count: holdings.sectors, quota: organization.sectorQuota, live: holdings.liveSectors })}</dd>
            <Link href="/with/sectors" className="mt-2 inline-block text-sm font-medium text-brand-700 hover:underline dark:text-brand-300">
              {t("organization.viewSectors")}
            </Link>
          </div>
        </dl>
      </Panel>

      <Panel id="organization-leave" title={t("organization.leaveTitle")} lead={t("organization.leaveLead")}>
        <ActionButton
          action={leaveOrganizationAction.bind(null, organization.anchor)}
          label={t("organization.leave")}
          confirm={t("organization.leaveConfirm", { name: organization.name })}
          disabledReason={leaveReason}
        />
      </Panel>

      <Panel id="organization-retire" tone="danger" title={retired ? t("organization.reenableTitle") : t("organization.retireTitle")} lead={retired ? t("organization.reenableLead") : t("organization.retireLead")}>
        {retired ? (
          <ActionButton action={reenableOrganizationAction.bind(null, organization.anchor)} label={t("organization.reenable")} variant="primary" disabledReason={retireReason} />
        ) : (
          <ActionButton
            action={retireOrganizationAction.bind(null, organization.anchor)}
            label={t("organization.retire")}
            variant="danger"
            confirm={t("organization.retireConfirm", { name: organization.name })}
            disabledReason={retireReason}
          />
        )}
      </Panel>
    </>
  );
}
