// create-application: an application with a fresh sector in an organization
// created on first use (by the anchor derived from its name) and reused after.
import { z } from "zod";
import { claimPolicyInputSchema, type ClaimPolicyInput } from "../../applications/claim-policy";
import { createApplication } from "../../applications/create-application";
import { parseRuleSet, type RuleSet } from "../../applications/rule-set";
import { readRulesFile, RulesFileError } from "../../applications/rules-file";
import { fail } from "../../errors";
import { CLAIMS, REQUIREMENTS, type Claim, type Requirement } from "../../identity/claims-vocabulary";
import { InvalidTemplateParamsError, TEMPLATE_NAMES, TEMPLATES, buildTemplate, isTemplateName, steamAppIdFromText, type TemplateField, type TemplateName, type TemplateParams } from "../../rules/templates";
import { CliError, UsageError } from "../cli-error";
import type { AdminCommand, Flags } from "../command";
import { ensureOrganization } from "../organization";
import { deriveOrganizationAnchor } from "../organization-anchor";
import { describeRoute } from "../route";
import { assertSecretOpensDatabase } from "../secret-check";
import { required, single, wrap } from "./flag-helpers";

export interface CreateApplicationOptions {
  organization: string;
  anchor: string;
  name?: string;
  template?: TemplateName;
  rulesFile?: string;
  /** Only the parameters given on the command line. */
  templateParams: TemplateParams;
  claims: ClaimPolicyInput;
}

/** The repeatable flag that sets each template parameter, and what it is called in messages. */
const TEMPLATE_FLAGS: Record<TemplateField, { flag: string; noun: string }> = {
  callbackDomains: { flag: "callback-domain", noun: "callback domains" },
  emailPatterns: { flag: "email-pattern", noun: "email patterns" },
  steamAppIds: { flag: "steam-app-id", noun: "Steam App IDs" },
  redirectUris: { flag: "redirect-uri", noun: "redirect URIs" },
  sectorSubjects: { flag: "sector-subject", noun: "sector subjects" },
};
const TEMPLATE_FIELDS = Object.keys(TEMPLATE_FLAGS) as TemplateField[];
const templateFlags = TEMPLATE_FIELDS.map((field) => TEMPLATE_FLAGS[field].flag);

const argsSchema = z
  .strictObject({
    organization: z.string().trim().min(1).max(200),
    // Checked by createApplication, which owns the anchor rules and their messages.
    anchor: z.string().max(200),
    name: z.string().trim().min(1).max(200).optional(),
    template: z.enum(TEMPLATE_NAMES).optional(),
    templateParams: z
      .strictObject({
        callbackDomains: z.array(z.string().max(253)).max(100).readonly().optional(),
        emailPatterns: z.array(z.string().max(320)).max(100).readonly().optional(),
        steamAppIds: z.array(z.number().int().positive()).max(100).readonly().optional(),
        redirectUris: z.array(z.string().max(2048)).max(100).readonly().optional(),
        sectorSubjects: z.array(z.string().max(64)).max(100).readonly().optional(),
      })
      .optional(),
    rules: z.unknown().optional(),
    claims: claimPolicyInputSchema.optional(),
  })
  .refine((args) => (args.template === undefined) !== (args.rules === undefined), {
    message: "exactly one of template and rules is required",
  });
type Args = z.infer<typeof argsSchema>;

const resultSchema = z.object({
  applicationAnchor: z.string(),
  applicationId: z.string(),
  sectorId: z.string(),
  organizationAnchor: z.string(),
  organizationName: z.string(),
  organizationCreated: z.boolean(),
  /** PKCS#8 PEM, shown once. */
  clientAuthPrivateKey: z.string(),
  applicationPublicKey: z.string(),
  warnings: z.array(z.string()),
});
export type CreateApplicationResult = z.infer<typeof resultSchema>;

