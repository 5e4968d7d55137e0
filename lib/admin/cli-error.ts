// Failures the admin CLI reports as one line on stderr. The exit code tells
// scripts which kind: 2 = the command line itself is wrong, 1 = it was fine
// but the command could not be carried out.

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}

export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
    this.name = "UsageError";
  }
}

/** A command that ran and was refused (bad anchor, taken anchor, invalid rules…), from either path. */
export class AdminCommandError extends CliError {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message, 1);
    this.name = "AdminCommandError";
  }
}
