// Data survives a restart, on whichever database this pass runs against: the
// seeded demo application keeps its token-signing key (a lost database would
// be re-seeded with a new one).
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { createFreshPostgresDatabase } from "../support/database";
import { testEnv } from "../support/env";
import { freePort } from "../support/ports";
import { startServer } from "../support/server";

async function demoPublicKey(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/connect-api/info`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ applicationAnchor: "demo-app", locale: "en-US" }),
  });
  assert.equal(response.status, 200);
  return ((await response.json()) as { applicationPublicKey: string }).applicationPublicKey;
}

describe("persistence", () => {
  it("keeps its data across a restart", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sudomimus-restart-"));
    const fresh = testEnv.dbKind === "postgres" ? await createFreshPostgresDatabase(testEnv.postgresAdminUrl) : undefined;
    const env = {
      SUDOMIMUS_DATA_DIR: dataDir,
      SUDOMIMUS_SECRET: crypto.randomBytes(32).toString("hex"),
      LOG_LEVEL: "warn",
      ...(fresh ? { DATABASE_URL: fresh.url } : {}),
    };
    try {
      const first = await startServer(await freePort(), env);
      const before = await demoPublicKey(first.baseUrl);
      await first.stop();
      if (!fresh) assert.equal(fs.existsSync(path.join(dataDir, "pglite.lock")), false, "a clean stop releases the PGlite lock");
      const second = await startServer(await freePort(), env);
      try {
        assert.equal(await demoPublicKey(second.baseUrl), before);
      } finally {
        await second.stop();
      }
    } finally {
      await fresh?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
