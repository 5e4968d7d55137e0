import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  InvalidTemplateParamsError,
  TEMPLATES,
  TEMPLATE_NAMES,
  allowedAuthenticationMethods,
  buildTemplate,
  checkAuthenticationMethod,
  checkRealize,
  isTemplateName,
  oidcClientConfig,
  returnMethodAllowed,
  ruleSetSchema,
  type RuleSet,
  type TemplateName,
} from "@/lib/rules";
import { declaration } from "./helpers";

const PASSWORDLESS = ["PASSKEY_USERNAMELESS", "PASSKEY_REASONED", "EMAIL_VERIFICATION"];

interface Summary {
  authentication: string[];
  realize: Array<[string, unknown]>;
  return: string[];
}

function summary(rules: RuleSet): Summary {
  return {
    authentication: rules.authentication.map((rule) => rule.method),
    realize: rules.realize.map((rule): [string, unknown] => [rule.constraintType, rule.payload]),
    return: rules.return.map((rule) => rule.returnMethod),
  };
}

describe("every template produces a valid, usable rule set", () => {
  it("TEMPLATE_NAMES and TEMPLATES agree, nine templates including cli-device", () => {
    assert.equal(TEMPLATE_NAMES.length, 9);
    assert.deepEqual(Object.keys(TEMPLATES).sort(), [...TEMPLATE_NAMES].sort());
    assert.ok(TEMPLATE_NAMES.includes("cli-device"));
  });
  for (const name of TEMPLATE_NAMES) {
    it(`${name}: passes ruleSetSchema with every layer non-empty`, () => {
      const rules = buildTemplate(name);
      assert.equal(ruleSetSchema.safeParse(rules).success, true);
      assert.ok(rules.authentication.length > 0, "Layer 1 must not be empty");
      assert.ok(rules.realize.length > 0, "Layer 2 must not be empty");
      assert.ok(rules.return.length > 0, "Layer 3 must not be empty");
    });
    it(`${name}: has an English title and description`, () => {
      const template = TEMPLATES[name];
      assert.equal(template.name, name);
      assert.ok(template.title.length > 5);
      assert.ok(template.description.length > 20);
    });
  }
});

describe("templates match the documented tables", () => {
  const expected: Record<TemplateName, Summary> = {
    "standard-web-app": {
      authentication: PASSWORDLESS,
      realize: [["EMAIL", { allowedEmails: ["*"] }]],
      return: ["CALLBACK"],
    },
    "web-app-social": {
      authentication: [...PASSWORDLESS, "GOOGLE_OAUTH", "GITHUB_OAUTH", "DISCORD_OAUTH"],
      realize: [["EMAIL", { allowedEmails: ["*"] }]],
      return: ["CALLBACK"],
    },
    "internal-tool": {
      authentication: PASSWORDLESS,
      realize: [["EMAIL", { allowedEmails: ["*@yourcompany.com"] }]],
      return: ["CALLBACK"],
    },
    "steam-game": {
      authentication: ["STEAM_TICKET"],
      realize: [["STEAM_ID", { allowedSteamIds: ["*"] }]],
      return: ["DIRECT_ISSUE"],
    },
    "cli-access-key": {
      authentication: ["ACCESS_KEY_DIRECT"],
      realize: [["SECTOR_SUBJECT", { allowedSectorSubjects: ["sub_..."] }]],
      return: ["DIRECT_ISSUE"],
    },
    "oidc-relying-party": {
      authentication: PASSWORDLESS,
      realize: [["EMAIL", { allowedEmails: ["*"] }]],
      return: ["OIDC"],
    },
    "desktop-browser-polling": {
      authentication: PASSWORDLESS,
      realize: [["EMAIL", { allowedEmails: ["*"] }]],
      return: ["STATUS_POLL"],
    },
    "public-app": {
      authentication: ["PASSKEY_USERNAMELESS", "EMAIL_VERIFICATION", "STEAM_OPENID"],
      realize: [["EVERYONE", {}]],
      return: ["CALLBACK"],
    },
    "cli-device": {
      authentication: PASSWORDLESS,
      realize: [["EMAIL", { allowedEmails: ["*"] }]],
      return: ["DEVICE_CODE"],
    },
  };
  for (const name of TEMPLATE_NAMES) {
    it(name, () => assert.deepEqual(summary(buildTemplate(name)), expected[name]));
  }
  it("placeholder payloads follow the docs", () => {
    const web = buildTemplate("standard-web-app");
    assert.deepEqual(web.return[0], { returnMethod: "CALLBACK", payload: { allowedCallbackDomains: ["app.example.com"] } });
    assert.deepEqual(buildTemplate("internal-tool").return[0]?.payload, { allowedCallbackDomains: ["tool.yourcompany.com"] });
    assert.deepEqual(buildTemplate("steam-game").authentication[0]?.payload, { allowedSteamAppIds: [480] });
    assert.deepEqual(buildTemplate("web-app-social").authentication.find((rule) => rule.method === "GITHUB_OAUTH")?.payload, {
      allowedGitHubOrgs: [],
    });
    assert.deepEqual(oidcClientConfig(buildTemplate("oidc-relying-party").return), {
      redirectUris: ["https://app.example.com/oidc/callback"],
      postLogoutRedirectUris: [],
      allowedScopes: ["openid", "email", "profile", "offline_access"],
      tokenEndpointAuthMethods: ["private_key_jwt"],
    });
  });
});

