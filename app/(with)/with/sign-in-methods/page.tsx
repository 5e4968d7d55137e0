// /with/sign-in-methods — how this person can sign in: passkeys, verified
// email addresses (each one can receive sign-in codes) and identities linked
// from elsewhere (Steam, social, enterprise).
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { EmailsPanel } from "@/components/with/account/emails-panel";
import { PasskeysPanel } from "@/components/with/account/passkeys-panel";
import { EmptyState, PageHeader, Panel } from "@/components/with/portal-ui";
import { loadSignInMethods } from "@/lib/account/sign-in-methods";
import { requirePortalAccount } from "@/lib/portal/portal-context";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("with.nav");
  return { title: t("sign-in-methods") };
}

const PROVIDERS: Record<string, string> = {
  STEAM_ID64: "Steam",
  GOOGLE: "Google",
  GITHUB: "GitHub",
  DISCORD: "Discord",
  BATTLENET: "Battle.net",
  X: "X",
};

export default async function SignInMethodsPage() {
  const { deps, account } = await requirePortalAccount("/with/sign-in-methods");
  const t = await getTranslations("withAccount");
  const format = await getFormatter();
  const methods = await loadSignInMethods(deps.db, account.id);
  // Every verified address and every linked identity is a way in; a passkey may go while another way remains.
  const otherWays = methods.emails.length + methods.linked.length;
  const removable = otherWays > 0 || methods.passkeys.length > 1;
  return (
    <>
      <PageHeader title={t("methods.title")} lead={t("methods.lead")} />
      <Panel id="passkeys" title={t("passkeys.title")} lead={t("passkeys.lead")}>
        <PasskeysPanel
          removable={removable}
          passkeys={methods.passkeys.map((row) => ({ ...row, createdAt: row.createdAt.toISOString(), lastUsedAt: row.lastUsedAt?.toISOString() ?? null }))}
        />
      </Panel>
      <Panel id="emails" title={t("emails.title")} lead={t("emails.lead")}>
        <EmailsPanel emails={methods.emails.map((row) => ({ ...row, verifiedAt: row.verifiedAt.toISOString() }))} />
      </Panel>
      <Panel id="linked" title={t("linked.title")} lead={t("linked.lead")}>
        {methods.linked.length === 0 ? (
          <EmptyState title={t("linked.emptyTitle")} body={t("linked.emptyBody")} />
        ) : (
          <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800" aria-label={t("linked.listLabel")}>
            {methods.linked.map((row) => (
              <li key={row.key} className="flex flex-wrap items-center justify-between gap-2 p-4">
                <div className="min-w-0">
                  <p className="font-medium text-slate-900 dark:text-white">{PROVIDERS[row.kind] ?? t("linked.federation")}</p>
                  <p className="text-sm break-all text-slate-600 dark:text-slate-400">{row.display}</p>
                </div>
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  {t("linked.since", { date: format.dateTime(row.createdAt, { dateStyle: "medium" }) })}
                  {row.lastUsedAt && ` · ${t("passkeys.lastUsed", { date: format.dateTime(row.lastUsedAt, { dateStyle: "medium" }) })}`}
                </p>
              </li>
            ))}
          </ul>
        )}
      </Panel>
    </>
  );
}
