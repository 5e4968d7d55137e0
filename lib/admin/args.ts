// The admin CLI's command line: parsed strictly, so a typo in a flag fails
// with exit code 2 instead of silently provisioning something else. Every
// `--flag` takes a value except --json; each command says which it knows.
import { UsageError } from "./cli-error";
import type { AnyAdminCommand } from "./command";
import { ADMIN_COMMAND_LIST, ADMIN_COMMANDS } from "./commands/index";

export const USAGE = `Usage: npm run --silent admin -- <command> [options]

Commands:
${ADMIN_COMMAND_LIST.map((command) => `  ${command.name.padEnd(22)} ${command.summary}`).join("\n")}

${ADMIN_COMMAND_LIST.map((command) => command.usage).join("\n\n")}

Every command: -h, --help shows this help.

Database: DATABASE_URL when set, else the PGlite data directory SUDOMIMUS_DATA_DIR
(default .data). While a server holds that directory the command runs inside it,
through <data dir>/admin.sock. Use the server's environment (SUDOMIMUS_SECRET).

Exit codes: 0 done, 1 the command failed, 2 invalid command line.
`;

export type ParsedArgs = { kind: "help" } | { kind: "command"; command: AnyAdminCommand; options: unknown; json: boolean };

const commandNames = () => [...ADMIN_COMMANDS.keys()].join(", ");

export function parseAdminArgs(argv: readonly string[]): ParsedArgs {
  if (argv.includes("--help") || argv.includes("-h")) return { kind: "help" };
  const values = new Map<string, string[]>();
  const positionals: string[] = [];
  const seen: string[] = [];
  let json = false;
  for (let index = 0; index < argv.length; index++) {
    const token = argv[index]!;
    if (!token.startsWith("-")) {
      positionals.push(token);
      continue;
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(token);
    if (!match) throw new UsageError(`Unknown option ${token}. Run with --help for usage.`);
    const name = match[1]!;
    if (name === "json") {
      if (match[2] !== undefined) throw new UsageError("--json takes no value.");
      json = true;
      continue;
    }
    let value = match[2];
    if (value === undefined) {
      const next = argv[index + 1];
      if (next !== undefined && !next.startsWith("--")) value = argv[++index];
    }
    seen.push(token);
    values.set(name, [...(values.get(name) ?? []), value ?? ""]);
  }
  const [name, ...extra] = positionals;
  if (name === undefined) throw new UsageError(`Missing command. Commands: ${commandNames()}. Run with --help for usage.`);
  const command = ADMIN_COMMANDS.get(name);
  if (!command) throw new UsageError(`Unknown command "${name}". Commands: ${commandNames()}.`);
  for (const [flag, list] of values) {
    if (!command.valueFlags.includes(flag)) throw new UsageError(`Unknown option --${flag}. Run with --help for usage.`);
    if (list.some((value) => value.trim() === "")) throw new UsageError(`--${flag} needs a value.`);
    if (list.length > 1 && !command.repeatableFlags?.includes(flag)) throw new UsageError(`--${flag} is given more than once.`);
    values.set(flag, list.map((value) => value.trim()));
  }
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}".`);
  return { kind: "command", command, options: command.parse(values), json };
}