describe("template parameters", () => {
  it("callbackDomains and emailPatterns", () => {
    const rules = buildTemplate("internal-tool", { callbackDomains: ["tools.acme.test"], emailPatterns: ["*@acme.test"] });
    assert.equal(returnMethodAllowed(rules.return, [declaration("CALLBACK", { callbackUrl: "https://tools.acme.test/cb" })], "CALLBACK"), true);
    assert.equal(checkRealize(rules.realize, undefined, { verifiedEmails: ["jo@acme.test"] }).allowed, true);
    assert.equal(checkRealize(rules.realize, undefined, { verifiedEmails: ["jo@yourcompany.com"] }).allowed, false);
  });
  it("steamAppIds", () => {
    const rules = buildTemplate("steam-game", { steamAppIds: [730, 570] });
    assert.equal(checkAuthenticationMethod(rules.authentication, undefined, { method: "STEAM_TICKET", steamAppId: 570 }).allowed, true);
    assert.equal(checkAuthenticationMethod(rules.authentication, undefined, { method: "STEAM_TICKET", steamAppId: 480 }).allowed, false);
  });
  it("redirectUris, postLogoutRedirectUris and tokenEndpointAuthMethod", () => {
    const rules = buildTemplate("oidc-relying-party", {
      redirectUris: ["https://rp.test/cb"],
      postLogoutRedirectUris: ["https://rp.test/"],
      tokenEndpointAuthMethod: "none",
    });
    assert.deepEqual(oidcClientConfig(rules.return), {
      redirectUris: ["https://rp.test/cb"],
      postLogoutRedirectUris: ["https://rp.test/"],
      allowedScopes: ["openid", "email", "profile", "offline_access"],
      tokenEndpointAuthMethods: ["none"],
    });
  });
  it("sectorSubjects pin the AccessKey account; emailPatterns add the documented EMAIL alternative", () => {
    const pinned = buildTemplate("cli-access-key", { sectorSubjects: ["sub_9SQ5535CRWNDDM2T"] });
    assert.equal(checkRealize(pinned.realize, undefined, { verifiedEmails: [], sectorSubject: "sub_9SQ5535CRWNDDM2T" }).allowed, true);
    assert.equal(checkRealize(pinned.realize, undefined, { verifiedEmails: ["bot@acme.test"], sectorSubject: "sub_OTHER" }).allowed, false);
    const withEmail = buildTemplate("cli-access-key", { emailPatterns: ["bot@acme.test"] });
    assert.deepEqual(withEmail.realize.map((rule) => rule.constraintType), ["SECTOR_SUBJECT", "EMAIL"]);
    assert.equal(checkRealize(withEmail.realize, undefined, { verifiedEmails: ["bot@acme.test"] }).allowed, true);
  });
  it("parameters are copied, not shared", () => {
    const domains = ["a.example.com"];
    const rules = buildTemplate("standard-web-app", { callbackDomains: domains });
    domains.push("evil.test");
    assert.deepEqual(rules.return[0]?.payload, { allowedCallbackDomains: ["a.example.com"] });
  });
  it("invalid parameters throw InvalidTemplateParamsError naming the path", () => {
    assert.throws(
      () => buildTemplate("standard-web-app", { callbackDomains: ["https://app.example.com"] }),
      (error: unknown) =>
        error instanceof InvalidTemplateParamsError && /return\.0\.payload\.allowedCallbackDomains\.0/.test(error.message),
    );
    assert.throws(() => buildTemplate("steam-game", { steamAppIds: [] }), InvalidTemplateParamsError);
    assert.throws(() => buildTemplate("oidc-relying-party", { redirectUris: ["https://rp.test/cb#x"] }), InvalidTemplateParamsError);
  });
  it("an unknown template name is refused", () => {
    assert.equal(isTemplateName("standard-web-app"), true);
    assert.equal(isTemplateName("everything-allowed"), false);
    assert.throws(() => buildTemplate("everything-allowed" as TemplateName), InvalidTemplateParamsError);
  });
});

