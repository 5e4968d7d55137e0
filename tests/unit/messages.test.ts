import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { loadCatalog, MESSAGES_DIR } from "@/lib/i18n/catalogs";
import { DEFAULT_LOCALE, LOCALES } from "@/lib/i18n/locales";

function keyPaths(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keyPaths(child, prefix ? `${prefix}.${key}` : key));
}

/** ICU arguments (`{name}`, `{count, plural, …}`), not the text of a plural branch (`=0 {No session was live.}`). */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((match) => match[1]!).sort();
}

function tags(text: string): string[] {
  return [...text.matchAll(/<\/?(\w+)>/g)].map((match) => match[0]).sort();
}

const catalogs = Object.fromEntries(LOCALES.map((locale) => [locale, loadCatalog(locale)]));
const get = (catalog: unknown, key: string) => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalog);

describe("message catalogs", () => {
  it("has a folder for every supported locale and no stray ones, each with the same namespace files", () => {
    const folders = fs.readdirSync(MESSAGES_DIR, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    assert.deepEqual(folders.sort(), [...LOCALES].sort());
    assert.ok(LOCALES.length >= 3);
    const namespaces = (locale: string) => fs.readdirSync(path.join(MESSAGES_DIR, locale)).sort();
    for (const locale of LOCALES) assert.deepEqual(namespaces(locale), namespaces(DEFAULT_LOCALE), locale);
    assert.deepEqual(fs.readdirSync(MESSAGES_DIR).filter((entry) => entry.endsWith(".json")), [], "no single-file catalogs left");
  });

  for (const locale of LOCALES.filter((l) => l !== DEFAULT_LOCALE)) {
    it(`${locale} has exactly the keys of ${DEFAULT_LOCALE}`, () => {
      assert.deepEqual(keyPaths(catalogs[locale]).sort(), keyPaths(catalogs[DEFAULT_LOCALE]).sort());
    });

    it(`${locale} uses the same placeholders and rich-text tags as ${DEFAULT_LOCALE}, and no empty strings`, () => {
      for (const key of keyPaths(catalogs[DEFAULT_LOCALE])) {
        const translated = get(catalogs[locale], key);
        const original = get(catalogs[DEFAULT_LOCALE], key) as string;
        assert.equal(typeof translated, "string", key);
        assert.notEqual((translated as string).trim(), "", `${locale} ${key} is empty`);
        assert.deepEqual(placeholders(translated as string), placeholders(original), `${locale} ${key}`);
        assert.deepEqual(tags(translated as string), tags(original), `${locale} ${key} tags`);
      }
    });
  }
});
