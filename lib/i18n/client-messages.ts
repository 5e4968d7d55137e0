// Which message namespaces run in the browser, per surface. Server
// components translate on the server; only the strings of client components
// need to travel in the page — the whole catalog is ~77 KB in every page's
// RSC payload, the sign-in page's own client strings ~18 KB. Client
// components under components/via and app/(via) read the via set, those under
// components/with and app/(with) the with set, every other one the root set
// (it may render anywhere); tests/unit/client-messages.test.ts checks it.
import type { Catalog } from "./catalogs";

export const CLIENT_NAMESPACES = {
  root: ["ui"],
  via: ["ui", "via", "errand", "device"],
  with: ["ui", "with", "withAccount", "withApplication", "withConnectors", "withDeveloper", "withDomains"],
} as const satisfies Record<string, readonly string[]>;

export type ClientSurface = keyof typeof CLIENT_NAMESPACES;

export function pickNamespaces(catalog: Catalog, namespaces: readonly string[]): Catalog {
  return Object.fromEntries(namespaces.filter((namespace) => namespace in catalog).map((namespace) => [namespace, catalog[namespace]!]));
}
