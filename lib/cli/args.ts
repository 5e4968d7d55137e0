// The Sudomimus CLI's command line (docs 03): a command, its flags, and where
// each endpoint is — a flag, else its environment variable, else (after
// login) what the stored session used, else derived from one server URL.
// Pure: everything it reads is passed in.

export const COMMANDS = ["login", "whoami", "organizations", "application", "set-rules", "logout", "help"] as const;
/** The commands that print data, and so take --json. */
const READ_COMMANDS: readonly Command[] = ["whoami", "organizations", "application", "set-rules"];
/** The commands that name one application. */
const APPLICATION_COMMANDS: readonly Command[] = ["application", "set-rules"];
/** An application anchor (docs 17): lowercase words joined by hyphens. */
const ANCHOR = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
export type Command = (typeof COMMANDS)[number];

export interface Endpoints {
  deviceApi: string;
  connectApi: string;
  withApi: string;
}

export interface Invocation {
  command: Command;
  /** login: print the link instead of opening a browser. */
  noOpen: boolean;
  /** whoami, organizations, application, set-rules: print JSON for programs. */
  json: boolean;
  /** application, set-rules: the anchor of the application to show or change. */
  applicationToShow?: string;
  /** set-rules: the JSON file with the new rules (a path on this machine). */
  rulesFile?: string;
  /** Endpoints given on the command line or in the environment (the rest comes from the session or the server URL). */
  endpoints: Partial<Endpoints>;
  /** The server, when given (--url, $SUDOMIMUS_URL). */
  serverUrl: string | undefined;
  applicationAnchor: string;
  /** Where the session is kept. */
  home: string;
}

export class UsageError extends Error {
  override name = "UsageError";
}

export const USAGE = `Usage: sudomimus <command> [options]

Commands:
  login [--no-open]   Sign in through your browser (device authorization). --no-open
                      prints the link and code instead of opening a browser.
  whoami [--json]     Show the signed-in account. --json prints it for programs.
  organizations [--json]
                      Your organizations with their applications and sectors.
  application <anchor> [--json]
                      One application of your organizations: its state, public keys,
                      claim policy and rules (in the shape \`admin --rules-file\` takes).
  set-rules <anchor> --rules-file <path.json> [--json]
                      Replace the application's rules (all three layers; ADMIN or
                      OWNER) with the rules in the file, in the same shape.
  logout              End the session and forget it.
  help                Show this text.

Options:
  --url <url>                   The Sudomimus server ($SUDOMIMUS_URL, default http://localhost:3000).
  --device-api-base-url <url>   $SUDOMIMUS_DEVICE_API_BASE_URL, default <url>/device-api
  --connect-api-base-url <url>  $SUDOMIMUS_CONNECT_API_BASE_URL, default <url>/connect-api
  --with-api-base-url <url>     $SUDOMIMUS_WITH_API_BASE_URL, default <url>/with/api

Exit status: 0 done, 1 failed, 2 a usage mistake, 3 not signed in (log in first;
with --json, stdout also says {"error": "not_signed_in"}).

Endpoint options that point somewhere other than the stored session keep a session
of their own there: the stored one is neither used nor replaced.

Environment:
  SUDOMIMUS_WITH_APPLICATION_ANCHOR   The portal's application (default sudomimus-with).
  SUDOMIMUS_CLI_HOME                  Where the session is kept (default ~/.sudomimus).
                                      Its credentials.json holds bearer credentials: use the
                                      CLI, never read or print the file.
`;

const ENDPOINT_FLAGS = {
  "--device-api-base-url": ["deviceApi", "SUDOMIMUS_DEVICE_API_BASE_URL"],
  "--connect-api-base-url": ["connectApi", "SUDOMIMUS_CONNECT_API_BASE_URL"],
  "--with-api-base-url": ["withApi", "SUDOMIMUS_WITH_API_BASE_URL"],
} as const satisfies Record<string, readonly [keyof Endpoints, string]>;

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** An endpoint URL without a trailing slash; plain http only to this machine (tokens travel over it). */
export function checkedUrl(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${what} is not a URL: ${value}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new UsageError(`${what} must be an http(s) URL: ${value}`);
  if (url.protocol === "http:" && !LOOPBACK.has(url.hostname)) throw new UsageError(`${what} must use https (plain http is accepted for this machine only): ${value}`);
  if (url.search || url.hash || url.username || url.password) throw new UsageError(`${what} must be a plain base URL: ${value}`);
  return url.href.replace(/\/+$/, "");
}

