// The title of a per-organization panel on the developer list pages: the
// organization's name (a link to it), the caller's role, and whether it is retired.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { MemberRole } from "@/lib/developer/access";
import { Pill } from "./pill";

export async function OrganizationTitle({ organization, role }: { organization: { anchor: string; name: string; disabledAt: Date | null }; role: MemberRole }) {
  const t = await getTranslations("withDeveloper");
  return (
    <span className="flex flex-wrap items-center gap-2">
      <Link href={`/with/organizations/${organization.anchor}`} className="hover:underline">
        {organization.name}
      </Link>
      <Pill tone={role === "OWNER" ? "brand" : "neutral"}>{t(`roles.${role}`)}</Pill>
      {organization.disabledAt && <Pill tone="danger">{t("common.retired")}</Pill>}
    </span>
  );
}
