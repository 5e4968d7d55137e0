// The device page's strings (messages/<locale>/device.json): every locale has
// the file with the same keys, the same {placeholders} and the same rich-text
// tags, and every error key the page can pick exists.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { deviceErrorKey } from "@/components/via/device/device-errors";
import { MESSAGES_DIR } from "@/lib/i18n/catalogs";
import { DEFAULT_LOCALE, LOCALES } from "@/lib/i18n/locales";

type Tree = { [key: string]: string | Tree };
const load = (locale: string) => JSON.parse(fs.readFileSync(path.join(MESSAGES_DIR, locale, "device.json"), "utf8")) as Tree;
const leaves = (tree: Tree, prefix = ""): [string, string][] =>
  Object.entries(tree).flatMap(([key, value]) => (typeof value === "string" ? [[prefix + key, value]] : leaves(value, `${prefix}${key}.`)));
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)/g)].map((match) => match[1]).sort();
const tags = (text: string) => [...text.matchAll(/<\/?(\w+)>/g)].map((match) => match[0]).sort();

describe("device messages", () => {
  const reference = new Map(leaves(load(DEFAULT_LOCALE)));

  for (const locale of LOCALES) {
    it(`${locale}: same keys, placeholders and tags as ${DEFAULT_LOCALE}, nothing empty`, () => {
      const strings = new Map(leaves(load(locale)));
      assert.deepEqual([...strings.keys()].sort(), [...reference.keys()].sort());
      for (const [key, text] of strings) {
        assert.notEqual(text.trim(), "", `${locale} ${key}`);
        assert.deepEqual(placeholders(text), placeholders(reference.get(key)!), `${locale} ${key} placeholders`);
        assert.deepEqual(tags(text), tags(reference.get(key)!), `${locale} ${key} tags`);
      }
      if (locale !== DEFAULT_LOCALE) {
        const same = [...strings].filter(([key, text]) => text === reference.get(key) && !/^(enter\.(label|placeholder)|decide\.codeLabel)$/.test(key));
        assert.deepEqual(same, [], `${locale} strings left untranslated`);
      }
    });
  }

  it("has a message for every reason the page handles", () => {
    for (const reason of ["Invalid userCode", "UserCodeNotFound", "UserCodeExpired", "UserCodeUsed", "RateLimited", "ApplicationDisabled", "Layer3Denied", "NetworkError", "Surprise"]) {
      assert.ok(reference.has(deviceErrorKey({ reason })), reason);
    }
  });
});
