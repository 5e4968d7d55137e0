// The frame of the OpenID Provider's own pages (the error page for requests
// that cannot be sent back, the signed-out page): the same look as via's
// hosted pages. They are never indexed.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { HostedFrame } from "@/components/hosted-frame";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("oidc");
  return { title: t("metaTitle"), robots: { index: false, follow: false } };
}

export default async function OidcLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("via");
  return <HostedFrame securedBy={t("securedBy")}>{children}</HostedFrame>;
}
