// The page for an exposure key that cannot be signed in to: unknown,
// expired, ended by too many attempts, or of a disabled application. It
// names no key and no application — only the way forward.
import { getTranslations } from "next-intl/server";
import { Card, CardHeader, cardTitleClasses } from "@/components/ui/card";
import { StopBadge } from "./step-header";

export type UnavailableState = "invalid" | "expired" | "dead" | "disabled";

export async function InquiryUnavailable({ state }: { state: UnavailableState }) {
  const t = await getTranslations("via.unavailable");
  return (
    <Card>
      <CardHeader
        badge={<StopBadge tone={state === "dead" ? "danger" : "neutral"} />}
        title={<h1 className={cardTitleClasses}>{t(`${state}.title`)}</h1>}
        lead={t(`${state}.body`)}
      />
      <p className="mt-8 rounded-lg bg-slate-50 px-4 py-3 text-center text-sm text-slate-700 dark:bg-slate-800/60 dark:text-slate-300">{t("startAgain")}</p>
    </Card>
  );
}
