// Test applications are provisioned the way an operator would: with the
// admin CLI's command lines against the running server's data (through its
// admin socket on PGlite, directly on Postgres). The CLI's code runs in the
// test's own process (lib/admin/run-cli.ts, the same path lib/admin/cli.ts
// runs): a fresh Node process per command cost seconds of start-up each, and
// the CLI as a separate program is tested in tests/integration/admin-cli.test.ts.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { runCli } from "@/lib/admin/run-cli";
import { parseConfig } from "@/lib/config";
import type { TestApplication } from "./connect-client";
import { testEnv } from "./env";
import { tempDir } from "./temp-dir";

export interface ApplicationSpec {
  anchorPrefix: string;
  template?: string;
  callbackDomains?: string[];
  rules?: { authentication: unknown[]; realize: unknown[]; return: unknown[] };
  claims?: Record<string, string>;
  organization?: string;
  /** The display name (en-US); defaults to the anchor. */
  name?: string;
}

export function serverEnv(): Record<string, string> {
  return {
    ...(process.env as Record<string, string>),
    SUDOMIMUS_DATA_DIR: testEnv.serverDataDir,
    SUDOMIMUS_SECRET: testEnv.serverSecret,
    LOG_LEVEL: "silent",
    ...(testEnv.serverDatabaseUrl ? { DATABASE_URL: testEnv.serverDatabaseUrl } : { DATABASE_URL: "" }),
  };
}

export async function runAdmin(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    // Parsed per command, as a fresh CLI process would, from the server's environment.
    config: () => parseConfig(serverEnv()),
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { stdout, stderr, code };
}

export async function createTestApplication(spec: ApplicationSpec): Promise<TestApplication> {
  const anchor = `${spec.anchorPrefix}-${crypto.randomBytes(4).toString("hex")}`;
  const args = ["create-application", "--organization", spec.organization ?? "Test organization", "--anchor", anchor, "--json"];
  if (spec.name) args.push("--name", spec.name);
  if (spec.template) args.push("--template", spec.template);
  for (const domain of spec.callbackDomains ?? []) args.push("--callback-domain", domain);
  if (spec.rules) {
    const file = path.join(tempDir("rules"), "rules.json");
    fs.writeFileSync(file, JSON.stringify(spec.rules));
    args.push("--rules-file", file);
  }
  for (const [claim, requirement] of Object.entries(spec.claims ?? {})) args.push("--claim", `${claim}=${requirement}`);
  const result = await runAdmin(args);
  if (result.code !== 0) throw new Error(`admin create-application failed (${result.code}): ${result.stderr}`);
  const created = JSON.parse(result.stdout) as { applicationAnchor: string; clientAuthPrivateKey: string; applicationPublicKey: string };
  return { anchor: created.applicationAnchor, privateKeyPem: created.clientAuthPrivateKey, publicKeyPem: created.applicationPublicKey };
}

/** The rules most Connect tests use: email codes and passkeys, any address at example.com, every browser return. */
export function webRules(overrides: Partial<NonNullable<ApplicationSpec["rules"]>> = {}) {
  return {
    authentication: [{ method: "EMAIL_VERIFICATION", payload: {} }, { method: "PASSKEY_USERNAMELESS", payload: {} }, { method: "PASSKEY_REASONED", payload: {} }],
    realize: [{ constraintType: "EMAIL", payload: { allowedEmails: ["*@example.com"] } }],
    return: [
      { returnMethod: "CALLBACK", payload: { allowedCallbackDomains: ["localhost"] } },
      { returnMethod: "STATUS_POLL", payload: {} },
      { returnMethod: "REVEAL", payload: { includeAccessToken: true, includeRefreshToken: true } },
    ],
    ...overrides,
  };
}

/** Registers an organization's IdP as a federation connector with the admin CLI (discovery is checked); answers its anchor. */
export async function createTestConnector(organization: string, idp: { issuer: string; clientId: string; clientSecret: string }, displayName: string): Promise<string> {
  const secretFile = path.join(tempDir("connector"), "secret");
  fs.writeFileSync(secretFile, idp.clientSecret, { mode: 0o600 });
  const args = ["create-connector", "--organization", organization, "--display-name", displayName, "--issuer", idp.issuer];
  const result = await runAdmin([...args, "--client-id", idp.clientId, "--client-secret-file", secretFile, "--json"]);
  if (result.code !== 0) throw new Error(`admin create-connector failed (${result.code}): ${result.stderr}`);
  return (JSON.parse(result.stdout) as { connectorAnchor: string }).connectorAnchor;
}