export function parseInvocation(argv: readonly string[], env: Record<string, string | undefined>, homeDir: string): Invocation {
  const args = [...argv];
  const command = (args.shift() ?? "help") as Command;
  if (command === ("--help" as string) || command === ("-h" as string)) return parseInvocation(["help", ...args], env, homeDir);
  if (!COMMANDS.includes(command)) throw new UsageError(`Unknown command: ${command}`);
  const endpoints: Partial<Endpoints> = {};
  for (const [, [key, variable]] of Object.entries(ENDPOINT_FLAGS)) {
    if (env[variable]) endpoints[key] = checkedUrl(env[variable]!, variable);
  }
  let serverUrl = env.SUDOMIMUS_URL ? checkedUrl(env.SUDOMIMUS_URL, "SUDOMIMUS_URL") : undefined;
  let noOpen = false;
  let json = false;
  let applicationToShow: string | undefined;
  let rulesFile: string | undefined;
  while (args.length > 0) {
    const arg = args.shift()!;
    if (APPLICATION_COMMANDS.includes(command) && applicationToShow === undefined && !arg.startsWith("-")) {
      if (!ANCHOR.test(arg) || arg.length > 64) throw new UsageError(`Not an application anchor: ${arg}`);
      applicationToShow = arg;
      continue;
    }
    const [name, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => {
      const given = inline ?? args.shift();
      if (!given) throw new UsageError(`${name} needs a value`);
      return given;
    };
    if (name === "--no-open" && command === "login" && inline === undefined) noOpen = true;
    else if (name === "--json" && READ_COMMANDS.includes(command) && inline === undefined) json = true;
    else if (name === "--url") serverUrl = checkedUrl(value(), "--url");
    else if (name === "--rules-file" && command === "set-rules") rulesFile = value();
    else if (name in ENDPOINT_FLAGS) {
      const [key] = ENDPOINT_FLAGS[name as keyof typeof ENDPOINT_FLAGS];
      endpoints[key] = checkedUrl(value(), name);
    } else if (name === "--help" || name === "-h") return { ...parseInvocation(["help"], env, homeDir) };
    else throw new UsageError(`Unknown option for ${command}: ${name}`);
  }
  if (APPLICATION_COMMANDS.includes(command) && applicationToShow === undefined) throw new UsageError(`${command} needs the anchor of the application`);
  if (command === "set-rules" && rulesFile === undefined) throw new UsageError("set-rules needs --rules-file <path.json>");
  const applicationAnchor = env.SUDOMIMUS_WITH_APPLICATION_ANCHOR || "sudomimus-with";
  if (!ANCHOR.test(applicationAnchor)) throw new UsageError(`SUDOMIMUS_WITH_APPLICATION_ANCHOR is not an application anchor: ${applicationAnchor}`);
  const home = env.SUDOMIMUS_CLI_HOME || `${homeDir}/.sudomimus`;
  return { command, noOpen, json, endpoints, serverUrl, applicationAnchor, home, ...(applicationToShow ? { applicationToShow } : {}), ...(rulesFile ? { rulesFile } : {}) };
}

export const DEFAULT_SERVER_URL = "http://localhost:3000";

const endpointsOf = (serverUrl: string): Endpoints => ({
  deviceApi: `${serverUrl}/device-api`,
  connectApi: `${serverUrl}/connect-api`,
  withApi: `${serverUrl}/with/api`,
});

/**
 * The endpoints to use: each one given explicitly; else the server given;
 * else where the stored session was made (its tokens work only there); else
 * this machine's server.
 */
export function resolveEndpoints(invocation: Pick<Invocation, "endpoints" | "serverUrl">, stored?: Endpoints): Endpoints {
  const base = invocation.serverUrl ? endpointsOf(invocation.serverUrl) : (stored ?? endpointsOf(DEFAULT_SERVER_URL));
  return { ...base, ...invocation.endpoints };
}
