// The Sudomimus CLI's commands (docs 03): sign in through the browser by
// device code, then call the With API as that account, refreshing through
// Connect as needed. Standalone: it talks to the server over HTTP only, like
// any installed client would. Output for people on stdout, problems on
// stderr; exit 0 done, 1 failed, 2 a usage mistake.
import os from "node:os";
import type { Whoami } from "../portal/with-api";
import { callJson } from "./api";
import { parseInvocation, resolveEndpoints, USAGE, UsageError, type Invocation } from "./args";
import { forgetSession, readSession, writeSession } from "./credentials";
import { deviceLogin, openInBrowser } from "./login";
import { withApi } from "./session";

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);
const NOT_SIGNED_IN = "Not signed in. Run `sudomimus login` (or `sudomimus login --no-open` and open the link yourself).";

async function login(invocation: Invocation): Promise<number> {
  let previous = null;
  try {
    previous = readSession(invocation.home);
  } catch {
    // An unreadable file is replaced by the new session.
  }
  const endpoints = resolveEndpoints(invocation, previous?.endpoints);
  const tokens = await deviceLogin(endpoints, invocation.applicationAnchor, {
    say: out,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    open: invocation.noOpen ? undefined : openInBrowser,
  });
  const session = writeSession(invocation.home, { applicationAnchor: invocation.applicationAnchor, endpoints, ...tokens });
  // The session this one replaces is ended, not left alive in nobody's hands.
  if (previous) await callJson(`${previous.endpoints.connectApi}/logout`, { body: { refreshToken: previous.refreshToken } }).catch(() => {});
  const me = await withApi<Whoami>(invocation.home, session, endpoints, "/whoami");
  out(`Signed in as ${me.emailAddress ?? me.accountAlias}.`);
  return 0;
}

async function whoami(invocation: Invocation): Promise<number> {
  const session = readSession(invocation.home);
  if (!session) {
    err(NOT_SIGNED_IN);
    return 1;
  }
  const me = await withApi<Whoami>(invocation.home, session, resolveEndpoints(invocation, session.endpoints), "/whoami");
  if (invocation.json) {
    out(JSON.stringify(me, null, 2));
    return 0;
  }
  const name = [me.firstName, me.lastName].filter(Boolean).join(" ");
  out(`Signed in as ${me.emailAddress ?? me.accountAlias}`);
  if (name) out(`  Name:           ${name}`);
  out(`  Account alias:  ${me.accountAlias}`);
  out(`  Subject:        ${me.subject}`);
  if (me.emailAddresses.length > 0) out(`  Emails:         ${me.emailAddresses.join(", ")}`);
  return 0;
}

async function logout(invocation: Invocation): Promise<number> {
  const session = readSession(invocation.home);
  if (!session) {
    out("Not signed in.");
    return 0;
  }
  const { connectApi } = resolveEndpoints(invocation, session.endpoints);
  try {
    await callJson(`${connectApi}/logout`, { body: { refreshToken: session.refreshToken } });
  } catch (error) {
    // Forgotten here either way; say when the server could not be told.
    err(`The server was not told (${error instanceof Error ? error.message : String(error)}); the session is forgotten here.`);
  }
  forgetSession(invocation.home);
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
    return await { login, whoami, logout }[invocation.command](invocation);
  } catch (error) {
    if (error instanceof UsageError) {
      err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    // A refusal (ApiError), an ended session, a file that is not a session: the message says what to do.
    err(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

