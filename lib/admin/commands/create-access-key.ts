// create-access-key: an AccessKey credential for an existing account of an
// application (docs 32), named by one of the account's verified emails. The
// secret is printed once and never again.
import { z } from "zod";
import { findApplicationByAnchor } from "@/db/queries/applications";
import { findEmailIdentity } from "@/db/queries/identity";
import { addSeconds } from "../../clock";
import { fail } from "../../errors";
import { CLAIMS, type Claim } from "../../identity/claims-vocabulary";
import { emailAddressSchema } from "../../identity/email-address";
import { issueAccessKey } from "../../native/access-keys";
import { UsageError } from "../cli-error";
import type { AdminCommand, Flags } from "../command";
import { describeRoute } from "../route";
import { assertSecretOpensDatabase } from "../secret-check";
import { required, single } from "./flag-helpers";

export interface CreateAccessKeyOptions {
  application: string;
  email: string;
  label?: string;
  expiresInDays?: number;
  grants: Claim[];
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
}

const argsSchema = z.strictObject({
  application: z.string().min(1).max(64),
  email: z.string().min(3).max(320),
  label: z.string().max(200).optional(),
  expiresInDays: z.int().min(1).max(3650).optional(),
  grants: z.array(z.enum(CLAIMS)).max(3),
  accessTokenTtlSeconds: z.int().optional(),
  refreshTokenTtlSeconds: z.int().optional(),
});
type Args = z.infer<typeof argsSchema>;

const resultSchema = z.object({
  accessKeyIdentifier: z.string(),
  accessKeySecret: z.string(),
  applicationAnchor: z.string(),
  label: z.string().nullable(),
  expiresAt: z.string().nullable(),
  grants: z.array(z.string()),
});
type Result = z.infer<typeof resultSchema>;

function positiveInt(values: Flags, name: string): number | undefined {
  const raw = single(values, name);
  if (raw === undefined) return undefined;
  if (!/^[0-9]{1,9}$/.test(raw) || Number(raw) < 1) throw new UsageError(`--${name} must be a positive whole number.`);
  return Number(raw);
}

function parseGrants(values: Flags): Claim[] {
  const words = (values.get("grant") ?? []).flatMap((value) => value.split(",")).map((word) => word.trim()).filter(Boolean);
  for (const word of words) {
    if (!(CLAIMS as readonly string[]).includes(word)) throw new UsageError(`Unknown claim "${word}" in --grant (claims: ${CLAIMS.join(", ")}).`);
  }
  return CLAIMS.filter((claim) => words.includes(claim));
}

export const createAccessKeyCommand: AdminCommand<CreateAccessKeyOptions, Args, Result> = {
  name: "create-access-key",
  summary: "Issue an AccessKey credential (acs_k_ identifier + acs_t_ secret) for an existing account of an application.",
  usage: `Options for create-access-key:
  --application <anchor>    The application the key signs in to (it needs an
                            ACCESS_KEY_DIRECT rule and a DIRECT_ISSUE rule to be usable).
  --email <address>         A verified email of the existing account the key is bound to.
                            AccessKeys never create accounts.
  --label <text>            A name to recognise the key by (optional).
  --expires-in-days <n>     The key stops working after n days (default: never).
  --grant <claims>          Up-front consent: comma-separated claims (${CLAIMS.join(", ")})
                            recorded as granted for this account and application.
  --access-token-ttl-seconds <n>, --refresh-token-ttl-seconds <n>
                            Upper bounds on the lifetimes of tokens the key obtains.
  --json                    Print {"accessKeyIdentifier", "accessKeySecret", ...} on stdout.
                            The secret is shown only this once.`,
  valueFlags: ["application", "email", "label", "expires-in-days", "grant", "access-token-ttl-seconds", "refresh-token-ttl-seconds"],
  repeatableFlags: ["grant"],
  parse(values) {
    const label = single(values, "label");
    const expiresInDays = positiveInt(values, "expires-in-days");
    const accessTokenTtlSeconds = positiveInt(values, "access-token-ttl-seconds");
    const refreshTokenTtlSeconds = positiveInt(values, "refresh-token-ttl-seconds");
    return {
      application: required(values, "application"),
      email: required(values, "email"),
      ...(label !== undefined ? { label } : {}),
      ...(expiresInDays !== undefined ? { expiresInDays } : {}),
      grants: parseGrants(values),
      ...(accessTokenTtlSeconds !== undefined ? { accessTokenTtlSeconds } : {}),
      ...(refreshTokenTtlSeconds !== undefined ? { refreshTokenTtlSeconds } : {}),
    };
  },
  toArgs: (options) => ({ ...options }),
  argsSchema,
  resultSchema,
  async run(deps, args) {
    // The secret's hash is keyed by SUDOMIMUS_SECRET: under another secret the key would never verify.
    await assertSecretOpensDatabase(deps);
    const application = await findApplicationByAnchor(deps.db, args.application);
    if (!application) fail("ApplicationNotFound", { message: `No application has the anchor ${args.application}.` });
    const email = emailAddressSchema.safeParse(args.email);
    const owner = email.success ? await findEmailIdentity(deps.db, email.data) : null;
    if (!owner) fail("AccountNotFound", { message: `No account has the verified email ${args.email}; AccessKeys are only issued for existing accounts.` });
    const issued = await issueAccessKey(deps, {
      applicationId: application.id,
      accountId: owner.accountId,
      label: args.label ?? null,
      expiresAt: args.expiresInDays ? addSeconds(deps.clock.now(), args.expiresInDays * 24 * 3600) : null,
      accessTokenTtlSeconds: args.accessTokenTtlSeconds ?? null,
      refreshTokenTtlSeconds: args.refreshTokenTtlSeconds ?? null,
      grants: args.grants,
    });
    return {
      accessKeyIdentifier: issued.accessKeyIdentifier,
      accessKeySecret: issued.accessKeySecret,
      applicationAnchor: application.anchor,
      label: issued.label,
      expiresAt: issued.expiresAt?.toISOString() ?? null,
      grants: [...args.grants],
    };
  },
  format(result, { json, route }) {
    if (json) return JSON.stringify(result) + "\n";
    return [
      `Created access key ${result.accessKeyIdentifier} for application ${result.applicationAnchor}${result.label ? ` ("${result.label}")` : ""}.`,
      `Expires: ${result.expiresAt ?? "never"}. Up-front consent: ${result.grants.length > 0 ? result.grants.join(", ") : "none"}.`,
      `Database: ${describeRoute(route)}.`,
      "",
      "Secret. It is shown only this once; Sudomimus keeps only a hash of it. Store it now:",
      result.accessKeySecret,
      "",
    ].join("\n");
  },
};