describe("templates behave as described", () => {
  it("standard web app: passkeys and email offered, open sign-up, callback to the app", () => {
    const rules = buildTemplate("standard-web-app");
    assert.deepEqual(allowedAuthenticationMethods(rules.authentication, undefined).map((o) => o.method), PASSWORDLESS);
    assert.equal(checkRealize(rules.realize, undefined, { verifiedEmails: ["anyone@anywhere.test"] }).allowed, true);
    assert.equal(checkRealize(rules.realize, undefined, { verifiedEmails: [] }).allowed, false);
  });
  it("public app admits an account with no verified email, and opens the browserless Steam ticket path only for App IDs it is given", () => {
    const rules = buildTemplate("public-app");
    assert.equal(checkRealize(rules.realize, undefined, { verifiedEmails: [], steamId64: "76561198000000000" }).allowed, true);
    assert.equal(checkAuthenticationMethod(rules.authentication, undefined, { method: "STEAM_OPENID" }).allowed, true);
    assert.equal(checkAuthenticationMethod(rules.authentication, undefined, { method: "STEAM_TICKET", steamAppId: 480 }).allowed, false);
    assert.equal(returnMethodAllowed(rules.return, undefined, "DIRECT_ISSUE"), false);

    const game = buildTemplate("public-app", { steamAppIds: [2_000_001] });
    assert.equal(checkAuthenticationMethod(game.authentication, undefined, { method: "STEAM_TICKET", steamAppId: 2_000_001 }).allowed, true);
    assert.equal(checkAuthenticationMethod(game.authentication, undefined, { method: "STEAM_TICKET", steamAppId: 480 }).allowed, false);
    assert.equal(returnMethodAllowed(game.return, undefined, "DIRECT_ISSUE"), true);
    assert.deepEqual(game.return.map((rule) => rule.returnMethod), ["CALLBACK", "DIRECT_ISSUE"]);
  });
  it("steam game rejects an email-only account and accepts a Steam one", () => {
    const rules = buildTemplate("steam-game");
    assert.equal(checkRealize(rules.realize, undefined, { verifiedEmails: ["a@b.test"] }).allowed, false);
    assert.equal(checkRealize(rules.realize, undefined, { verifiedEmails: [], steamId64: "76561198000000001" }).allowed, true);
  });
  it("cli-device opts in to DEVICE_CODE and nothing else in Layer 3", () => {
    const rules = buildTemplate("cli-device");
    assert.equal(returnMethodAllowed(rules.return, undefined, "DEVICE_CODE"), true);
    assert.equal(returnMethodAllowed(rules.return, undefined, "STATUS_POLL"), false);
    assert.equal(returnMethodAllowed(rules.return, undefined, "DIRECT_ISSUE"), false);
  });
});
