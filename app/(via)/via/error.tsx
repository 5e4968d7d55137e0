"use client";

// Unexpected failures while rendering a via page: say so in the visitor's
// language and offer a retry. Never the error's text — it may hold details.
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Card, CardHeader, StatusBadge, cardTitleClasses } from "@/components/ui/card";
import { StopIcon } from "@/components/ui/icons";
import { ViaMain } from "@/components/via/via-main";
import { Wordmark } from "@/components/via/wordmark";

export default function ViaError({ retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations("via.failure");
  return (
    <>
      <header className="mx-auto w-full max-w-5xl px-4 py-4 sm:px-6">
        <Wordmark />
      </header>
      <ViaMain>
        <Card>
          <CardHeader
            badge={
              <StatusBadge tone="danger">
                <StopIcon />
              </StatusBadge>
            }
            title={<h1 className={cardTitleClasses}>{t("title")}</h1>}
            lead={t("body")}
          />
          <div className="mt-8">
            <Button onClick={() => retry()}>{t("retry")}</Button>
          </div>
        </Card>
      </ViaMain>
    </>
  );
}
