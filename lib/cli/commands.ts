// The Sudomimus CLI's commands (docs 03): sign in through the browser by
// device code, then call the With API as that account, refreshing through
// Connect as needed. Standalone: it talks to the server over HTTP only, like
// any installed client would. Output for people on stdout, problems on
// stderr; exit 0 done, 1 failed, 2 a usage mistake, 3 not signed in (no
// session, it ended, or its file is unusable): an agent can tell the user to
// log in (docs 03).
import os from "node:os";
import type { Whoami, WithApplication, WithOrganizations } from "../portal/with-api";
import { readRulesFile } from "../applications/rules-file";
import { callJson } from "./api";
import { parseInvocation, resolveEndpoints, USAGE, UsageError, type Endpoints, type Invocation } from "./args";
import { credentialsPath, forgetSession, readSession, sessionFileFor, UnreadableSession, writeSession, type StoredSession } from "./credentials";
import { deviceLogin, openInBrowser } from "./login";
import { SessionEnded, withApi } from "./session";

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);
const NOT_SIGNED_IN = "Not signed in. Run `sudomimus login` (or `sudomimus login --no-open` and open the link yourself).";
export const EXIT_NOT_SIGNED_IN = 3;

/** No session to use: said on stderr, and as JSON on stdout for a caller that asked for JSON. */
function notSignedIn(invocation: Invocation, message = NOT_SIGNED_IN): number {
  if (invocation.json) out(JSON.stringify({ error: "not_signed_in", message }));
  err(message);
  return EXIT_NOT_SIGNED_IN;
}

/**
 * The session this invocation works with: the stored one (credentials.json),
 * or — when endpoint overrides point somewhere else — the one made there
 * (credentials.ts), with the endpoints to talk to. Both files are read with
 * `read`.
 */
function locate(
  invocation: Invocation,
  read: (file: string) => StoredSession | null = readSession,
): { file: string; endpoints: Endpoints; session: StoredSession | null } {
  const main = read(credentialsPath(invocation.home));
  const endpoints = resolveEndpoints(invocation, main?.endpoints);
  const file = sessionFileFor(invocation.home, main, endpoints);
  return { file, endpoints, session: file === credentialsPath(invocation.home) ? main : read(file) };
}

/** How login reads a session file: one it cannot use is none, and the new session replaces it (else login could never repair it). */
function replaceableSession(file: string): StoredSession | null {
  try {
    return readSession(file);
  } catch (error) {
    if (error instanceof UnreadableSession) return null;
    throw error;
  }
}

async function login(invocation: Invocation): Promise<number> {
  const { file, endpoints, session: previous } = locate(invocation, replaceableSession);
  const tokens = await deviceLogin(endpoints, invocation.applicationAnchor, {
    say: out,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    open: invocation.noOpen ? undefined : openInBrowser,
  });
  const session = writeSession(file, { applicationAnchor: invocation.applicationAnchor, endpoints, ...tokens });
  // The session this one replaces is ended, not left alive in nobody's hands.
  if (previous) await callJson(`${previous.endpoints.connectApi}/logout`, { body: { refreshToken: previous.refreshToken } }).catch(() => {});
  const me = await withApi<Whoami>(file, session, "/whoami");
  out(`Signed in as ${me.emailAddress ?? me.accountAlias}.`);
  return 0;
}

/**
 * A command that calls one With API path as the signed-in account — a read,
 * or a PUT of what `put` gives — and prints the answer: JSON for programs
 * with --json, else `show` prints it for people.
 */
function apiCommand<T>(
  path: string | ((invocation: Invocation) => string),
  show: (data: T, invocation: Invocation) => void,
  put?: (invocation: Invocation) => unknown,
): (invocation: Invocation) => Promise<number> {
  return async (invocation) => {
    const { file, session } = locate(invocation);
    if (!session) return notSignedIn(invocation);
    // The file is read before anything is sent: a bad one costs no request.
    const body = put?.(invocation);
    const data = await withApi<T>(file, session, typeof path === "string" ? path : path(invocation), body);
    if (invocation.json) out(JSON.stringify(data, null, 2));
    else show(data, invocation);
    return 0;
  };
}

