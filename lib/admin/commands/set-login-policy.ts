// set-login-policy: staff un-blocking a domain (docs 22: whoever sets
// BLOCK_ALL, or a misconfigured SSO_ONLY, on the domain of their own login
// email "will need staff to un-block you"). It reverts the login policy of a
// verified domain to ALLOW_ALL — stored as no policy at all, as the portal
// does — whichever organization holds the domain and however many owners it
// has. ALLOW_ALL only: BLOCK_ALL and SSO_ONLY govern every account on the
// domain, platform-wide, and are the domain owner's to decide (its sole
// owner, in the portal, past the lock-yourself-out warning). Staff lift a
// restriction; they never impose one.
import { z } from "zod";
import { deleteLoginPolicy, findDomainClaim, findVerifiedHolder } from "@/db/queries/domains";
import { checkDomainName, parseDomainName } from "../../domains/domain-name";
import { LOGIN_POLICIES } from "../../domains/vocabulary";
import { fail } from "../../errors";
import { UsageError } from "../cli-error";
import type { AdminCommand } from "../command";
import { describeRoute } from "../route";
import { required } from "./flag-helpers";

const argsSchema = z.strictObject({
  domain: z.string().trim().min(1).max(253),
  policy: z.literal("ALLOW_ALL"),
});
type Args = z.infer<typeof argsSchema>;

const resultSchema = z.object({ domain: z.string(), previous: z.enum(LOGIN_POLICIES), policy: z.literal("ALLOW_ALL"), changed: z.boolean() });
type Result = z.infer<typeof resultSchema>;

export const setLoginPolicyCommand: AdminCommand<Args, Args, Result> = {
  name: "set-login-policy",
  summary: "Revert a verified domain's login policy to ALLOW_ALL (un-block its accounts).",
  usage: `Options for set-login-policy:
  --domain <domain>         The verified domain, e.g. example.com.
  --policy ALLOW_ALL        The only policy staff set: BLOCK_ALL and SSO_ONLY are the
                            domain owner's to set in the With portal.
  --json                    Print {"domain", "previous", "policy", "changed"} on stdout.`,
  valueFlags: ["domain", "policy"],
  parse(values) {
    const checked = checkDomainName(required(values, "domain"));
    if ("problem" in checked) throw new UsageError("--domain must be a domain such as example.com (ASCII, at least two labels, no scheme or path).");
    if (required(values, "policy").toUpperCase() !== "ALLOW_ALL") {
      throw new UsageError("--policy must be ALLOW_ALL: staff only lift a login policy; BLOCK_ALL and SSO_ONLY are the domain owner's to set in the With portal.");
    }
    return { domain: checked.domain, policy: "ALLOW_ALL" };
  },
  toArgs: (options) => options,
  argsSchema,
  resultSchema,
  async run(deps, args) {
    const domain = parseDomainName(args.domain);
    // A policy lives only on the one VERIFIED claim of a domain; pending claims carry none.
    const holder = await findVerifiedHolder(deps.db, domain);
    const claim = holder ? await findDomainClaim(deps.db, holder, domain) : null;
    if (!claim) fail("NotFound", { message: `No organization holds a verified claim on ${domain}, so no login policy governs it.` });
    if (claim.policy) await deleteLoginPolicy(deps.db, claim.id);
    const previous = claim.policy ?? "ALLOW_ALL";
    return { domain, previous, policy: "ALLOW_ALL", changed: previous !== "ALLOW_ALL" };
  },
  format(result, { json, route }) {
    if (json) return JSON.stringify(result) + "\n";
    const what = result.changed ? `was ${result.previous}, is now ${result.policy}` : `was already ${result.policy}; unchanged`;
    return `Login policy of ${result.domain} ${what}. Database: ${describeRoute(route)}.\n`;
  },
};
