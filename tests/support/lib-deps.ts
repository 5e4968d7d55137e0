// Dependencies for lib-level tests: a fresh real database of the pass's kind
// and a clock the test moves, so expiry and grace periods are tested exactly.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseConfig } from "@/lib/config";
import { createKeyring } from "@/lib/crypto/keyring";
import { createTxtLookup } from "@/lib/domains/dns-txt";
import { createLogger } from "@/lib/log";
import { createOutboxMailer } from "@/lib/mail/mailer";
import type { Deps } from "@/lib/runtime";
import { openTestDatabase } from "./database";

export interface TestClock {
  now(): Date;
  advance(seconds: number): void;
}

/**
 * `dnsServers`: where the deps' resolver asks (a local DNS fixture); a short
 * timeout so a silent server fails a test in a second. Unset: the system's.
 */
export async function libDeps(options: { dnsServers?: string[] } = {}): Promise<{ deps: Deps & { clock: TestClock }; close(): Promise<void> }> {
  const database = await openTestDatabase();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sudomimus-libdeps-"));
  const config = parseConfig({
    SUDOMIMUS_DATA_DIR: dir,
    SUDOMIMUS_SECRET: crypto.randomBytes(32).toString("hex"),
    LOG_LEVEL: "silent",
    PUBLIC_URL: "http://localhost:3000",
  });
  let current = new Date("2026-06-01T12:00:00Z").getTime();
  const clock: TestClock = { now: () => new Date(current), advance: (seconds) => (current += seconds * 1000) };
  const deps = {
    config,
    db: database.db,
    keyring: createKeyring(config.secret),
    clock,
    mailer: createOutboxMailer(database.db),
    log: createLogger("silent"),
    fetch: globalThis.fetch.bind(globalThis),
    resolveTxt: createTxtLookup({ servers: options.dnsServers, timeoutMs: 300, tries: 1 }),
    cache: new Map<string, unknown>(),
  };
  return {
    deps,
    close: async () => {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
