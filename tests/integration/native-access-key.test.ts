// AccessKey direct-issue over HTTP (docs 32; native.yaml `directIssueAccessKey`)
// and the admin commands that issue and revoke keys: an existing account's
// key mints tokens; every credential failure is the same opaque 401;
// revoking a key ends what it minted.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { createTestApplication, runAdmin } from "../support/applications";
import { decodeJwt, establish, post, type TestApplication } from "../support/connect-client";
import { uniqueEmail } from "../support/mailbox";
import { ViaClient } from "../support/via-client";

const ACCESS_KEY = "/native-api/direct-issue/access-key";

type Issued = { applicationAnchor: string; accessToken: string; refreshToken: string; claims: Record<string, { requirement: string; state: string }> };
type Created = { accessKeyIdentifier: string; accessKeySecret: string; applicationAnchor: string; label: string | null; expiresAt: string | null; grants: string[] };

/** Email codes to create the account, AccessKeys to use it. */
const cliRules = (overrides: { authentication?: unknown[]; return?: unknown[]; realize?: unknown[] } = {}) => ({
  authentication: overrides.authentication ?? [
    { method: "EMAIL_VERIFICATION", payload: {} },
    { method: "ACCESS_KEY_DIRECT", payload: {} },
  ],
  realize: overrides.realize ?? [{ constraintType: "EMAIL", payload: { allowedEmails: ["*@example.com"] } }],
  return: overrides.return ?? [
    { returnMethod: "STATUS_POLL", payload: {} },
    { returnMethod: "DIRECT_ISSUE", payload: {} },
  ],
});

/** An account exists once someone signed up with email; returns its address. */
async function existingAccount(app: TestApplication, tag: string): Promise<string> {
  const email = uniqueEmail(tag);
  const inquiry = await establish(app, { returnMethods: [{ type: "STATUS_POLL", payload: {} }] });
  const outcome = await new ViaClient().realize(inquiry.exposureKey, email);
  assert.equal(outcome.status, 200, JSON.stringify(outcome.body));
  return email;
}

async function createKey(app: TestApplication, email: string, extra: string[] = []): Promise<Created> {
  const result = await runAdmin(["create-access-key", "--application", app.anchor, "--email", email, "--json", ...extra]);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as Created;
}

const use = (app: TestApplication, key: { accessKeyIdentifier: string; accessKeySecret: string }) =>
  post<Issued & { reason?: string; errand?: { errandKey: string } }>(ACCESS_KEY, {
    applicationAnchor: app.anchor,
    accessKeyIdentifier: key.accessKeyIdentifier,
    accessKeySecret: key.accessKeySecret,
  });

let cli: TestApplication;
let email: string;

