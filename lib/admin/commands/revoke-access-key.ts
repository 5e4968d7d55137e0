// revoke-access-key: the soft delete of an AccessKey (docs 32: rotation is
// revoke + reissue). Sessions the key minted are revoked with it.
import { z } from "zod";
import { revokeAccessKey } from "../../native/access-keys";
import type { AdminCommand } from "../command";
import { describeRoute } from "../route";
import { required } from "./flag-helpers";

const argsSchema = z.strictObject({ identifier: z.string().min(1).max(128) });
type Args = z.infer<typeof argsSchema>;

const resultSchema = z.object({ accessKeyIdentifier: z.string(), revoked: z.boolean(), sessionsRevoked: z.number() });
type Result = z.infer<typeof resultSchema>;

export const revokeAccessKeyCommand: AdminCommand<Args, Args, Result> = {
  name: "revoke-access-key",
  summary: "Revoke an AccessKey credential, and every session it minted.",
  usage: `Options for revoke-access-key:
  --identifier <acs_k_…>    The key to revoke. Revoking twice is harmless.
  --json                    Print {"accessKeyIdentifier", "revoked", "sessionsRevoked"} on stdout.`,
  valueFlags: ["identifier"],
  parse: (values) => ({ identifier: required(values, "identifier") }),
  toArgs: (options) => options,
  argsSchema,
  resultSchema,
  async run(deps, args) {
    const result = await revokeAccessKey(deps, { accessKeyIdentifier: args.identifier });
    return { accessKeyIdentifier: args.identifier, ...result };
  },
  format(result, { json, route }) {
    if (json) return JSON.stringify(result) + "\n";
    const what = result.revoked ? `Revoked access key ${result.accessKeyIdentifier}` : `Access key ${result.accessKeyIdentifier} was already revoked`;
    return `${what}; ${result.sessionsRevoked} live session(s) it minted ended. Database: ${describeRoute(route)}.\n`;
  },
};
