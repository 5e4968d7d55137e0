// One admin command: how its command line reads, what request it sends
// (validated again by the server — the admin socket is a trust boundary of
// its own), what it does with a database, and how its result is printed.
// Commands live in commands/, one file each, listed in commands/index.ts.
import type { z } from "zod";
import type { Deps } from "../runtime";
import type { Route } from "./route";

// fetch: commands that check an upstream before storing it (create-connector's discovery).
export type AdminDeps = Pick<Deps, "db" | "keyring" | "clock" | "fetch">;

/** The flags of a command line: every `--name value` (repeatable ones keep all values). */
export type Flags = ReadonlyMap<string, readonly string[]>;

export interface AdminCommand<Options, Args, Result> {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The options block of the usage text. */
  usage: string;
  valueFlags: readonly string[];
  repeatableFlags?: readonly string[];
  /** Command line → options; throws UsageError (exit 2) for anything off. */
  parse(flags: Flags): Options;
  /** Options → the request's args, on the operator's machine (it may read files the server cannot see). */
  toArgs(options: Options): Args;
  argsSchema: z.ZodType<Args>;
  resultSchema: z.ZodType<Result>;
  run(deps: AdminDeps, args: Args): Promise<Result>;
  /** Warnings for stderr. */
  warnings?(result: Result): string[];
  format(result: Result, output: { json: boolean; route: Route; options: Options }): string;
}

/** The registry holds commands of different types; method parameters are bivariant, so each fits here. */
export type AnyAdminCommand = AdminCommand<unknown, unknown, unknown>;