describe("native direct-issue: AccessKey", () => {
  before(async () => {
    cli = await createTestApplication({ anchorPrefix: "native-cli", rules: cliRules() });
    email = await existingAccount(cli, "native-key");
  });

  it("issues a key once (identifier + secret), and the key mints tokens for its account", async () => {
    const key = await createKey(cli, email, ["--label", "build server"]);
    assert.match(key.accessKeyIdentifier, /^acs_k_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.match(key.accessKeySecret, /^acs_t_[0-9a-f]{64}$/);
    assert.equal(key.label, "build server");
    assert.equal(key.expiresAt, null);

    const issued = await use(cli, key);
    assert.equal(issued.status, 200, JSON.stringify(issued.body));
    assert.deepEqual(Object.keys(issued.body).sort(), ["accessToken", "applicationAnchor", "claims", "refreshToken"]);
    assert.equal(decodeJwt(issued.body.accessToken).header.kty, "Access");
    assert.match(String(decodeJwt(issued.body.accessToken).body.subject), /^sub_/);
    // The bare forms the spec's field descriptions show are accepted too.
    const bare = await use(cli, { accessKeyIdentifier: key.accessKeyIdentifier.slice(6), accessKeySecret: key.accessKeySecret.slice(6) });
    assert.equal(bare.status, 200, JSON.stringify(bare.body));
    assert.equal(decodeJwt(bare.body.accessToken).body.subject, decodeJwt(issued.body.accessToken).body.subject);

    const human = await runAdmin(["create-access-key", "--application", cli.anchor, "--email", email]);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /shown only this once/);
    assert.match(human.stdout, /acs_t_[0-9a-f]{64}/);
  });

  it("collapses every credential failure into 401 AccessKeyDirectDenied", async () => {
    const key = await createKey(cli, email);
    const wrongSecret = await use(cli, { ...key, accessKeySecret: `acs_t_${"0".repeat(64)}` });
    assert.deepEqual([wrongSecret.status, wrongSecret.body.reason], [401, "AccessKeyDirectDenied"]);
    const unknown = await use(cli, { ...key, accessKeyIdentifier: "acs_k_3f1c2d4e-5b6a-4c7d-8e9f-0a1b2c3d4e5f" });
    assert.deepEqual([unknown.status, unknown.body.reason], [401, "AccessKeyDirectDenied"]);

    // A key of one application presented to another that accepts AccessKeys.
    const other = await createTestApplication({ anchorPrefix: "native-cli-other", rules: cliRules() });
    const elsewhere = await use(other, key);
    assert.deepEqual([elsewhere.status, elsewhere.body.reason], [401, "AccessKeyDirectDenied"]);
    assert.deepEqual(Object.keys(elsewhere.body).sort(), ["message", "reason"], "nothing says which check failed");
    assert.deepEqual(elsewhere.body, wrongSecret.body);
  });

  it("revokes a key (soft delete): it is refused, and the sessions it minted end", async () => {
    const key = await createKey(cli, email);
    const issued = await use(cli, key);
    assert.equal(issued.status, 200);
    const revoked = await runAdmin(["revoke-access-key", "--identifier", key.accessKeyIdentifier, "--json"]);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.deepEqual(JSON.parse(revoked.stdout), { accessKeyIdentifier: key.accessKeyIdentifier, revoked: true, sessionsRevoked: 1 });

    const after = await use(cli, key);
    assert.deepEqual([after.status, after.body.reason], [401, "AccessKeyDirectDenied"]);
    const refreshed = await post("/connect-api/refresh", { refreshToken: issued.body.refreshToken });
    assert.deepEqual([refreshed.status, refreshed.body.reason], [401, "RefreshTokenSuspended"]);
    assert.equal((await post("/connect-api/introspect", { accessToken: issued.body.accessToken })).body.status, "revoked");

    const again = await runAdmin(["revoke-access-key", "--identifier", key.accessKeyIdentifier, "--json"]);
    assert.deepEqual(JSON.parse(again.stdout), { accessKeyIdentifier: key.accessKeyIdentifier, revoked: false, sessionsRevoked: 0 });
    const unknown = await runAdmin(["revoke-access-key", "--identifier", "acs_k_3f1c2d4e-5b6a-4c7d-8e9f-0a1b2c3d4e5f"]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /NotFound/);
  });

  it("rejects malformed credentials with 400 before looking anything up", async () => {
    const key = await createKey(cli, email);
    const cases: [Record<string, unknown>, string][] = [
      [{ accessKeyIdentifier: "acs_k_not-a-uuid" }, "Invalid accessKeyIdentifier"],
      [{ accessKeyIdentifier: "acs_t_" + key.accessKeyIdentifier.slice(6) }, "Invalid accessKeyIdentifier"],
      [{ accessKeyIdentifier: "acs_k_3f1c2d4e-5b6a-1c7d-8e9f-0a1b2c3d4e5f" }, "Invalid accessKeyIdentifier"],
      [{ accessKeySecret: key.accessKeySecret.toUpperCase().replace("ACS_T_", "acs_t_") }, "Invalid accessKeySecret"],
      [{ accessKeySecret: "acs_t_" + "a".repeat(63) }, "Invalid accessKeySecret"],
      [{ accessKeySecret: key.accessKeyIdentifier }, "Invalid accessKeySecret"],
      [{ accessKeySecret: 42 }, "Invalid accessKeySecret"],
    ];
    for (const [patch, reason] of cases) {
      const body = { applicationAnchor: cli.anchor, accessKeyIdentifier: key.accessKeyIdentifier, accessKeySecret: key.accessKeySecret, ...patch };
      const answer = await post(ACCESS_KEY, body);
      assert.deepEqual([answer.status, answer.body.reason], [400, reason], JSON.stringify(patch));
    }
    const missing = await post(ACCESS_KEY, { applicationAnchor: "no-such-cli", accessKeyIdentifier: key.accessKeyIdentifier, accessKeySecret: key.accessKeySecret });
    assert.deepEqual([missing.status, missing.body.reason], [404, "ApplicationNotFound"]);
  });

  it("applies the three layers: no ACCESS_KEY_DIRECT rule, Layer 2, no DIRECT_ISSUE rule", async () => {
    const noLayer1 = await createTestApplication({ anchorPrefix: "native-cli-l1", rules: cliRules({ authentication: [{ method: "EMAIL_VERIFICATION", payload: {} }] }) });
    const k1 = await createKey(noLayer1, email);
    const l1 = await use(noLayer1, k1);
    assert.deepEqual([l1.status, l1.body.reason], [403, "Layer1Denied"]);

    const otherDomain = await createTestApplication({ anchorPrefix: "native-cli-l2", rules: cliRules({ realize: [{ constraintType: "EMAIL", payload: { allowedEmails: ["*@elsewhere.test"] } }] }) });
    const l2 = await use(otherDomain, await createKey(otherDomain, email));
    assert.deepEqual([l2.status, l2.body.reason], [403, "Layer2Denied"]);

    const noLayer3 = await createTestApplication({ anchorPrefix: "native-cli-l3", rules: cliRules({ return: [{ returnMethod: "STATUS_POLL", payload: {} }] }) });
    const l3 = await use(noLayer3, await createKey(noLayer3, email));
    assert.deepEqual([l3.status, l3.body.reason], [403, "Layer3Denied"]);
  });

  it("records up-front consent at creation, and folds the key's own TTL bounds", async () => {
    const gated = await createTestApplication({ anchorPrefix: "native-cli-claims", rules: cliRules(), claims: { email: "REQUIRED", firstName: "OPTIONAL" } });
    // Signed up elsewhere: never asked about this application's claims.
    const account = await existingAccount(cli, "native-key-claims");

    // Never asked: the claim gate answers with an Errand.
    const blocked = await use(gated, await createKey(gated, account));
    assert.equal(blocked.status, 403);
    assert.equal(blocked.body.reason, "ClaimConsentRequired");
    assert.match(String(blocked.body.errand?.errandKey), /^ernd_/);

    const key = await createKey(gated, account, ["--grant", "email,firstName", "--access-token-ttl-seconds", "120"]);
    assert.deepEqual(key.grants, ["email", "firstName"]);
    const issued = await use(gated, key);
    assert.equal(issued.status, 200, JSON.stringify(issued.body));
    const token = decodeJwt(issued.body.accessToken);
    assert.equal(token.body.emailAddress, account);
    assert.equal((token.header.exp as number) - (token.header.iat as number), 120);
    assert.deepEqual(issued.body.claims.email, { requirement: "REQUIRED", state: "GRANTED" });
  });

  it("issues keys only for existing accounts and known applications", async () => {
    const nobody = await runAdmin(["create-access-key", "--application", cli.anchor, "--email", uniqueEmail("nobody"), "--json"]);
    assert.equal(nobody.code, 1);
    assert.match(nobody.stderr, /AccountNotFound/);
    const noApp = await runAdmin(["create-access-key", "--application", "no-such-cli", "--email", email, "--json"]);
    assert.equal(noApp.code, 1);
    assert.match(noApp.stderr, /ApplicationNotFound/);
    const badGrant = await runAdmin(["create-access-key", "--application", cli.anchor, "--email", email, "--grant", "phone"]);
    assert.equal(badGrant.code, 2);
    const badDays = await runAdmin(["create-access-key", "--application", cli.anchor, "--email", email, "--expires-in-days", "0"]);
    assert.equal(badDays.code, 2);
    const expiring = await createKey(cli, email, ["--expires-in-days", "7"]);
    const days = (Date.parse(expiring.expiresAt!) - Date.now()) / 86_400_000;
    assert.ok(days > 6.99 && days <= 7, String(days));
  });
});
