// add-member: make an existing account (named by a verified email) a member
// of an organization with a role — the operator's way in before anyone can
// invite through the portal, and how tests seat ADMINs and VIEWERs. An
// account that is already a member keeps its role (membership is not
// silently changed from the command line). The operator may seat an OWNER
// past the per-account limit on owned organizations: like the organization
// quotas (docs 21/23, set-quota), limits bind the self-service portal only.
import { z } from "zod";
import { findEmailIdentity } from "@/db/queries/identity";
import { findMembership } from "@/db/queries/memberships";
import { insertMembership } from "@/db/queries/organizations";
import { fail } from "../../errors";
import { emailAddressSchema } from "../../identity/email-address";
import { UsageError } from "../cli-error";
import type { AdminCommand } from "../command";
import { namedOrganization } from "../organization";
import { describeRoute } from "../route";
import { required } from "./flag-helpers";

const ROLES = ["VIEWER", "ADMIN", "OWNER"] as const;

const argsSchema = z.strictObject({
  organization: z.string().trim().min(1).max(200),
  email: z.string().min(3).max(320),
  role: z.enum(ROLES),
});
type Args = z.infer<typeof argsSchema>;

const resultSchema = z.object({ organizationAnchor: z.string(), role: z.enum(ROLES), added: z.boolean() });
type Result = z.infer<typeof resultSchema>;

export const addMemberCommand: AdminCommand<Args, Args, Result> = {
  name: "add-member",
  summary: "Add an existing account to an organization with a role (VIEWER, ADMIN or OWNER).",
  usage: `Options for add-member:
  --organization <name>     Organization display name (its anchor is derived as in create-application).
  --email <address>         A verified email of the existing account.
  --role <role>             VIEWER, ADMIN or OWNER.
  --json                    Print {"organizationAnchor", "role", "added"} on stdout.`,
  valueFlags: ["organization", "email", "role"],
  parse(values) {
    const role = required(values, "role").toUpperCase();
    if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(", ")}.`);
    return { organization: required(values, "organization"), email: required(values, "email"), role: role as Args["role"] };
  },
  toArgs: (options) => options,
  argsSchema,
  resultSchema,
  async run(deps, args) {
    const organization = await namedOrganization(deps.db, args.organization);
    const email = emailAddressSchema.safeParse(args.email);
    const owner = email.success ? await findEmailIdentity(deps.db, email.data) : null;
    if (!owner) fail("AccountNotFound", { message: `No account has the verified email ${args.email}.` });
    const existing = await findMembership(deps.db, organization.id, owner.accountId);
    if (existing) return { organizationAnchor: organization.anchor, role: existing, added: false };
    await insertMembership(deps.db, { organizationId: organization.id, accountId: owner.accountId, role: args.role });
    return { organizationAnchor: organization.anchor, role: args.role, added: true };
  },
  format(result, { json, route }) {
    if (json) return JSON.stringify(result) + "\n";
    const what = result.added ? `Added as ${result.role}` : `Already a member (${result.role}); unchanged`;
    return `${what} in organization ${result.organizationAnchor}. Database: ${describeRoute(route)}.\n`;
  },
};
