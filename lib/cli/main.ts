// `npm run --silent sudomimus -- <command>`: the Sudomimus CLI (docs 03) in a checkout.
import { runCli } from "./commands";

process.exitCode = await runCli(process.argv.slice(2), process.env);
