// Message catalogs: messages/<locale>/<namespace>.json, one file per
// namespace so each surface owns its strings. Read from disk once per
// process and merged into one catalog per locale.
import fs from "node:fs";
import path from "node:path";
import type { Locale } from "./locales";

export type Catalog = Record<string, Record<string, unknown>>;

export const MESSAGES_DIR = path.join(process.cwd(), "messages");

const loaded = new Map<Locale, Catalog>();

export function loadCatalog(locale: Locale, dir = MESSAGES_DIR): Catalog {
  const cached = dir === MESSAGES_DIR ? loaded.get(locale) : undefined;
  if (cached) return cached;
  const catalog: Catalog = {};
  for (const file of fs.readdirSync(path.join(dir, locale)).sort()) {
    if (!file.endsWith(".json")) continue;
    catalog[file.slice(0, -".json".length)] = JSON.parse(fs.readFileSync(path.join(dir, locale, file), "utf8")) as Record<string, unknown>;
  }
  if (dir === MESSAGES_DIR) loaded.set(locale, catalog);
  return catalog;
}
