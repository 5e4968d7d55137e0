// `npm run --silent admin -- <command> [options]`: headless provisioning for
// operators and deployment scripts. It reads the same environment as the
// server (DATABASE_URL, SUDOMIMUS_DATA_DIR, SUDOMIMUS_SECRET), because keys it
// seals must open in the server. Success goes to stdout, every failure to
// stderr as one line, with exit code 2 for a wrong command line and 1 for a
// command that could not be carried out (lib/admin/run-cli.ts).
import { getConfig } from "../config";
import { runCli } from "./run-cli";

process.exitCode = await runCli(process.argv.slice(2), {
  config: getConfig,
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
});