export const createApplicationCommand: AdminCommand<CreateApplicationOptions, Args, CreateApplicationResult> = {
  name: "create-application",
  summary: "Create an application with a fresh sector, in an organization that is created on first use and reused afterwards.",
  usage: `Options for create-application:
  --organization <name>     Organization display name. Its anchor is derived from it
                            ("Acme, Inc." -> acme-inc); an existing organization with
                            that anchor is reused.
  --anchor <anchor>         Application anchor: lowercase kebab-case, 3-64 characters.
  --template <name>         Rules from a configuration template:
${wrap(TEMPLATE_NAMES, 28, 88)}.
  Template parameters (repeatable; each replaces the template's placeholder, and a
  template that has no use for one refuses it):
  --callback-domain <host>  A CALLBACK hostname.
  --email-pattern <glob>    An EMAIL pattern such as *@acme.com.
  --steam-app-id <id>       A Steam App ID (public-app: adds the Steam ticket path).
  --redirect-uri <url>      An OIDC redirect URI.
  --sector-subject <sub_…>  A SECTOR_SUBJECT the AccessKey template admits.
  --rules-file <path.json>  Rules as JSON: { "authentication": [...], "realize": [...],
                            "return": [...] }. Exactly one of --template and --rules-file.
  --name <display name>     The application's name (en-US); defaults to the anchor.
  --claim <claim>=<policy>  Claim policy, repeatable: ${CLAIMS.join(", ")} =
                            ${REQUIREMENTS.join(" | ")}. Unset claims are OFF.
  --json                    Print only {"applicationAnchor", "clientAuthPrivateKey",
                            "applicationPublicKey"} on stdout.`,
  valueFlags: ["organization", "anchor", "template", "rules-file", "name", ...templateFlags, "claim"],
  repeatableFlags: [...templateFlags, "claim"],
  parse,
  toArgs: (options) => ({
    organization: options.organization,
    anchor: options.anchor,
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...(options.template !== undefined ? { template: options.template, templateParams: options.templateParams } : { rules: rulesOf(options.rulesFile ?? "") }),
    ...(Object.keys(options.claims).length > 0 ? { claims: options.claims } : {}),
  }),
  argsSchema,
  resultSchema,
  run,
  warnings: (result) => result.warnings,
  format(result, { json, route, options }) {
    if (json) {
      const { applicationAnchor, clientAuthPrivateKey, applicationPublicKey } = result;
      return JSON.stringify({ applicationAnchor, clientAuthPrivateKey, applicationPublicKey }) + "\n";
    }
    const organization = `"${result.organizationName}" (${result.organizationAnchor}, ${result.organizationCreated ? "new" : "existing"})`;
    const rules = options.template ? `template ${options.template}` : `rules file ${options.rulesFile}`;
    const claims = Object.entries(options.claims).map(([claim, policy]) => `${claim} ${policy}`);
    return [
      `Created application ${result.applicationAnchor} in organization ${organization}, with a fresh sector.`,
      `Rules: ${rules}. Claims: ${claims.length > 0 ? claims.join(", ") : "none requested"}.`,
      `Database: ${describeRoute(route)}.`,
      "",
      "Client-auth private key (PKCS#8). It is shown only this once; Sudomimus does not keep it. Store it now:",
      result.clientAuthPrivateKey.trimEnd(),
      "",
    ].join("\n");
  },
};

function parse(values: Flags): CreateApplicationOptions {
  const organization = required(values, "organization");
  if (deriveOrganizationAnchor(organization) === null) {
    throw new UsageError(`--organization "${organization}" yields no organization anchor: use a name with letters a-z or digits.`);
  }
  const anchor = required(values, "anchor");
  const name = single(values, "name");
  const template = single(values, "template");
  const rulesFile = single(values, "rules-file");
  if (template !== undefined && rulesFile !== undefined) throw new UsageError("Use either --template or --rules-file, not both.");
  if (template === undefined && rulesFile === undefined) throw new UsageError("One of --template or --rules-file is required.");
  if (template !== undefined && !isTemplateName(template)) {
    throw new UsageError(`Unknown template "${template}". Templates: ${TEMPLATE_NAMES.join(", ")}.`);
  }
  return {
    organization,
    anchor,
    ...(name !== undefined ? { name } : {}),
    ...(template !== undefined ? { template } : {}),
    ...(rulesFile !== undefined ? { rulesFile } : {}),
    templateParams: parseTemplateParams(values, template),
    claims: parseClaims(values.get("claim") ?? []),
  };
}

/** The template parameters given, each checked against what the template (or a rules file) can use. */
function parseTemplateParams(values: Flags, template: TemplateName | undefined): TemplateParams {
  const params: { -readonly [K in TemplateField]?: TemplateParams[K] } = {};
  for (const field of TEMPLATE_FIELDS) {
    const { flag, noun } = TEMPLATE_FLAGS[field];
    const given = values.get(flag) ?? [];
    if (given.length === 0) continue;
    if (template === undefined) throw new UsageError(`--${flag} only applies to --template; put ${noun} in the rules file.`);
    if (!TEMPLATES[template].inputs.some((input) => input.field === field)) {
      throw new UsageError(`The ${template} template has no ${noun}; --${flag} does not apply to it.`);
    }
    if (field === "steamAppIds") {
      const bad = given.find((id) => steamAppIdFromText(id) === null);
      if (bad !== undefined) throw new UsageError(`--steam-app-id "${bad}" is not a Steam App ID (a positive whole number).`);
      params.steamAppIds = given.map(Number);
    } else params[field] = [...given];
  }
  return params;
}

