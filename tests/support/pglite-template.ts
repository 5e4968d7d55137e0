// Fresh PGlite data directories for the suites, fast. Creating a cluster
// (PGlite's initdb, in WebAssembly) takes ~5 s on this class of machine —
// longer than the migrations and most suites' own work — and a run needs a
// dozen fresh ones. The runner creates and migrates one cluster per run
// (TEST_PGLITE_TEMPLATE); every fresh data directory then starts as a copy of
// it, which the server opens exactly as it opens any existing data directory
// (and migrates: a no-op). The first-start path from an empty directory stays
// covered by the suites that need it (persistence, admin CLI), which do not
// use this.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openPglite } from "@/db/client";

const TEMPLATE_ENV = "TEST_PGLITE_TEMPLATE";

/** Creates the run's migrated template cluster; the runner hands it to the PGlite half's test processes. */
export async function preparePgliteTemplate(): Promise<{ env: Record<string, string>; dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sudomimus-template-"));
  const opened = await openPglite(dataDir);
  await opened.close();
  return { env: { [TEMPLATE_ENV]: dataDir }, dataDir };
}

/**
 * A new SUDOMIMUS_DATA_DIR for a server or a lib suite: on the PGlite half,
 * a copy of the template cluster; elsewhere (the Postgres half, a test run
 * alone) an empty directory.
 */
export function freshDataDir(prefix: string, template = process.env[TEMPLATE_ENV]): string {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  // Only the cluster is copied: the lock file and the generated secret are per directory.
  if (template) fs.cpSync(path.join(template, "pglite"), path.join(dataDir, "pglite"), { recursive: true });
  return dataDir;
}
