// The frame of every hosted sign-in page: the page's own header (it knows
// the query string, which a layout cannot), the centered content, and the
// "Secured by Sudomimus" line. Sign-in pages are never indexed.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { HostedFrame } from "@/components/hosted-frame";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("via");
  return { title: t("metaTitle"), robots: { index: false, follow: false } };
}

export default async function ViaLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("via");
  return (
    <ClientMessages surface="via">
      <HostedFrame securedBy={t("securedBy")}>{children}</HostedFrame>
    </ClientMessages>
  );
}
