// Hands a surface's client components their strings (lib/i18n/client-messages.ts),
// in the visitor's locale; locale, time zone and formats come from the request config.
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { Catalog } from "@/lib/i18n/catalogs";
import { CLIENT_NAMESPACES, pickNamespaces, type ClientSurface } from "@/lib/i18n/client-messages";

export async function ClientMessages({ surface, children }: { surface: ClientSurface; children: React.ReactNode }) {
  const messages = (await getMessages()) as Catalog;
  return <NextIntlClientProvider messages={pickNamespaces(messages, CLIENT_NAMESPACES[surface])}>{children}</NextIntlClientProvider>;
}
