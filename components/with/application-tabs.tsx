// The tab bar of an application's pages: overview, then the four
// configuration tabs.
import { useTranslations } from "next-intl";
import { TabBar } from "./tab-bar";

export type ApplicationTab = "overview" | "rules" | "claims" | "access-keys" | "oidc";

const TABS: ReadonlyArray<{ tab: ApplicationTab; label: "overview" | "rules" | "claims" | "accessKeys" | "oidc" }> = [
  { tab: "overview", label: "overview" },
  { tab: "rules", label: "rules" },
  { tab: "claims", label: "claims" },
  { tab: "access-keys", label: "accessKeys" },
  { tab: "oidc", label: "oidc" },
];

export function ApplicationTabs({ anchor, current }: { anchor: string; current: ApplicationTab }) {
  const t = useTranslations("withDeveloper.tabs");
  const base = `/with/applications/${encodeURIComponent(anchor)}`;
  return (
    <TabBar
      label={t("label")}
      tabs={TABS.map(({ tab, label }) => ({ href: tab === "overview" ? base : `${base}/${tab}`, label: t(label), active: tab === current }))}
    />
  );
}
