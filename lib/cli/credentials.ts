// The CLI's session on disk: `<home>/credentials.json`, readable by its owner
// only (the directory 0700, the file 0600), holding a bearer token pair.
// Written whole or not at all (a temporary file renamed over the old one):
// refresh tokens rotate, so a torn write would lose the only live one.
// A session is only ever sent to the endpoints it was made at: endpoint
// overrides that point elsewhere (docs 03: a local server "without changing
// stored production credentials") use a file of their own, named after them.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Endpoints } from "./args";

export interface StoredSession {
  version: 1;
  applicationAnchor: string;
  /** Where the session was made: its tokens are refreshed and used there. */
  endpoints: Endpoints;
  accessToken: string;
  refreshToken: string;
  updatedAt: string;
}

export const credentialsPath = (home: string) => path.join(home, "credentials.json");

const sameEndpoints = (a: Endpoints, b: Endpoints) => a.deviceApi === b.deviceApi && a.connectApi === b.connectApi && a.withApi === b.withApi;

/** The file of the session made at `endpoints`, next to the stored one (`main`, read from credentials.json). */
export function sessionFileFor(home: string, main: StoredSession | null, endpoints: Endpoints): string {
  if (!main || sameEndpoints(main.endpoints, endpoints)) return credentialsPath(home);
  const key = crypto.createHash("sha256").update(JSON.stringify([endpoints.deviceApi, endpoints.connectApi, endpoints.withApi])).digest("hex").slice(0, 16);
  return path.join(home, `credentials-${key}.json`);
}

const isText = (value: unknown): value is string => typeof value === "string" && value.length > 0;

/**
 * A session file that cannot be used — not a session, or not readable. Nobody
 * is signed in with it; `sudomimus login` replaces it.
 */
export class UnreadableSession extends Error {
  override name = "UnreadableSession";
}

const notASession = (file: string) => new UnreadableSession(`${file} is not a Sudomimus CLI session; run \`sudomimus login\` to replace it.`);

/** The session in `file`; null when there is none. A file that is not one is reported, not silently replaced. */
export function readSession(file: string): StoredSession | null {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return null;
    throw new UnreadableSession(`${file} cannot be read (${code ?? String(error)}); run \`sudomimus login\` to replace it.`);
  }
  let value: Partial<StoredSession> & { endpoints?: Partial<Endpoints> };
  try {
    value = JSON.parse(text) as typeof value;
  } catch {
    throw notASession(file);
  }
  const endpoints = value?.endpoints;
  if (
    value?.version !== 1 ||
    !isText(value.applicationAnchor) ||
    !isText(value.accessToken) ||
    !isText(value.refreshToken) ||
    !endpoints ||
    !isText(endpoints.deviceApi) ||
    !isText(endpoints.connectApi) ||
    !isText(endpoints.withApi)
  ) {
    throw notASession(file);
  }
  return value as StoredSession;
}

export function writeSession(file: string, session: Omit<StoredSession, "version" | "updatedAt">, now = new Date()): StoredSession {
  const stored: StoredSession = { version: 1, ...session, updatedAt: now.toISOString() };
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  const handle = fs.openSync(temporary, "wx", 0o600);
  try {
    fs.writeFileSync(handle, `${JSON.stringify(stored, null, 2)}\n`);
    fs.fsyncSync(handle);
  } finally {
    fs.closeSync(handle);
  }
  try {
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  return stored;
}

export function forgetSession(file: string): void {
  fs.rmSync(file, { force: true });
}

/** Seconds until the access token's `exp` (read from its header, where Sudomimus puts it); -Infinity when unreadable. */
export function accessTokenSecondsLeft(accessToken: string, now = new Date()): number {
  try {
    const header = JSON.parse(Buffer.from(accessToken.split(".")[0] ?? "", "base64url").toString("utf8")) as { exp?: unknown };
    return typeof header.exp === "number" ? header.exp - now.getTime() / 1000 : -Infinity;
  } catch {
    return -Infinity;
  }
}
