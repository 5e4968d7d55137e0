// create-connector: register an organization's OIDC identity provider as a
// federation connector (docs 23) from the command line — the operator's way,
// and the scripts'. The IdP's discovery document is fetched before anything
// is stored. The client secret is read from a file on the operator's machine
// (never a command-line argument, which other users can see in `ps`) and is
// sealed at rest; it is never printed back.
import fs from "node:fs";
import { z } from "zod";
import { createConnectorFor, parseScopes } from "../../federation/connectors";
import { FEDERATION_CALLBACK_PATH } from "../../federation/vocabulary";
import { UsageError } from "../cli-error";
import type { AdminCommand } from "../command";
import { namedOrganization } from "../organization";
import { describeRoute } from "../route";
import { assertSecretOpensDatabase } from "../secret-check";
import { required } from "./flag-helpers";

interface Options {
  organization: string;
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecretFile: string;
  scopes: string[];
}

const argsSchema = z.strictObject({
  organization: z.string().trim().min(1).max(200),
  displayName: z.string().max(200),
  issuer: z.string().max(1000),
  clientId: z.string().max(1000),
  clientSecret: z.string().min(1).max(4000),
  scopes: z.array(z.string().max(200)).max(40),
});
type Args = z.infer<typeof argsSchema>;

const resultSchema = z.object({ connectorAnchor: z.string(), organizationAnchor: z.string(), redirectPath: z.string() });
type Result = z.infer<typeof resultSchema>;

export const createConnectorCommand: AdminCommand<Options, Args, Result> = {
  name: "create-connector",
  summary: "Register an organization's OIDC identity provider as a federation connector.",
  usage: `Options for create-connector:
  --organization <name>       Organization display name (its anchor is derived as in create-application).
  --display-name <text>       Shown on the "Sign in with …" button, e.g. "Acme Corp SSO".
  --issuer <url>              The IdP's issuer; its /.well-known/openid-configuration is fetched now.
  --client-id <id>            The OAuth client id registered at the IdP.
  --client-secret-file <path> A file holding the client secret (read here, sealed at rest, never shown again).
  --scope <scopes>            Scopes to request (repeatable or comma-separated; default "openid email profile").
  --json                      Print {"connectorAnchor", "organizationAnchor", "redirectPath"} on stdout.
Register <PUBLIC_URL>${FEDERATION_CALLBACK_PATH} as a redirect URI at the IdP.`,
  valueFlags: ["organization", "display-name", "issuer", "client-id", "client-secret-file", "scope"],
  repeatableFlags: ["scope"],
  parse(values) {
    const scopes = (values.get("scope") ?? []).flatMap(parseScopes);
    return {
      organization: required(values, "organization"),
      displayName: required(values, "display-name"),
      issuer: required(values, "issuer"),
      clientId: required(values, "client-id"),
      clientSecretFile: required(values, "client-secret-file"),
      scopes: scopes.length > 0 ? scopes : ["openid", "email", "profile"],
    };
  },
  toArgs(options) {
    let clientSecret: string;
    try {
      clientSecret = fs.readFileSync(options.clientSecretFile, "utf8").trim();
    } catch (error) {
      throw new UsageError(`Cannot read --client-secret-file ${options.clientSecretFile}: ${(error as Error).message}`);
    }
    if (!clientSecret) throw new UsageError(`--client-secret-file ${options.clientSecretFile} is empty.`);
    const { clientSecretFile: _file, ...rest } = options;
    return { ...rest, clientSecret };
  },
  argsSchema,
  resultSchema,
  async run(deps, args) {
    // The secret is sealed under SUDOMIMUS_SECRET: under another one the server could never open it.
    await assertSecretOpensDatabase(deps);
    const organization = await namedOrganization(deps.db, args.organization);
    const { organization: _name, ...input } = args;
    // The quota binds the self-service surface only (docs 23): an operator is not held to it.
    const connector = await createConnectorFor(deps, organization, null, input);
    return { connectorAnchor: connector.anchor, organizationAnchor: organization.anchor, redirectPath: FEDERATION_CALLBACK_PATH };
  },
  format(result, { json, route }) {
    if (json) return JSON.stringify(result) + "\n";
    return [
      `Created connector ${result.connectorAnchor} for organization ${result.organizationAnchor} (${describeRoute(route)}).`,
      `Register <PUBLIC_URL>${result.redirectPath} as a redirect URI at the IdP, then name the connector in an`,
      `ENTERPRISE_FEDERATION_APPLICATION_MANAGED sign-in rule: {"method": "ENTERPRISE_FEDERATION_APPLICATION_MANAGED", "payload": {"connectorAnchor": "${result.connectorAnchor}"}}`,
      "",
    ].join("\n");
  },
};
