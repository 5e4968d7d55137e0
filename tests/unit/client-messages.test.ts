// Pages ship only their surface's client strings (lib/i18n/client-messages.ts).
// A client component that reads a namespace its surface does not ship would
// show raw keys in the browser; this reads every component that calls
// useTranslations and checks its namespaces against the set of where it lives.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { loadCatalog } from "@/lib/i18n/catalogs";
import { CLIENT_NAMESPACES, pickNamespaces, type ClientSurface } from "@/lib/i18n/client-messages";
import { DEFAULT_LOCALE } from "@/lib/i18n/locales";

const root = path.resolve(import.meta.dirname, "..", "..");

function sources(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

function surfaceOf(file: string): ClientSurface {
  if (file.startsWith("components/via/") || file.startsWith("app/(via)/")) return "via";
  if (file.startsWith("components/with/") || file.startsWith("app/(with)/")) return "with";
  return "root";
}

const hookUsers = [...sources("app"), ...sources("components")]
  .map((file) => ({ file, text: fs.readFileSync(path.join(root, file), "utf8") }))
  .filter(({ text }) => text.includes("useTranslations("));

describe("client message namespaces", () => {
  it("finds the components that translate in the browser", () => {
    assert.ok(hookUsers.length >= 30, `only ${hookUsers.length} files call useTranslations`);
  });

  it("ships every namespace a component reads with the surface it lives in", () => {
    for (const { file, text } of hookUsers) {
      const calls = [...text.matchAll(/useTranslations\(([^)]*)\)/g)].map((match) => match[1]!.trim());
      for (const argument of calls) {
        const namespace = /^"([^".]+)/.exec(argument)?.[1];
        assert.ok(namespace, `${file}: useTranslations(${argument}) must name a namespace literally`);
        const surface = surfaceOf(file);
        assert.ok((CLIENT_NAMESPACES[surface] as readonly string[]).includes(namespace), `${file} reads "${namespace}", which ${surface} pages do not ship`);
      }
    }
  });

  it("names only namespaces that exist, and picks exactly those", () => {
    const catalog = loadCatalog(DEFAULT_LOCALE);
    for (const namespaces of Object.values(CLIENT_NAMESPACES)) {
      for (const namespace of namespaces) assert.ok(namespace in catalog, namespace);
      assert.deepEqual(Object.keys(pickNamespaces(catalog, namespaces)).sort(), [...namespaces].sort());
    }
    assert.deepEqual(pickNamespaces(catalog, ["ui", "no-such-namespace"]), { ui: catalog.ui });
  });
});
