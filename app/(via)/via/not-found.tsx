// A via page that does not exist here (for instance the development mailbox
// when mail goes out over SMTP).
import { getTranslations } from "next-intl/server";
import { Card, CardHeader, StatusBadge, cardTitleClasses } from "@/components/ui/card";
import { StopIcon } from "@/components/ui/icons";
import { ViaHeader } from "@/components/via/via-header";
import { ViaMain } from "@/components/via/via-main";

export default async function ViaNotFound() {
  const t = await getTranslations("via.notFound");
  return (
    <>
      <ViaHeader />
      <ViaMain>
        <Card>
          <CardHeader
            badge={
              <StatusBadge tone="neutral">
                <StopIcon />
              </StatusBadge>
            }
            title={<h1 className={cardTitleClasses}>{t("title")}</h1>}
            lead={t("body")}
          />
        </Card>
      </ViaMain>
    </>
  );
}
