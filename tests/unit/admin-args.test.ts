import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { USAGE, parseAdminArgs } from "@/lib/admin/args";
import type { CreateApplicationOptions } from "@/lib/admin/commands/create-application";
import { UsageError } from "@/lib/admin/cli-error";
import { TEMPLATE_NAMES } from "@/lib/rules";

const base = ["create-application", "--organization", "Acme", "--anchor", "acme-web"];

function options(argv: string[]): CreateApplicationOptions & { json: boolean } {
  const parsed = parseAdminArgs(argv);
  assert.equal(parsed.kind, "command");
  if (parsed.kind !== "command") throw new Error("unreachable");
  assert.equal(parsed.command.name, "create-application");
  return { ...(parsed.options as CreateApplicationOptions), json: parsed.json };
}

function usageError(argv: string[], message: string | RegExp): void {
  assert.throws(
    () => parseAdminArgs(argv),
    (error: unknown) => {
      assert.ok(error instanceof UsageError, `expected a UsageError, got ${String(error)}`);
      assert.equal(error.exitCode, 2);
      if (typeof message === "string") assert.equal(error.message, message);
      else assert.match(error.message, message);
      return true;
    },
  );
}

describe("admin CLI arguments", () => {
  it("parses a template command with repeatable callback domains and claims", () => {
    const parsed = options([
      ...base,
      "--template",
      "standard-web-app",
      "--callback-domain",
      "app.acme.test",
      "--callback-domain=www.acme.test",
      "--name",
      "Acme Web",
      "--claim",
      "email=REQUIRED",
      "--claim",
      "firstName=OPTIONAL",
      "--json",
    ]);
    assert.deepEqual(parsed, {
      organization: "Acme",
      anchor: "acme-web",
      name: "Acme Web",
      template: "standard-web-app",
      templateParams: { callbackDomains: ["app.acme.test", "www.acme.test"] },
      claims: { email: "REQUIRED", firstName: "OPTIONAL" },
      json: true,
    });
  });

  it("parses a rules-file command; flags may come before the command", () => {
    const parsed = options(["--rules-file", "rules.json", ...base]);
    assert.equal(parsed.rulesFile, "rules.json");
    assert.equal(parsed.template, undefined);
    assert.equal(parsed.name, undefined);
    assert.deepEqual(parsed.claims, {});
    assert.equal(parsed.json, false);
  });

  it("keeps spaces inside values and trims around them", () => {
    const parsed = options(["create-application", "--organization", "  Acme Widgets ", "--anchor", "acme-web", "--template", "cli-device"]);
    assert.equal(parsed.organization, "Acme Widgets");
  });

  it("answers --help and -h anywhere, even next to errors", () => {
    assert.deepEqual(parseAdminArgs(["--help"]), { kind: "help" });
    assert.deepEqual(parseAdminArgs(["create-application", "--bogus", "-h"]), { kind: "help" });
    assert.match(USAGE, /create-application/);
    for (const name of TEMPLATE_NAMES) assert.ok(USAGE.includes(name), `usage lists ${name}`);
  });

  it("rejects a missing or unknown command and stray arguments", () => {
    const commands = "create-application, create-access-key, revoke-access-key, set-oidc-client-secret, rotate-oidc-signing-key, add-member, create-connector, set-quota, set-login-policy";
    usageError([], `Missing command. Commands: ${commands}. Run with --help for usage.`);
    usageError(["delete-everything"], `Unknown command "delete-everything". Commands: ${commands}.`);
    usageError([...base, "--template", "cli-device", "extra"], 'Unexpected argument "extra".');
  });

  it("rejects unknown flags", () => {
    usageError([...base, "--templat", "cli-device"], "Unknown option --templat. Run with --help for usage.");
    usageError([...base, "-t", "cli-device"], "Unknown option -t. Run with --help for usage.");
  });

  it("rejects missing required flags", () => {
    usageError(["create-application", "--anchor", "acme-web", "--template", "cli-device"], "Missing required option --organization.");
    usageError(["create-application", "--organization", "Acme", "--template", "cli-device"], "Missing required option --anchor.");
  });

  it("rejects flags without a value", () => {
    usageError(["create-application", "--organization", "Acme", "--anchor", "--template", "cli-device"], "--anchor needs a value.");
    usageError([...base, "--template"], "--template needs a value.");
    usageError([...base, "--template", "cli-device", "--name="], "--name needs a value.");
    usageError([...base, "--template", "cli-device", "--json=yes"], "--json takes no value.");
  });

  it("rejects a single-value flag given twice", () => {
    usageError([...base, "--anchor", "other", "--template", "cli-device"], "--anchor is given more than once.");
  });

  it("requires exactly one of --template and --rules-file", () => {
    usageError(base, "One of --template or --rules-file is required.");
    usageError([...base, "--template", "cli-device", "--rules-file", "r.json"], "Use either --template or --rules-file, not both.");
  });

  it("rejects an unknown template, naming the valid ones", () => {
    usageError([...base, "--template", "wordpress"], `Unknown template "wordpress". Templates: ${TEMPLATE_NAMES.join(", ")}.`);
  });

  it("rejects template parameters with a rules file", () => {
    usageError(
      [...base, "--rules-file", "r.json", "--callback-domain", "app.acme.test"],
      "--callback-domain only applies to --template; put callback domains in the rules file.",
    );
    usageError([...base, "--rules-file", "r.json", "--steam-app-id", "480"], "--steam-app-id only applies to --template; put Steam App IDs in the rules file.");
  });

  it("passes each template the parameters it uses, and refuses the ones it has no use for", () => {
    const game = options([...base, "--template", "public-app", "--callback-domain", "play.acme.test", "--steam-app-id", "2000001", "--steam-app-id=2000002"]);
    assert.deepEqual(game.templateParams, { callbackDomains: ["play.acme.test"], steamAppIds: [2000001, 2000002] });
    const tool = options([...base, "--template", "internal-tool", "--email-pattern", "*@acme.test"]);
    assert.deepEqual(tool.templateParams, { emailPatterns: ["*@acme.test"] });
    const rp = options([...base, "--template", "oidc-relying-party", "--redirect-uri", "https://rp.acme.test/cb"]);
    assert.deepEqual(rp.templateParams, { redirectUris: ["https://rp.acme.test/cb"] });
    const key = options([...base, "--template", "cli-access-key", "--sector-subject", "sub_9SQ5535CRWNDDM2T"]);
    assert.deepEqual(key.templateParams, { sectorSubjects: ["sub_9SQ5535CRWNDDM2T"] });

    usageError([...base, "--template", "cli-device", "--callback-domain", "app.acme.test"], "The cli-device template has no callback domains; --callback-domain does not apply to it.");
    usageError([...base, "--template", "standard-web-app", "--steam-app-id", "480"], "The standard-web-app template has no Steam App IDs; --steam-app-id does not apply to it.");
    for (const bad of ["0", "-1", "48o", "1.5", "12345678901"]) {
      usageError([...base, "--template", "steam-game", `--steam-app-id=${bad}`], `--steam-app-id "${bad}" is not a Steam App ID (a positive whole number).`);
    }
  });

  it("parses set-quota limits and refuses what is not a limit", () => {
    const parsed = parseAdminArgs(["set-quota", "--organization", "Acme", "--domains", "10", "--connectors=0"]);
    assert.ok(parsed.kind === "command");
    assert.deepEqual(parsed.options, { organization: "Acme", limits: { domains: 10, connectors: 0 } });
    for (const bad of ["-1", "ten", "1.5", "10001", "99999999"]) {
      usageError(["set-quota", "--organization", "Acme", `--domains=${bad}`], "--domains must be a whole number from 0 to 10000.");
    }
  });

  it("parses set-login-policy, which only lifts a policy: ALLOW_ALL on a well-formed domain", () => {
    const parsed = parseAdminArgs(["set-login-policy", "--domain", "Acme.Example.", "--policy", "allow_all"]);
    assert.ok(parsed.kind === "command");
    assert.deepEqual(parsed.options, { domain: "acme.example", policy: "ALLOW_ALL" });
    for (const policy of ["BLOCK_ALL", "SSO_ONLY", "NONE"]) {
      usageError(["set-login-policy", "--domain", "acme.example", "--policy", policy], /^--policy must be ALLOW_ALL: staff only lift a login policy/);
    }
    usageError(["set-login-policy", "--domain", "https://acme.example/", "--policy", "ALLOW_ALL"], /^--domain must be a domain such as example\.com/);
    usageError(["set-login-policy", "--domain", "acme.example"], "Missing required option --policy.");
  });

  it("rejects malformed, unknown and repeated claims", () => {
    const withClaim = (claim: string) => [...base, "--template", "cli-device", "--claim", claim];
    usageError(withClaim("email"), '--claim "email" must look like email=REQUIRED.');
    usageError(withClaim("phone=REQUIRED"), 'Unknown claim "phone" in --claim (claims: email, firstName, lastName).');
    usageError(withClaim("email=required"), 'Unknown policy "required" for --claim email (policies: OFF, OPTIONAL, REQUIRED, SYNTHETIC).');
    usageError([...withClaim("email=REQUIRED"), "--claim", "email=OFF"], "--claim email is given more than once.");
  });

  it("rejects an organization name that yields no anchor", () => {
    usageError(
      ["create-application", "--organization", "日本", "--anchor", "acme-web", "--template", "cli-device"],
      '--organization "日本" yields no organization anchor: use a name with letters a-z or digits.',
    );
  });

  it("leaves anchor validation to createApplication (one owner of the anchor rules)", () => {
    assert.equal(options(["create-application", "--organization", "Acme", "--anchor", "Bad_Anchor", "--template", "cli-device"]).anchor, "Bad_Anchor");
  });
});
