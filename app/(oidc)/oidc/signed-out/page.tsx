// /oidc/signed-out — where RP-initiated logout ends when the relying party
// named no post-logout redirect URI (docs 33 step 5).
import { getTranslations } from "next-intl/server";
import { Card, CardHeader, StatusBadge, cardTitleClasses } from "@/components/ui/card";
import { CheckIcon } from "@/components/ui/icons";
import { ViaHeader } from "@/components/via/via-header";
import { ViaMain } from "@/components/via/via-main";
import { SIGNED_OUT_PAGE_PATH } from "@/lib/oidc/problems";

export default async function OidcSignedOutPage() {
  const t = await getTranslations("oidc.signedOut");
  return (
    <>
      <ViaHeader returnTo={SIGNED_OUT_PAGE_PATH} />
      <ViaMain>
        <Card>
          <CardHeader
            badge={
              <StatusBadge tone="success">
                <CheckIcon />
              </StatusBadge>
            }
            title={<h1 className={cardTitleClasses}>{t("title")}</h1>}
            lead={t("lead")}
          />
        </Card>
      </ViaMain>
    </>
  );
}
