// An errand key that cannot be worked on: unknown, malformed, expired,
// consumed, or its application or account no longer usable. Like the status
// endpoint, the page does not say which — only the way forward.
import { useTranslations } from "next-intl";
import { Card, CardHeader, cardTitleClasses } from "@/components/ui/card";
import { StopBadge } from "../step-header";

export function ErrandExpired({ inCard = true }: { inCard?: boolean }) {
  const t = useTranslations("errand.expired");
  const body = (
    <>
      <CardHeader
        badge={<StopBadge />}
        title={<h1 className={cardTitleClasses}>{t("title")}</h1>}
        lead={t("body")}
      />
      <p className="mt-8 rounded-lg bg-slate-50 px-4 py-3 text-center text-sm text-slate-700 dark:bg-slate-800/60 dark:text-slate-300">{t("startAgain")}</p>
    </>
  );
  return inCard ? <Card>{body}</Card> : body;
}
