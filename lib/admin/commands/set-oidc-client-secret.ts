// set-oidc-client-secret: generates a new OIDC client secret for an
// application (client_secret_basic / client_secret_post), replacing any
// previous one at once, and prints it — the only time it is ever shown.
import { z } from "zod";
import { findApplicationByAnchor } from "@/db/queries/applications";
import { loadOidcClientConfig } from "../../applications/application-context";
import { fail } from "../../errors";
import { setOidcClientSecret } from "../../oidc/client-secret";
import type { AdminCommand, Flags } from "../command";
import { describeRoute } from "../route";
import { assertSecretOpensDatabase } from "../secret-check";
import { required } from "./flag-helpers";

interface Options {
  application: string;
}

const argsSchema = z.strictObject({ application: z.string().trim().min(1).max(64) });
type Args = z.infer<typeof argsSchema>;

const resultSchema = z.object({
  applicationAnchor: z.string(),
  clientSecret: z.string(),
  warnings: z.array(z.string()),
});
type Result = z.infer<typeof resultSchema>;

export const setOidcClientSecretCommand: AdminCommand<Options, Args, Result> = {
  name: "set-oidc-client-secret",
  summary: "Generate (or rotate) an application's OIDC client secret and print it once.",
  usage: `Options for set-oidc-client-secret:
  --application <anchor>    The application (its anchor is the OIDC client_id). Any
                            secret it had stops working immediately.
  --json                    Print only {"applicationAnchor", "clientSecret"} on stdout.`,
  valueFlags: ["application"],
  parse: (flags: Flags) => ({ application: required(flags, "application") }),
  toArgs: (options) => ({ application: options.application }),
  argsSchema,
  resultSchema,
  async run(deps, args) {
    // The secret's hash is keyed by SUDOMIMUS_SECRET: a different one would store a hash the server can never match.
    await assertSecretOpensDatabase(deps);
    const application = await findApplicationByAnchor(deps.db, args.application);
    if (!application) fail("ApplicationNotFound", { message: `No application has the anchor ${JSON.stringify(args.application)}.` });
    const { clientSecret } = await setOidcClientSecret(deps, application.anchor);
    const client = await loadOidcClientConfig(deps.db, application.id);
    const usesSecret = client?.tokenEndpointAuthMethods.some((method) => method === "client_secret_basic" || method === "client_secret_post") ?? false;
    const warnings = usesSecret
      ? []
      : [`${application.anchor} has no OIDC rule with client_secret_basic or client_secret_post; the secret is stored but nothing accepts it yet.`];
    return { applicationAnchor: application.anchor, clientSecret, warnings };
  },
  warnings: (result) => result.warnings,
  format(result, { json, route }) {
    if (json) return JSON.stringify({ applicationAnchor: result.applicationAnchor, clientSecret: result.clientSecret }) + "\n";
    return [
      `New OIDC client secret for ${result.applicationAnchor} (client_id ${result.applicationAnchor}); any previous secret no longer works.`,
      `Database: ${describeRoute(route)}.`,
      "",
      "Client secret. It is shown only this once; Sudomimus keeps only a hash. Store it now:",
      result.clientSecret,
      "",
    ].join("\n");
  },
};
