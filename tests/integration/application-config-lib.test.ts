// The portal's application-configuration layer through its lib functions on
// a real database of this pass's kind: who may write (ADMIN+, never a VIEWER,
// a stranger or a retired organization), that the rules engine's own
// validation answers per field with translatable keys, that a bad save
// writes nothing, that disabled rules are kept but never evaluated, that
// templates ask for what they cannot guess, and that access keys are the
// caller's own.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import { sql } from "drizzle-orm";
import { findApplicationByAnchor, listAllRules, listEnabledRules } from "@/db/queries/applications";
import { insertMembership, insertOrganization, updateOrganization } from "@/db/queries/organizations";
import { createApplication, type CreatedApplication } from "@/lib/applications/create-application";
import { replaceRuleSet } from "@/lib/applications/rule-set";
import { createOwnAccessKey, listOwnAccessKeys, revokeOwnAccessKey } from "@/lib/developer/application-config/access-keys";
import { loadClaimPolicy, saveClaimPolicy } from "@/lib/developer/application-config/claims";
import { newRuleDraft, type RuleSetDraft } from "@/lib/developer/application-config/rule-fields";
import { applyTemplate, loadRuleDraft, replaceRules, saveRules } from "@/lib/developer/application-config/rules";
import { rotateClientSecret } from "@/lib/developer/application-config/oidc";
import { registerAccountByEmail } from "@/lib/identity/accounts";
import { CLIENT_SECRET_HASH_PURPOSE } from "@/lib/oidc/client-secret";
import { secretMatches } from "@/lib/crypto/secret-hash";
import { buildTemplate } from "@/lib/rules/templates";
import type { Deps } from "@/lib/runtime";
import { RECENT_SIGN_IN_SECONDS } from "@/lib/via/browser-session";
import { signedInBrowser } from "../support/acting-browser";
import { libDeps, type TestClock } from "../support/lib-deps";
import { rejectsWith } from "../support/rejects";
import { testEnv } from "../support/env";

let setup: Awaited<ReturnType<typeof libDeps>>;
let deps: Deps & { clock: TestClock };
let app: CreatedApplication;
let organizationId: string;
const people: Record<"owner" | "admin" | "viewer" | "stranger", string> = { owner: "", admin: "", viewer: "", stranger: "" };

const emptyDraft = (): RuleSetDraft => ({ authentication: [], realize: [], return: [] });