function parseClaims(entries: readonly string[]): ClaimPolicyInput {
  const claims: ClaimPolicyInput = {};
  for (const entry of entries) {
    const match = /^([A-Za-z]+)=([A-Za-z]+)$/.exec(entry);
    if (!match) throw new UsageError(`--claim "${entry}" must look like email=REQUIRED.`);
    const [, claim = "", requirement = ""] = match;
    if (!(CLAIMS as readonly string[]).includes(claim)) {
      throw new UsageError(`Unknown claim "${claim}" in --claim (claims: ${CLAIMS.join(", ")}).`);
    }
    if (!(REQUIREMENTS as readonly string[]).includes(requirement)) {
      throw new UsageError(`Unknown policy "${requirement}" for --claim ${claim} (policies: ${REQUIREMENTS.join(", ")}).`);
    }
    if (claims[claim as Claim] !== undefined) throw new UsageError(`--claim ${claim} is given more than once.`);
    claims[claim as Claim] = requirement as Requirement;
  }
  return claims;
}

/** The admin CLI's view of a rules file problem: a message for the operator, exit 1. */
function rulesOf(file: string): unknown {
  try {
    return readRulesFile(file);
  } catch (error) {
    throw error instanceof RulesFileError ? new CliError(error.message) : error;
  }
}

async function run(deps: Parameters<AdminCommand<CreateApplicationOptions, Args, CreateApplicationResult>["run"]>[0], args: Args): Promise<CreateApplicationResult> {
  const organizationAnchor = deriveOrganizationAnchor(args.organization);
  if (!organizationAnchor) fail("Invalid organization", { message: `"${args.organization}" yields no organization anchor.` });
  const rules = args.template ? templateRules(args.template, args.templateParams ?? {}) : parseRuleSet(args.rules);
  await assertSecretOpensDatabase(deps);
  // One transaction: a refused application (say, a taken anchor) leaves no new, empty organization behind.
  return deps.db.transaction(async (tx) => {
    const { organization, created } = await ensureOrganization(tx, organizationAnchor, args.organization);
    const application = await createApplication(
      { ...deps, db: tx },
      {
        anchor: args.anchor,
        organizationId: organization.id,
        names: { "en-US": args.name ?? args.anchor },
        rules,
        ...(args.claims ? { claimPolicies: args.claims } : {}),
      },
    );
    return {
      applicationAnchor: application.applicationAnchor,
      applicationId: application.applicationId,
      sectorId: application.sectorId,
      organizationAnchor: organization.anchor,
      organizationName: organization.name,
      organizationCreated: created,
      clientAuthPrivateKey: application.clientAuthPrivateKey,
      applicationPublicKey: application.applicationPublicKey,
      warnings: [...(args.template ? placeholderWarnings(args.template, args.templateParams ?? {}) : []), ...emptyLayerWarnings(rules)],
    };
  });
}

function templateRules(template: TemplateName, params: TemplateParams): RuleSet {
  try {
    return buildTemplate(template, params);
  } catch (error) {
    if (error instanceof InvalidTemplateParamsError) fail("Invalid template parameters", { message: error.message });
    throw error;
  }
}

/** A required parameter left out keeps the docs' placeholder (app.example.com, App ID 480…): fine to try, wrong to ship. */
function placeholderWarnings(template: TemplateName, params: TemplateParams): string[] {
  return TEMPLATES[template].inputs
    .filter((input) => !input.optional && params[input.field] === undefined)
    .map(({ field }) => `No --${TEMPLATE_FLAGS[field].flag} given: the ${template} template keeps its placeholder ${TEMPLATE_FLAGS[field].noun}; replace them before going live.`);
}

/** Valid but useless: by default-deny, an empty layer lets no one through. */
function emptyLayerWarnings(rules: RuleSet): string[] {
  return (["authentication", "realize", "return"] as const)
    .filter((layer) => rules[layer].length === 0)
    .map((layer) => `The ${layer} layer has no rules, so no one can sign in until it gets one.`);
}
