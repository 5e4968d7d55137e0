// Running one admin request against whichever database handle the caller
// has: the CLI's own connection (Postgres, or PGlite when no server holds
// it) or the running server's, via its admin socket. The request is
// validated here too, since the socket is a trust boundary of its own (any
// process of the owner can write to it).
import { fail } from "../errors";
import type { AdminDeps } from "./command";
import { ADMIN_COMMANDS } from "./commands/index";

export interface AdminRequest {
  command: string;
  args: unknown;
}

export async function runAdminCommand(deps: AdminDeps, request: AdminRequest): Promise<unknown> {
  const command = ADMIN_COMMANDS.get(request.command);
  if (!command) fail("InvalidRequest", { message: `Unknown admin command ${JSON.stringify(request.command)}; known: ${[...ADMIN_COMMANDS.keys()].join(", ")}.` });
  const parsed = command.argsSchema.safeParse(request.args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail("InvalidRequest", { message: `Invalid ${command.name} request: ${issue?.path.join(".") || "args"}: ${issue?.message ?? "invalid"}` });
  }
  return command.run(deps, parsed.data);
}