describe("application configuration (lib)", () => {
  before(async () => {
    setup = await libDeps();
    deps = setup.deps;
    const organization = await insertOrganization(deps.db, { anchor: `cfg-org-${crypto.randomBytes(3).toString("hex")}`, name: "Config org" });
    organizationId = organization!.id;
    for (const role of Object.keys(people) as Array<keyof typeof people>) {
      const account = await deps.db.transaction((tx) => registerAccountByEmail(tx, { email: `${role}-${crypto.randomBytes(3).toString("hex")}@example.com`, now: deps.clock.now() }));
      people[role] = account.id;
      if (role !== "stranger") await insertMembership(deps.db, { organizationId, accountId: account.id, role: role.toUpperCase() as "OWNER" | "ADMIN" | "VIEWER" });
    }
    app = await createApplication(deps, {
      anchor: `cfg-lib-${crypto.randomBytes(3).toString("hex")}`,
      organizationId,
      names: { "en-US": "Config lib" },
      rules: buildTemplate("standard-web-app", { callbackDomains: ["app.example.com"] }),
    });
  });
  after(async () => {
    await setup?.close();
  });

  it("lets ADMIN and OWNER save rules, refuses a VIEWER and hides the application from a stranger", async () => {
    const draft = await loadRuleDraft(deps.db, app.applicationId);
    assert.equal(draft.return[0]?.fields.allowedCallbackDomains, "app.example.com");
    for (const role of ["admin", "owner"] as const) assert.deepEqual(await saveRules(deps, people[role], app.applicationAnchor, draft), { ok: true });
    await rejectsWith(saveRules(deps, people.viewer, app.applicationAnchor, emptyDraft()), "Forbidden");
    await rejectsWith(saveRules(deps, people.stranger, app.applicationAnchor, emptyDraft()), "ApplicationNotFound");
    // An anchor from the URL that cannot be one (a NUL the database cannot even compare) names no application.
    await rejectsWith(saveRules(deps, people.owner, `${app.applicationAnchor}\u0000`, emptyDraft()), "ApplicationNotFound");
    await rejectsWith(saveClaimPolicy(deps, people.viewer, app.applicationAnchor, { email: "REQUIRED" }), "Forbidden");
    await rejectsWith(applyTemplate(deps, people.viewer, app.applicationAnchor, { template: "cli-device" }), "Forbidden");
    assert.equal((await listEnabledRules(deps.db, app.applicationId)).return.length, 1, "nothing the refused calls sent was stored");
  });

  it("answers invalid rules per field with translatable keys, and writes nothing", async () => {
    const before = await listAllRules(deps.db, app.applicationId);
    const draft = await loadRuleDraft(deps.db, app.applicationId);
    draft.return[0]!.fields.allowedCallbackDomains = "app.example.com\nhttps://evil.example.com/x";
    draft.return[0]!.accessTokenTtlSeconds = "59";
    draft.realize[0]!.fields.allowedEmails = "";
    const reveal = newRuleDraft("return", "REVEAL");
    reveal.fields.includeAccessToken = false;
    reveal.fields.includeRefreshToken = false;
    const oidc = newRuleDraft("return", "OIDC");
    oidc.fields.redirectUris = "https://rp.example.com/cb#frag";
    oidc.fields.allowedScopes = ["email"];
    const steam = newRuleDraft("authentication", "STEAM_TICKET");
    steam.fields.allowedSteamAppIds = "480\nabc";
    draft.return.push(reveal, oidc);
    draft.authentication.push(steam);

    const result = await saveRules(deps, people.admin, app.applicationAnchor, draft);
    assert.equal(result.ok, false);
    const errors = Object.fromEntries((result.ok ? [] : result.errors).map((error) => [error.field, { key: error.key, values: error.values }]));
    assert.deepEqual(errors["return.0.allowedCallbackDomains"], { key: "callbackDomain", values: { entry: "https://evil.example.com/x" } });
    assert.deepEqual(errors["return.0.accessTokenTtlSeconds"], { key: "ttlRange", values: { min: 60, max: 604800 } });
    assert.equal(errors["realize.0.allowedEmails"]?.key, "listEmpty");
    assert.equal(errors["return.1.payload"]?.key, "revealNothing");
    assert.deepEqual(errors["return.2.redirectUris"], { key: "redirectUri", values: { entry: "https://rp.example.com/cb#frag" } });
    assert.equal(errors["return.2.allowedScopes"]?.key, "scopesNeedOpenid");
    assert.deepEqual(errors["authentication.3.allowedSteamAppIds"], { key: "steamAppId", values: { entry: "abc" } });
    assert.deepEqual(await listAllRules(deps.db, app.applicationId), before, "a refused save leaves every layer as it was");
  });

  it("keeps a disabled rule for the editor but never evaluates it, and stores TTL overrides", async () => {
    const draft = await loadRuleDraft(deps.db, app.applicationId);
    const poll = newRuleDraft("return", "STATUS_POLL");
    poll.enabled = false;
    draft.return.push(poll);
    draft.return[0]!.refreshTokenTtlSeconds = "86400";
    assert.deepEqual(await saveRules(deps, people.admin, app.applicationAnchor, draft), { ok: true });
    const reloaded = await loadRuleDraft(deps.db, app.applicationId);
    assert.deepEqual(reloaded.return.map((rule) => [rule.kind, rule.enabled]), [["CALLBACK", true], ["STATUS_POLL", false]]);
    assert.equal(reloaded.return[0]!.refreshTokenTtlSeconds, "86400");
    const enabled = await listEnabledRules(deps.db, app.applicationId);
    assert.deepEqual(enabled.return.map((rule) => rule.kind), ["CALLBACK"]);
    assert.equal(enabled.return[0]!.refreshTokenTtlSeconds, 86400);
  });

  it("keeps a redirect URI with a comma whole (URIs are one per line), while plain lists also split on commas", async () => {
    const draft = await loadRuleDraft(deps.db, app.applicationId);
    const oidc = newRuleDraft("return", "OIDC");
    oidc.fields.redirectUris = "https://rp.example.com/cb?tenants=a,b\nhttps://rp.example.com/other";
    draft.return.push(oidc);
    draft.realize[0]!.fields.allowedEmails = "*@a.example, *@b.example";
    assert.deepEqual(await saveRules(deps, people.admin, app.applicationAnchor, draft), { ok: true });
    const stored = await listAllRules(deps.db, app.applicationId);
    assert.deepEqual(stored.return.find((rule) => rule.kind === "OIDC")?.payload.redirectUris, ["https://rp.example.com/cb?tenants=a,b", "https://rp.example.com/other"]);
    assert.deepEqual(stored.realize[0]!.payload.allowedEmails, ["*@a.example", "*@b.example"]);
    // Loaded and saved again unchanged, it stays the same.
    assert.deepEqual(await saveRules(deps, people.admin, app.applicationAnchor, await loadRuleDraft(deps.db, app.applicationId)), { ok: true });
    const withoutIds = (rules: typeof stored) => Object.values(rules).flat().map(({ id: _id, ...rule }) => rule);
    assert.deepEqual(withoutIds(await listAllRules(deps.db, app.applicationId)), withoutIds(stored));
  });

  it("asks a template for the inputs it cannot guess, validates them, and replaces all rules at once", async () => {
    assert.deepEqual(await applyTemplate(deps, people.admin, app.applicationAnchor, { template: "standard-web-app", callbackDomains: " " }), {
      ok: false,
      field: "callbackDomains",
      key: "templateInputRequired",
    });
    assert.deepEqual(await applyTemplate(deps, people.admin, app.applicationAnchor, { template: "standard-web-app", callbackDomains: "shop.example.com\nshop.example.com:443" }), {
      ok: false,
      field: "callbackDomains",
      key: "callbackDomain",
      values: { entry: "shop.example.com:443" },
    });
    assert.deepEqual(await applyTemplate(deps, people.admin, app.applicationAnchor, { template: "steam-game", steamAppIds: "480, x" }), {
      ok: false,
      field: "steamAppIds",
      key: "steamAppId",
      values: { entry: "x" },
    });
    assert.deepEqual((await applyTemplate(deps, people.admin, app.applicationAnchor, { template: "nope" })).ok, false);

    // public-app: the Steam App IDs are optional; only given ones open the browserless ticket path.
    assert.deepEqual(await applyTemplate(deps, people.admin, app.applicationAnchor, { template: "public-app", callbackDomains: "play.example.com", steamAppIds: "" }), { ok: true });
    const open = await listAllRules(deps.db, app.applicationId);
    assert.deepEqual(open.authentication.map((rule) => rule.kind), ["PASSKEY_USERNAMELESS", "EMAIL_VERIFICATION", "STEAM_OPENID"]);
    assert.deepEqual(open.return.map((rule) => rule.kind), ["CALLBACK"]);
    assert.deepEqual(await applyTemplate(deps, people.admin, app.applicationAnchor, { template: "public-app", callbackDomains: "play.example.com", steamAppIds: "2000001" }), { ok: true });
    const game = await listAllRules(deps.db, app.applicationId);
    assert.deepEqual(game.authentication.map((rule) => rule.kind), ["PASSKEY_USERNAMELESS", "EMAIL_VERIFICATION", "STEAM_OPENID", "STEAM_TICKET"]);
    assert.deepEqual(game.return.map((rule) => rule.kind), ["CALLBACK", "DIRECT_ISSUE"]);

    assert.deepEqual(await applyTemplate(deps, people.admin, app.applicationAnchor, { template: "cli-device" }), { ok: true });
    const rules = await listAllRules(deps.db, app.applicationId);
    assert.deepEqual(rules.return.map((rule) => rule.kind), ["DEVICE_CODE"], "the old rules, disabled ones included, are gone");
    assert.deepEqual(rules.authentication.map((rule) => rule.kind), ["PASSKEY_USERNAMELESS", "PASSKEY_REASONED", "EMAIL_VERIFICATION"]);
  });

  it("saves the claim policy for an ADMIN and refuses what is not a requirement", async () => {
    assert.deepEqual(await saveClaimPolicy(deps, people.admin, app.applicationAnchor, { email: "REQUIRED", lastName: "SYNTHETIC" }), { ok: true });
    assert.deepEqual(await loadClaimPolicy(deps.db, app.applicationId), { email: "REQUIRED", firstName: "OFF", lastName: "SYNTHETIC" });
    assert.deepEqual(await saveClaimPolicy(deps, people.admin, app.applicationAnchor, { email: "ALWAYS" }), { ok: false, error: "invalid" });
  });

  it("issues access keys for the caller's own account only, and revokes only the caller's keys", async () => {
    const admin = await signedInBrowser(deps, people.admin);
    const bad = await createOwnAccessKey(deps, admin, app.applicationAnchor, { label: "x", expiresInDays: "0", accessTokenTtlSeconds: "", refreshTokenTtlSeconds: "", grants: [] });
    assert.deepEqual(bad, { ok: false, field: "expiresInDays", error: "expiryRange" });
    const ttl = await createOwnAccessKey(deps, admin, app.applicationAnchor, { label: "", expiresInDays: "", accessTokenTtlSeconds: "30", refreshTokenTtlSeconds: "", grants: [] });
    assert.deepEqual(ttl, { ok: false, field: "accessTokenTtlSeconds", error: "ttlRange" });
    const plain = { label: "", expiresInDays: "", accessTokenTtlSeconds: "", refreshTokenTtlSeconds: "", grants: [] };
    await rejectsWith(createOwnAccessKey(deps, await signedInBrowser(deps, people.viewer), app.applicationAnchor, plain), "Forbidden");
    // A lasting way into the caller's account: the portal cookie alone is not enough (docs 32's keys are bearer credentials).
    assert.equal((await rejectsWith(createOwnAccessKey(deps, { ...admin, sessionKey: null }, app.applicationAnchor, plain), "SignInRequired", 401)).body?.key, "recentSignInRequired");
    const viewersSession = (await signedInBrowser(deps, people.viewer)).sessionKey;
    await rejectsWith(createOwnAccessKey(deps, { ...admin, sessionKey: viewersSession }, app.applicationAnchor, plain), "SignInRequired", 401);
    assert.deepEqual(await listOwnAccessKeys(deps, people.admin, app.applicationId), [], "the refused calls created nothing");

    const created = await createOwnAccessKey(deps, admin, app.applicationAnchor, { label: "ci", expiresInDays: "30", accessTokenTtlSeconds: "", refreshTokenTtlSeconds: "", grants: ["email"] });
    assert.ok(created.ok);
    const mine = await listOwnAccessKeys(deps, people.admin, app.applicationId);
    assert.deepEqual(mine.map((key) => [key.accessKeyIdentifier, key.label]), [[created.key.accessKeyIdentifier, "ci"]]);
    assert.equal(mine[0]!.expiresAt?.getTime(), deps.clock.now().getTime() + 30 * 86400 * 1000);
    assert.deepEqual(await listOwnAccessKeys(deps, people.owner, app.applicationId), [], "another member does not see it");
    assert.deepEqual(await revokeOwnAccessKey(deps, people.owner, app.applicationAnchor, created.key.accessKeyIdentifier), { ok: false }, "nor revoke it");
    assert.deepEqual(await revokeOwnAccessKey(deps, people.admin, app.applicationAnchor, created.key.accessKeyIdentifier), { ok: true });
    assert.ok((await listOwnAccessKeys(deps, people.admin, app.applicationId))[0]!.revokedAt);
  });

  it("rotates the OIDC client secret for an ADMIN who signed in within 15 minutes, and only then", async () => {
    const secretInUse = async (secret: string) => {
      const stored = (await findApplicationByAnchor(deps.db, app.applicationAnchor))?.oidcClientSecretHash;
      return !!stored && secretMatches(deps.keyring, CLIENT_SECRET_HASH_PURPOSE, secret, stored);
    };
    const admin = await signedInBrowser(deps, people.admin);
    const { clientSecret: first } = await rotateClientSecret(deps, admin, app.applicationAnchor);
    await rejectsWith(rotateClientSecret(deps, await signedInBrowser(deps, people.viewer), app.applicationAnchor), "Forbidden");
    deps.clock.advance(RECENT_SIGN_IN_SECONDS + 1);
    assert.equal((await rejectsWith(rotateClientSecret(deps, admin, app.applicationAnchor), "SignInRequired", 401)).body?.key, "recentSignInRequired");
    assert.ok(await secretInUse(first), "the refused rotation kept the secret in use");
    const { clientSecret: second } = await rotateClientSecret(deps, await signedInBrowser(deps, people.admin), app.applicationAnchor);
    assert.notEqual(second, first);
    assert.ok(await secretInUse(second));
    assert.ok(!(await secretInUse(first)), "the old secret stops working at once");
  });

  it("freezes a retired organization's applications for everyone, OWNER included", async () => {
    await updateOrganization(deps.db, organizationId, { disabledAt: deps.clock.now() });
    const draft = await loadRuleDraft(deps.db, app.applicationId);
    await rejectsWith(saveRules(deps, people.owner, app.applicationAnchor, draft), "Forbidden");
    await rejectsWith(saveClaimPolicy(deps, people.owner, app.applicationAnchor, { email: "OFF" }), "Forbidden");
    await updateOrganization(deps.db, organizationId, { disabledAt: null });
  });

  it("two saves racing replace the rules in turn: the later one's rules stand alone, never merged", { skip: testEnv.dbKind === "pglite" }, async () => {
    const raced = await createApplication(deps, {
      anchor: `cfg-race-${crypto.randomBytes(3).toString("hex")}`,
      organizationId,
      names: { "en-US": "Config race" },
      rules: buildTemplate("standard-web-app", { callbackDomains: ["old.example.com"] }),
    });
    const first = buildTemplate("standard-web-app", { callbackDomains: ["first.example.com"] });
    const second = buildTemplate("cli-device", {});
    let outcome: Promise<unknown> | undefined;
    await deps.db.transaction(async (tx) => {
      // One save has replaced the rules and not committed yet when the other starts.
      await replaceRuleSet(tx, raced.applicationId, first);
      outcome = replaceRules(deps, people.admin, raced.applicationAnchor, second);
      for (let tries = 0; ; tries++) {
        const [row] = (await deps.db.execute(sql`select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`)) as unknown as { waiting: number }[];
        if (row!.waiting > 0) break;
        assert.ok(tries < 200, "the second save never waited for the first");
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    });
    await outcome;
    const stored = await listAllRules(deps.db, raced.applicationId);
    const kinds = (layer: keyof typeof stored) => stored[layer].map((rule) => rule.kind);
    assert.deepEqual(kinds("authentication"), second.authentication.map((rule) => rule.method));
    assert.deepEqual(kinds("realize"), second.realize.map((rule) => rule.constraintType));
    assert.deepEqual(kinds("return"), second.return.map((rule) => rule.returnMethod));
  });
});
