// The admin CLI's whole command line → exit code path, apart from the
// process it runs in: lib/admin/cli.ts hands it the process's arguments,
// environment and streams. Tests that only need provisioning call it in
// their own process, which spares a Node start-up per command.
import type { Config } from "../config";
import { ConfigError } from "../config";
import { isSudomimusError } from "../errors";
import { USAGE, parseAdminArgs } from "./args";
import { AdminCommandError, CliError } from "./cli-error";
import { dispatch } from "./dispatch";

export interface CliIo {
  /** Read only once a command needs it, so `--help` works without any environment. */
  config(): Config;
  stdout(text: string): void;
  stderr(text: string): void;
}

async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseAdminArgs(argv);
  if (parsed.kind === "help") {
    io.stdout(USAGE);
    return 0;
  }
  const { command, options, json } = parsed;
  const { result, route } = await dispatch(io.config(), { command: command.name, args: command.toArgs(options) });
  const checked = command.resultSchema.safeParse(result);
  if (!checked.success) throw new CliError("The admin answer has an unexpected shape.");
  for (const warning of command.warnings?.(checked.data) ?? []) io.stderr(`warning: ${warning}\n`);
  io.stdout(command.format(checked.data, { json, route, options }));
  return 0;
}

function report(error: unknown, io: CliIo): number {
  const say = (message: string) => io.stderr(`error: ${message.replace(/\s*\n\s*/g, " ")}\n`);
  if (error instanceof AdminCommandError) say(`${error.message} [${error.reason}]`);
  else if (error instanceof CliError || error instanceof ConfigError) say(error.message);
  else if (isSudomimusError(error)) say(`${error.message} [${error.reason}]`);
  else say(`unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
  return error instanceof CliError ? error.exitCode : 1;
}

/** Runs one admin command line; resolves to its exit code (0, 1 or 2). */
export function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  return main(argv, io).catch((error: unknown) => report(error, io));
}
