// Writing an application's three rule layers. Everything stored has passed
// the rules engine's schemas, so evaluation can trust what it reads back.
import type { z } from "zod";
import type { Executor } from "@/db/client";
import { deleteRules, insertRules, lockApplication } from "@/db/queries/applications";
import { connectorsOfApplicationOrganization } from "@/db/queries/federation-connectors";
import { fail } from "../errors";
import { ruleSetSchema } from "../rules";

export type RuleSetInput = z.input<typeof ruleSetSchema>;
export type RuleSet = z.output<typeof ruleSetSchema>;

export function parseRuleSet(input: unknown): RuleSet {
  const parsed = ruleSetSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail("Invalid rules", { message: `${issue?.path.join(".") || "rules"}: ${issue?.message ?? "invalid"}` });
  }
  return parsed.data;
}

/** Which rules are switched off, by layer and position; absent = all enabled. */
export interface RuleSetEnabled {
  authentication?: readonly boolean[];
  realize?: readonly boolean[];
  return?: readonly boolean[];
}

/** A "Sign in with <IdP>" rule may only name a connector of the application's own organization (docs 25). */
async function assertOwnConnectors(db: Executor, applicationId: string, rules: RuleSet): Promise<void> {
  const named = rules.authentication.flatMap((rule, index) =>
    rule.method === "ENTERPRISE_FEDERATION_APPLICATION_MANAGED" ? [{ index, anchor: rule.payload.connectorAnchor }] : [],
  );
  const own = await connectorsOfApplicationOrganization(db, applicationId, named.map((rule) => rule.anchor));
  const stranger = named.find((rule) => !own.has(rule.anchor));
  if (stranger) {
    fail("Invalid rules", {
      message: `authentication.${stranger.index}.payload.connectorAnchor: no connector ${stranger.anchor} belongs to this application's organization.`,
      body: { field: "connectorAnchor", code: "connectorNotOwned", index: stranger.index },
    });
  }
}

/** Replaces all three layers at once (callers run it inside a transaction). */
export async function replaceRuleSet(db: Executor, applicationId: string, input: RuleSetInput, enabled: RuleSetEnabled = {}): Promise<void> {
  const rules = parseRuleSet(input);
  // Under read committed, two unlocked delete-then-inserts would both delete the old rows and both insert: a merge, not a replace.
  await lockApplication(db, applicationId);
  await assertOwnConnectors(db, applicationId, rules);
  const ttl = (rule: { accessTokenTtlSeconds?: number | null; refreshTokenTtlSeconds?: number | null }) => ({
    accessTokenTtlSeconds: rule.accessTokenTtlSeconds ?? null,
    refreshTokenTtlSeconds: rule.refreshTokenTtlSeconds ?? null,
  });
  const on = (layer: keyof RuleSetEnabled, index: number) => enabled[layer]?.[index] ?? true;
  await deleteRules(db, applicationId);
  await insertRules(db, applicationId, {
    authentication: rules.authentication.map((rule, i) => ({ kind: rule.method, payload: rule.payload, ...ttl(rule), enabled: on("authentication", i) })),
    realize: rules.realize.map((rule, i) => ({ kind: rule.constraintType, payload: rule.payload, ...ttl(rule), enabled: on("realize", i) })),
    return: rules.return.map((rule, i) => ({ kind: rule.returnMethod, payload: rule.payload, ...ttl(rule), enabled: on("return", i) })),
  });
}
