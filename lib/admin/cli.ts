// `npm run --silent admin -- <command> [options]`: headless provisioning for
// operators and deployment scripts. It reads the same environment as the
// server (DATABASE_URL, SUDOMIMUS_DATA_DIR, SUDOMIMUS_SECRET), because keys it
// seals must open in the server. Success goes to stdout, every failure to
// stderr as one line, with exit code 2 for a wrong command line and 1 for a
// command that could not be carried out.
import { ConfigError, getConfig } from "../config";
import { isSudomimusError } from "../errors";
import { USAGE, parseAdminArgs } from "./args";
import { AdminCommandError, CliError } from "./cli-error";
import { dispatch } from "./dispatch";

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseAdminArgs(argv);
  if (parsed.kind === "help") {
    process.stdout.write(USAGE);
    return 0;
  }
  const { command, options, json } = parsed;
  const { result, route } = await dispatch(getConfig(), { command: command.name, args: command.toArgs(options) });
  const checked = command.resultSchema.safeParse(result);
  if (!checked.success) throw new CliError("The admin answer has an unexpected shape.");
  for (const warning of command.warnings?.(checked.data) ?? []) process.stderr.write(`warning: ${warning}\n`);
  process.stdout.write(command.format(checked.data, { json, route, options }));
  return 0;
}

function report(error: unknown): number {
  const say = (message: string) => process.stderr.write(`error: ${message.replace(/\s*\n\s*/g, " ")}\n`);
  if (error instanceof AdminCommandError) say(`${error.message} [${error.reason}]`);
  else if (error instanceof CliError || error instanceof ConfigError) say(error.message);
  else if (isSudomimusError(error)) say(`${error.message} [${error.reason}]`);
  else say(`unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
  return error instanceof CliError ? error.exitCode : 1;
}

process.exitCode = await main(process.argv.slice(2)).catch(report);
