// set-quota: raise (or lower) an organization's limits on applications,
// sectors, adopted domains and federation connectors — the "staff can raise
// the limit on request" of docs 21 and 23. Without a limit flag it only
// prints the limits and what the organization holds against them. Lowering a
// limit below what is held removes nothing; it only stops new creations.
import { z } from "zod";
import { countDomainClaims } from "@/db/queries/domains";
import { countConnectors } from "@/db/queries/federation-connectors";
import { organizationHoldings, updateOrganization } from "@/db/queries/organizations";
import { UsageError } from "../cli-error";
import type { AdminCommand, Flags } from "../command";
import { namedOrganization } from "../organization";
import { describeRoute } from "../route";
import { required, single } from "./flag-helpers";

const KINDS = ["applications", "sectors", "domains", "connectors"] as const;
type Kind = (typeof KINDS)[number];

/** Generous but finite: a typo of a few digits should not become an unlimited organization. */
const MAX_QUOTA = 10_000;

const limitSchema = z.number().int().min(0).max(MAX_QUOTA);
const argsSchema = z.strictObject({
  organization: z.string().trim().min(1).max(200),
  limits: z.strictObject({
    applications: limitSchema.optional(),
    sectors: limitSchema.optional(),
    domains: limitSchema.optional(),
    connectors: limitSchema.optional(),
  }),
});
type Args = z.infer<typeof argsSchema>;

const countsSchema = z.object({ applications: z.number(), sectors: z.number(), domains: z.number(), connectors: z.number() });
const resultSchema = z.object({ organizationAnchor: z.string(), quotas: countsSchema, holdings: countsSchema, changed: z.boolean() });
type Result = z.infer<typeof resultSchema>;

const COLUMN: Record<Kind, "applicationQuota" | "sectorQuota" | "domainQuota" | "connectorQuota"> = {
  applications: "applicationQuota",
  sectors: "sectorQuota",
  domains: "domainQuota",
  connectors: "connectorQuota",
};

function parse(values: Flags): Args {
  const limits: Args["limits"] = {};
  for (const kind of KINDS) {
    const text = single(values, kind);
    if (text === undefined) continue;
    if (!/^[0-9]{1,5}$/.test(text) || Number(text) > MAX_QUOTA) throw new UsageError(`--${kind} must be a whole number from 0 to ${MAX_QUOTA}.`);
    limits[kind] = Number(text);
  }
  return { organization: required(values, "organization"), limits };
}

export const setQuotaCommand: AdminCommand<Args, Args, Result> = {
  name: "set-quota",
  summary: "Show or change an organization's limits on applications, sectors, domains and connectors.",
  usage: `Options for set-quota:
  --organization <name>     Organization display name (its anchor is derived as in create-application).
  --applications <n>        New application limit (0-${MAX_QUOTA}).
  --sectors <n>             New sector limit.
  --domains <n>             New adopted-domain limit (pending and verified claims count).
  --connectors <n>          New federation connector limit.
                            Without any of these, the current limits are only shown.
  --json                    Print {"organizationAnchor", "quotas", "holdings", "changed"} on stdout.`,
  valueFlags: ["organization", ...KINDS],
  parse,
  toArgs: (options) => options,
  argsSchema,
  resultSchema,
  async run(deps, args) {
    const organization = await namedOrganization(deps.db, args.organization);
    const changes = Object.fromEntries(Object.entries(args.limits).map(([kind, limit]) => [COLUMN[kind as Kind], limit]));
    const changed = Object.keys(changes).length > 0;
    if (changed) await updateOrganization(deps.db, organization.id, changes);
    const held = await organizationHoldings(deps.db, organization.id);
    const current = { ...organization, ...changes };
    return {
      organizationAnchor: organization.anchor,
      quotas: { applications: current.applicationQuota, sectors: current.sectorQuota, domains: current.domainQuota, connectors: current.connectorQuota },
      holdings: {
        applications: held.applications,
        sectors: held.sectors,
        domains: await countDomainClaims(deps.db, organization.id),
        connectors: await countConnectors(deps.db, organization.id),
      },
      changed,
    };
  },
  warnings: (result) =>
    KINDS.filter((kind) => result.holdings[kind] > result.quotas[kind]).map(
      (kind) => `${result.organizationAnchor} holds ${result.holdings[kind]} ${kind}, more than its limit of ${result.quotas[kind]}: it keeps them, but cannot add more.`,
    ),
  format(result, { json, route }) {
    if (json) return JSON.stringify(result) + "\n";
    const lines = KINDS.map((kind) => `  ${kind.padEnd(13)} ${String(result.quotas[kind]).padStart(5)}  (${result.holdings[kind]} held)`);
    const header = `Limits of organization ${result.organizationAnchor}${result.changed ? "" : " (unchanged)"}. Database: ${describeRoute(route)}.`;
    return [header, ...lines, ""].join("\n");
  },
};
