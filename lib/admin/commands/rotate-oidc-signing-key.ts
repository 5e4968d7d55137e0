// rotate-oidc-signing-key: a new platform ID-token signing key becomes
// active; the previous one stays in the JWKS (still verifying tokens it
// signed) until the next rotation, which drops it.
import { z } from "zod";
import { rotateOidcSigningKey } from "../../oidc/signing-keys";
import type { AdminCommand } from "../command";
import { describeRoute } from "../route";
import { assertSecretOpensDatabase } from "../secret-check";

type Options = Record<string, never>;
const argsSchema = z.strictObject({});
type Args = z.infer<typeof argsSchema>;

const resultSchema = z.object({ kid: z.string(), retiredKid: z.string().nullable() });
type Result = z.infer<typeof resultSchema>;

export const rotateOidcSigningKeyCommand: AdminCommand<Options, Args, Result> = {
  name: "rotate-oidc-signing-key",
  summary: "Rotate the OpenID Connect ID-token signing key (the previous key keeps verifying until the next rotation).",
  usage: `Options for rotate-oidc-signing-key:
  --json                    Print only {"kid", "retiredKid"} on stdout.`,
  valueFlags: [],
  parse: () => ({}),
  toArgs: () => ({}),
  argsSchema,
  resultSchema,
  async run(deps) {
    // The new private key is sealed with SUDOMIMUS_SECRET: it must be the server's.
    await assertSecretOpensDatabase(deps);
    return rotateOidcSigningKey(deps);
  },
  format(result, { json, route }) {
    if (json) return JSON.stringify(result) + "\n";
    const retired = result.retiredKid ? ` Key ${result.retiredKid} is retired: still published and verifying until the next rotation.` : "";
    return `New OIDC signing key ${result.kid} is active.${retired}\nDatabase: ${describeRoute(route)}.\n`;
  },
};