const whoami = apiCommand<Whoami>("/whoami", (me) => {
  const name = [me.firstName, me.lastName].filter(Boolean).join(" ");
  out(`Signed in as ${me.emailAddress ?? me.accountAlias}`);
  if (name) out(`  Name:           ${name}`);
  out(`  Account alias:  ${me.accountAlias}`);
  out(`  Subject:        ${me.subject}`);
  if (me.emailAddresses.length > 0) out(`  Emails:         ${me.emailAddresses.join(", ")}`);
});

const organizations = apiCommand<WithOrganizations>("/organizations", (listed) => {
  if (listed.organizations.length === 0) out("No organizations yet. Create one in the portal (/with/organizations).");
  for (const organization of listed.organizations) {
    out(`${organization.organizationAnchor}  ${organization.name}  (${organization.role}${organization.retired ? ", retired" : ""})`);
    for (const application of organization.applications) {
      out(`  application ${application.applicationAnchor}  ${application.name}${application.enabled ? "" : "  (retired)"}`);
    }
    for (const sector of organization.sectors) out(`  sector      ${sector.sectorAnchor}  ${sector.name}${sector.retired ? "  (retired)" : ""}`);
  }
});

function showApplication(shown: WithApplication): void {
  out(`${shown.applicationAnchor}  ${shown.name}  (${shown.enabled ? "enabled" : "retired"})`);
  out(`  Organization:  ${shown.organizationAnchor} (${shown.role})`);
  if (shown.sectorAnchor) out(`  Sector:        ${shown.sectorAnchor}`);
  out(`  Claims:        ${Object.entries(shown.claimPolicy).map(([claim, requirement]) => `${claim} ${requirement}`).join(", ")}`);
  const layers = [
    ["Layer 1", shown.rules.authentication.map((rule) => rule.method)],
    ["Layer 2", shown.rules.realize.map((rule) => rule.constraintType)],
    ["Layer 3", shown.rules.return.map((rule) => rule.returnMethod)],
  ] as const;
  for (const [layer, kinds] of layers) out(`  ${layer}:       ${kinds.length > 0 ? kinds.join(", ") : "(none: nobody gets through)"}`);
  out(`  Token-signing key rotated: ${shown.tokenSigningKeyRotatedAt ?? "never"}`);
  out("  Rules, payloads and public keys: --json");
}

const applicationPath = (invocation: Invocation) => `/applications/${encodeURIComponent(invocation.applicationToShow ?? "")}`;

const application = apiCommand<WithApplication>(applicationPath, showApplication);

const setRules = apiCommand<WithApplication>(
  (invocation) => `${applicationPath(invocation)}/rules`,
  (shown) => {
    out(`The rules of ${shown.applicationAnchor} were replaced; they apply to the next sign-in.`);
    showApplication(shown);
  },
  (invocation) => readRulesFile(invocation.rulesFile ?? ""),
);

async function logout(invocation: Invocation): Promise<number> {
  const { file, session } = locate(invocation);
  if (!session) {
    out("Not signed in.");
    return 0;
  }
  try {
    await callJson(`${session.endpoints.connectApi}/logout`, { body: { refreshToken: session.refreshToken } });
  } catch (error) {
    // Forgotten here either way; say when the server could not be told.
    err(`The server was not told (${error instanceof Error ? error.message : String(error)}); the session is forgotten here.`);
  }
  forgetSession(file);
  out("Signed out.");
  return 0;
}

export async function runCli(argv: readonly string[], env: Record<string, string | undefined>): Promise<number> {
  try {
    const invocation = parseInvocation(argv, env, os.homedir());
    if (invocation.command === "help") {
      out(USAGE);
      return 0;
    }
    try {
      return await { login, whoami, organizations, application, "set-rules": setRules, logout }[invocation.command](invocation);
    } catch (error) {
      if (error instanceof SessionEnded || error instanceof UnreadableSession) return notSignedIn(invocation, error.message);
      throw error;
    }
  } catch (error) {
    if (error instanceof UsageError) {
      err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    // Anything else — a refusal (ApiError), a server out of reach, a bad rules file: the message says what to do.
    err(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

