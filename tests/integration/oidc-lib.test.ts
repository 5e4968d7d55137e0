// The OpenID Provider through its lib functions, on a real database of this
// pass's kind, with a clock the test moves: code and assertion lifetimes,
// max_age, refresh rotation and reuse, and the account / application states a
// running PGlite server cannot be put into from outside (docs 29).
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { SignJWT, decodeJwt, importPKCS8 } from "jose";
import { accounts, applications } from "@/db/schema";
import { findSectorById } from "@/db/queries/applications";
import { upsertClaimGrant } from "@/db/queries/identity";
import { rotateSectorSubject } from "@/lib/account/privacy";
import { replaceRuleSet, type RuleSetInput } from "@/lib/applications/rule-set";
import { deleteAccount } from "@/lib/account/delete-account";
import { createApplication, type CreatedApplication } from "@/lib/applications/create-application";
import { writeClaimPolicies } from "@/lib/applications/claim-policy";
import { isSudomimusError } from "@/lib/errors";
import { registerAccountByEmail } from "@/lib/identity/accounts";
import { findInquiryByExposureKey } from "@/lib/inquiry/load-inquiry";
import { realize } from "@/lib/inquiry/realize";
import { authorize } from "@/lib/oidc/authorize";
import { tokenEndpointError, userinfoError, OAuthError } from "@/lib/oidc/errors";
import { ID_TOKEN_TTL_SECONDS } from "@/lib/oidc/id-token";
import { publishedJwks, publishedVerificationKey, rotateOidcSigningKey } from "@/lib/oidc/signing-keys";
import { exchangeToken, type TokenResponse } from "@/lib/oidc/token";
import { userinfo } from "@/lib/oidc/userinfo";
import { refresh } from "@/lib/sessions/refresh";
import { libDeps } from "../support/lib-deps";
import { tokenBody } from "../support/tokens";

type Setup = Awaited<ReturnType<typeof libDeps>>;
let setup: Setup;
let publicApp: CreatedApplication;
let jwtApp: CreatedApplication;

const REDIRECT = "https://rp.example/cb";
const VERIFIER = "v".repeat(43);
const CHALLENGE = crypto.createHash("sha256").update(VERIFIER).digest("base64url");
const issuer = () => `${setup.deps.config.publicUrl}/oidc`;

function rules(method: string, extra: Record<string, unknown> = {}): RuleSetInput {
  return {
    authentication: [{ method: "EMAIL_VERIFICATION", payload: {} }],
    realize: [{ constraintType: "EMAIL", payload: { allowedEmails: ["*@example.com"] } }],
    return: [
      {
        returnMethod: "OIDC",
        payload: { redirectUris: [REDIRECT], allowedScopes: ["openid", "email", "profile", "offline_access"], tokenEndpointAuthMethod: method },
        ...extra,
      },
    ],
  } as RuleSetInput;
}

async function newApplication(anchor: string, method: string, extra: Record<string, unknown> = {}) {
  return createApplication(setup.deps, {
    anchor: `${anchor}-${crypto.randomBytes(3).toString("hex")}`,
    organizationId: null,
    names: { "en-US": anchor },
    rules: rules(method, extra),
    claimPolicies: { email: "OPTIONAL", firstName: "OPTIONAL" },
  });
}

async function newAccount() {
  const email = `oidc-${crypto.randomBytes(4).toString("hex")}@example.com`;
  const account = await setup.deps.db.transaction((tx) => registerAccountByEmail(tx, { email, now: setup.deps.clock.now() }));
  for (const app of [publicApp, jwtApp]) {
    await upsertClaimGrant(setup.deps.db, { accountId: account.id, applicationId: app.applicationId, claim: "EMAIL", decision: "GRANTED", decidedAt: setup.deps.clock.now() });
  }
  return { id: account.id, email };
}

function params(app: CreatedApplication, extra: Record<string, string> = {}) {
  return new URLSearchParams({
    client_id: app.applicationAnchor,
    redirect_uri: REDIRECT,
    response_type: "code",
    scope: "openid email offline_access",
    code_challenge: CHALLENGE,
    code_challenge_method: "S256",
    state: "s",
    nonce: "n",
    ...extra,
  });
}

/** /authorize, then realize as `user` signed in at `authTime` → the code (or what realize threw). */
async function codeFor(app: CreatedApplication, user: { id: string; email: string }, extra: Record<string, string> = {}, authTime = setup.deps.clock.now()) {
  const outcome = await authorize(setup.deps, { params: params(app, extra), browserSessionKey: null });
  assert.equal(outcome.kind, "redirect");
  const exposureKey = new URL(outcome.kind === "redirect" ? outcome.location : "").searchParams.get("exposure-key")!;
  const inquiry = (await findInquiryByExposureKey(setup.deps, exposureKey))!;
  const realized = await realize(setup.deps, { inquiry, accountId: user.id, attempt: { method: "EMAIL_VERIFICATION" }, loginEmail: user.email, authTime });
  assert.equal(realized.kind, "realized");
  if (realized.kind !== "realized" || realized.delivered.next !== "callback") throw new Error("not delivered to the callback");
  const callback = new URL(realized.delivered.redirectTo);
  assert.equal(callback.searchParams.get("iss"), issuer());
  return callback.searchParams.get("code")!;
}

const exchangePublic = (code: string, extra: Record<string, string> = {}) =>
  exchangeToken(setup.deps, {
    authorization: null,
    form: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: VERIFIER, client_id: publicApp.applicationAnchor, ...extra }),
  });

const refreshPublic = (refreshToken: string) =>
  exchangeToken(setup.deps, { authorization: null, form: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken, client_id: publicApp.applicationAnchor }) });

async function assertion(claims: { iat?: number; exp?: number; jti?: string } = {}) {
  const now = Math.floor(setup.deps.clock.now().getTime() / 1000);
  return new SignJWT({ jti: claims.jti ?? crypto.randomUUID() })
    .setProtectedHeader({ alg: "RS256" })
    .setIssuer(jwtApp.applicationAnchor)
    .setSubject(jwtApp.applicationAnchor)
    .setAudience(`${issuer()}/token`)
    .setIssuedAt(claims.iat ?? now)
    .setExpirationTime(claims.exp ?? now + 60)
    .sign(await importPKCS8(jwtApp.clientAuthPrivateKey, "RS256"));
}

const exchangeJwt = async (code: string, clientAssertion: string) =>
  exchangeToken(setup.deps, {
    authorization: null,
    form: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT,
      code_verifier: VERIFIER,
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: clientAssertion,
    }),
  });

/** The OAuth error an endpoint answers with (what the route maps a failure to). */
async function oauthFailure(promise: Promise<unknown>, map = tokenEndpointError): Promise<{ error: string; description: string; status: number }> {
  try {
    await promise;
  } catch (error) {
    const mapped = map(error);
    assert.ok(mapped, `unmapped failure: ${String(error)}`);
    return { error: mapped.error, description: mapped.description, status: mapped.status };
  }
  assert.fail("expected a failure");
}

const header = (token: string) => JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()) as Record<string, unknown>;

describe("OIDC provider (lib, fixed clock)", () => {
  before(async () => {
    setup = await libDeps();
    publicApp = await newApplication("lib-oidc-public", "none", { accessTokenTtlSeconds: 600 });
    jwtApp = await newApplication("lib-oidc-jwt", "private_key_jwt");
  });
  after(async () => setup.close());

  it("issues the folded TTLs, an hour-long ID token, and a scope-gated access token", async () => {
    const user = await newAccount();
    const tokens = await exchangePublic(await codeFor(publicApp, user));
    assert.equal(tokens.expires_in, 600, "the OIDC rule's access TTL joins the fold");
    assert.equal(Number(header(tokens.access_token).exp) - Number(header(tokens.access_token).iat), 600);
    const idToken = tokenBody(tokens.id_token!);
    assert.equal(Number(idToken.exp) - Number(idToken.iat), ID_TOKEN_TTL_SECONDS);
    assert.equal(idToken.auth_time, Math.floor(setup.deps.clock.now().getTime() / 1000));
    assert.equal(header(tokens.access_token).scope, "openid email offline_access");
    assert.equal(tokenBody(tokens.access_token).emailAddress, user.email);
    // Connect's /refresh on an OIDC session keeps the scope gate.
    const narrow = await exchangePublic(await codeFor(publicApp, user, { scope: "openid offline_access" }));
    assert.equal(tokenBody(narrow.access_token).emailAddress, undefined);
    const viaConnect = await refresh(setup.deps, { refreshToken: narrow.refresh_token! });
    assert.equal(tokenBody(viaConnect.accessToken).emailAddress, undefined);
    assert.equal(header(viaConnect.accessToken).scope, "openid offline_access");
  });

  it("an authorization code lives 60 seconds", async () => {
    const user = await newAccount();
    const code = await codeFor(publicApp, user);
    setup.deps.clock.advance(59);
    assert.ok((await exchangePublic(code)).access_token);
    const late = await codeFor(publicApp, user);
    setup.deps.clock.advance(61);
    assert.deepEqual((await oauthFailure(exchangePublic(late))).error, "invalid_grant");
  });

  it("private_key_jwt: exp at most 300 s after iat, 30 s of skew, each jti once", async () => {
    const user = await newAccount();
    const now = Math.floor(setup.deps.clock.now().getTime() / 1000);
    const failure = async (clientAssertion: string) => oauthFailure(exchangeJwt(await codeFor(jwtApp, user), clientAssertion));
    assert.deepEqual(await failure(await assertion({ iat: now, exp: now + 301 })), { error: "invalid_client", description: "client_assertion must expire within 300 seconds of iat.", status: 400 });
    assert.equal((await failure(await assertion({ iat: now - 100, exp: now - 31 }))).description, "client_assertion has expired.");
    assert.equal((await failure(await assertion({ iat: now + 31, exp: now + 90 }))).description, "client_assertion is issued in the future.");
    assert.ok((await exchangeJwt(await codeFor(jwtApp, user), await assertion({ iat: now - 200, exp: now - 10 }))).access_token, "within the skew");
    const once = await assertion({ iat: now, exp: now + 300, jti: "lib-once" });
    assert.ok((await exchangeJwt(await codeFor(jwtApp, user), once)).access_token);
    setup.deps.clock.advance(200);
    assert.match((await failure(once)).description, /already been used/);
  });

  it("max_age is measured from the request: a sign-in older than that must be repeated", async () => {
    const user = await newAccount();
    const signedInAt = setup.deps.clock.now();
    setup.deps.clock.advance(50);
    await codeFor(publicApp, user, { max_age: "100" }, signedInAt);
    setup.deps.clock.advance(150);
    await assert.rejects(codeFor(publicApp, user, { max_age: "100" }, signedInAt), (error: unknown) => isSudomimusError(error, "SignInRequired"));
    await assert.rejects(codeFor(publicApp, user, { prompt: "login" }, new Date(setup.deps.clock.now().getTime() - 1)), (error: unknown) => isSudomimusError(error, "SignInRequired"));
  });

  it("refresh: strict rotation, a late second use revokes the session, an expired token is refused", async () => {
    const user = await newAccount();
    const first = await exchangePublic(await codeFor(publicApp, user));
    const second = await refreshPublic(first.refresh_token!);
    assert.equal(tokenBody(second.id_token!).auth_time, tokenBody(first.id_token!).auth_time);
    assert.equal(tokenBody(second.id_token!).nonce, undefined);
    // Two tabs at once converge on the same replacement…
    const twin = await refreshPublic(first.refresh_token!);
    assert.equal(twin.refresh_token, second.refresh_token);
    // …but a replay after the grace period is theft: the family dies.
    setup.deps.clock.advance(11);
    assert.equal((await oauthFailure(refreshPublic(first.refresh_token!))).error, "invalid_grant");
    assert.equal((await oauthFailure(refreshPublic(second.refresh_token!))).error, "invalid_grant");
    assert.equal((await oauthFailure(userinfo(setup.deps, second.access_token), userinfoError)).error, "invalid_token");

    const aging = await exchangePublic(await codeFor(publicApp, user));
    setup.deps.clock.advance(30 * 24 * 3600 + 1);
    assert.equal((await oauthFailure(refreshPublic(aging.refresh_token!))).error, "invalid_grant");
    assert.equal((await oauthFailure(userinfo(setup.deps, aging.access_token), userinfoError)).description, "The access token has expired.");
  });

  it("deleted and disabled accounts (docs 29): invalid_grant at /token, invalid_token at /userinfo", async () => {
    for (const [status, description] of [
      ["DELETED", "Account is deleted"],
      ["DISABLED", "Account is disabled"],
    ] as const) {
      const user = await newAccount();
      const tokens = await exchangePublic(await codeFor(publicApp, user));
      const pending = await codeFor(publicApp, user);
      // Erased the way the user erases it (the code outlives it), disabled the way an operator would.
      if (status === "DELETED") await deleteAccount(setup.deps, user.id, { confirmation: user.email });
      else await setup.deps.db.update(accounts).set({ status }).where(eq(accounts.id, user.id));
      assert.deepEqual(await oauthFailure(exchangePublic(pending)), { error: "invalid_grant", description, status: 400 });
      assert.deepEqual(await oauthFailure(refreshPublic(tokens.refresh_token!)), { error: "invalid_grant", description, status: 400 });
      assert.deepEqual(await oauthFailure(userinfo(setup.deps, tokens.access_token), userinfoError), { error: "invalid_token", description, status: 401 });
    }
    const purged = await newAccount();
    const tokens = await exchangePublic(await codeFor(publicApp, purged));
    await setup.deps.db.delete(accounts).where(eq(accounts.id, purged.id));
    assert.deepEqual(await oauthFailure(refreshPublic(tokens.refresh_token!)), { error: "invalid_grant", description: "Account does not exist", status: 400 });
  });

  it("an id_token_hint naming a subject since rotated away answers login_required at once: no sign-in could match it", async () => {
    const user = await newAccount();
    const tokens = (await exchangePublic(await codeFor(publicApp, user))) as TokenResponse;
    const hinted = () => authorize(setup.deps, { params: params(publicApp, { id_token_hint: tokens.id_token! }), browserSessionKey: null });
    const live = await hinted();
    assert.ok(live.kind === "redirect" && new URL(live.location).pathname === "/via", "the hinted user can sign in");
    const sector = await findSectorById(setup.deps.db, publicApp.sectorId);
    await rotateSectorSubject(setup.deps, user.id, sector!.anchor);
    const stale = await hinted();
    assert.ok(stale.kind === "redirect");
    assert.deepEqual([new URL(stale.location).searchParams.get("error"), new URL(stale.location).searchParams.get("state")], ["login_required", "s"]);
  });

  it("a retired (disabled) application (docs 13): no new sign-ins, issued tokens keep working until they expire, without sliding", async () => {
    const app = await newApplication("lib-oidc-off", "none");
    const user = await newAccount();
    const exchange = (form: Record<string, string>) => exchangeToken(setup.deps, { authorization: null, form: new URLSearchParams({ client_id: app.applicationAnchor, ...form }) });
    const codeGrant = (code: string) => exchange({ grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: VERIFIER });
    const tokens = (await codeGrant(await codeFor(app, user, { scope: "openid offline_access" }))) as TokenResponse;
    const pending = await codeFor(app, user, { scope: "openid offline_access" });
    await setup.deps.db.update(applications).set({ enabled: false }).where(eq(applications.id, app.applicationId));
    // Logins fail at once: a page at /authorize, and a code issued before cannot finish its sign-in.
    assert.deepEqual(await authorize(setup.deps, { params: params(app), browserSessionKey: null }), { kind: "page", problem: "client-disabled" });
    assert.deepEqual(await oauthFailure(codeGrant(pending)), { error: "unauthorized_client", description: "This application is disabled: it accepts no new sign-ins.", status: 400 });
    // Issued tokens keep working: userinfo answers, the refresh token rotates…
    assert.equal((await userinfo(setup.deps, tokens.access_token)).sub, decodeJwt(tokens.id_token!).sub);
    setup.deps.clock.advance(29 * 24 * 3600);
    const rotated = (await exchange({ grant_type: "refresh_token", refresh_token: tokens.refresh_token! })) as TokenResponse;
    assert.equal(decodeJwt(rotated.id_token!).sub, decodeJwt(tokens.id_token!).sub);
    // …but the session no longer slides: it ends 30 days after the sign-in, as issued.
    setup.deps.clock.advance(24 * 3600 + 1);
    assert.equal((await oauthFailure(exchange({ grant_type: "refresh_token", refresh_token: rotated.refresh_token! }))).error, "invalid_grant");
  });

  it("Layer 3 and the claim gate at runtime: a rule change or a revoked required claim stops the exchange", async () => {
    const app = await newApplication("lib-oidc-rules", "none");
    const user = await newAccount();
    const exchange = (code: string) =>
      exchangeToken(setup.deps, { authorization: null, form: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: VERIFIER, client_id: app.applicationAnchor }) });
    // A required email, granted at sign-in, revoked before the exchange.
    await writeClaimPolicies(setup.deps.db, app.applicationId, { email: "REQUIRED" });
    await upsertClaimGrant(setup.deps.db, { accountId: user.id, applicationId: app.applicationId, claim: "EMAIL", decision: "GRANTED", decidedAt: setup.deps.clock.now() });
    const code = await codeFor(app, user);
    await upsertClaimGrant(setup.deps.db, { accountId: user.id, applicationId: app.applicationId, claim: "EMAIL", decision: "DENIED", decidedAt: setup.deps.clock.now() });
    assert.equal((await oauthFailure(exchange(code))).error, "invalid_grant");
    // Without the email scope the required email is not part of this token: no gate.
    const openidOnly = await codeFor(app, user, { scope: "openid" });
    assert.ok((await exchange(openidOnly)).id_token);

    // The redirect URI leaves the rule between sign-in and exchange.
    await upsertClaimGrant(setup.deps.db, { accountId: user.id, applicationId: app.applicationId, claim: "EMAIL", decision: "GRANTED", decidedAt: setup.deps.clock.now() });
    const stale = await codeFor(app, user);
    await replaceRuleSet(setup.deps.db, app.applicationId, {
      ...rules("none"),
      return: [{ returnMethod: "OIDC", payload: { redirectUris: ["https://rp.example/other"], allowedScopes: ["openid", "email"], tokenEndpointAuthMethod: "none" } }],
    } as RuleSetInput);
    assert.equal((await oauthFailure(exchange(stale))).error, "invalid_grant");
  });

  it("refresh after a scope leaves the OIDC rule (docs 09): the new tokens lose it, at /oidc/token and at Connect /refresh", async () => {
    const app = await newApplication("lib-oidc-narrowed", "none");
    const user = await newAccount();
    await upsertClaimGrant(setup.deps.db, { accountId: user.id, applicationId: app.applicationId, claim: "EMAIL", decision: "GRANTED", decidedAt: setup.deps.clock.now() });
    const exchange = (form: Record<string, string>) => exchangeToken(setup.deps, { authorization: null, form: new URLSearchParams({ client_id: app.applicationAnchor, ...form }) });
    const tokens = (await exchange({ grant_type: "authorization_code", code: await codeFor(app, user), redirect_uri: REDIRECT, code_verifier: VERIFIER })) as TokenResponse;
    assert.equal(tokens.scope, "openid email offline_access");
    assert.equal(tokenBody(tokens.id_token!).email, user.email);
    const second = (await exchange({ grant_type: "authorization_code", code: await codeFor(app, user), redirect_uri: REDIRECT, code_verifier: VERIFIER })) as TokenResponse;

    await replaceRuleSet(setup.deps.db, app.applicationId, {
      ...rules("none"),
      return: [{ returnMethod: "OIDC", payload: { redirectUris: [REDIRECT], allowedScopes: ["openid", "offline_access"], tokenEndpointAuthMethod: "none" } }],
    } as RuleSetInput);
    const refreshed = (await exchange({ grant_type: "refresh_token", refresh_token: tokens.refresh_token! })) as TokenResponse;
    assert.equal(refreshed.scope, "openid offline_access");
    assert.equal(tokenBody(refreshed.id_token!).email, undefined);
    assert.equal(header(refreshed.access_token).scope, "openid offline_access");
    assert.equal((await userinfo(setup.deps, refreshed.access_token)).email, undefined);
    // Asking for the scope back does not help.
    const asked = (await exchange({ grant_type: "refresh_token", refresh_token: refreshed.refresh_token!, scope: "openid email" })) as TokenResponse;
    assert.equal(asked.scope, "openid");
    assert.equal(tokenBody(asked.id_token!).email, undefined);
    // A public client's session rotating at Connect is held to the same rule.
    const viaConnect = await refresh(setup.deps, { refreshToken: second.refresh_token! });
    assert.equal(header(viaConnect.accessToken).scope, "openid offline_access");
    assert.equal(tokenBody(viaConnect.accessToken).emailAddress, undefined);
  });

  it("Connect /refresh refuses a confidential OIDC client's refresh token (RFC 6749 §6, §10.4); a public client's still rotates there", async () => {
    const user = await newAccount();
    const jwtRefresh = async (refreshToken: string) =>
      exchangeToken(setup.deps, {
        authorization: null,
        form: new URLSearchParams({
          grant_type: "refresh_token",
          refresh_token: refreshToken,
          client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
          client_assertion: await assertion(),
        }),
      });
    const confidential = (await exchangeJwt(await codeFor(jwtApp, user), await assertion())) as TokenResponse;
    await assert.rejects(refresh(setup.deps, { refreshToken: confidential.refresh_token! }), (error: unknown) => {
      assert.ok(isSudomimusError(error, "RefreshTokenNotFound"), String(error));
      assert.equal(error.status, 401);
      assert.match(error.publicMessage ?? "", /\/oidc\/token with the client's credentials/);
      return true;
    });
    // Refused before anything was written: the client, with its credentials, still refreshes it.
    const rotated = (await jwtRefresh(confidential.refresh_token!)) as TokenResponse;
    assert.equal(rotated.scope, "openid email offline_access");
    await assert.rejects(refresh(setup.deps, { refreshToken: rotated.refresh_token! }), (error: unknown) => isSudomimusError(error, "RefreshTokenNotFound"));

    const publicTokens = await exchangePublic(await codeFor(publicApp, user));
    const viaConnect = await refresh(setup.deps, { refreshToken: publicTokens.refresh_token! });
    assert.equal(tokenBody(viaConnect.accessToken).emailAddress, user.email);
    assert.equal(header(viaConnect.accessToken).scope, "openid email offline_access");
  });

  it("maps shared-code failures into the OAuth vocabulary, and leaves unexpected ones alone", () => {
    assert.equal(tokenEndpointError(new Error("boom")), null);
    assert.ok(tokenEndpointError(new OAuthError("invalid_scope", "x")) instanceof OAuthError);
  });

  it("publishes a retired ID-token key while tokens it signed may live, and drops it an ID token's lifetime after", async () => {
    const kids = async () => (await publishedJwks(setup.deps)).keys.map((key) => key.kid);
    const start = (await kids())[0]!;
    const first = await rotateOidcSigningKey(setup.deps);
    assert.equal(first.retiredKid, start);
    setup.deps.clock.advance(ID_TOKEN_TTL_SECONDS - 1);
    const second = await rotateOidcSigningKey(setup.deps);
    assert.deepEqual(await kids(), [second.kid, first.kid, start], "two rotations within the hour keep the first key's tokens verifiable");
    setup.deps.clock.advance(2);
    const third = await rotateOidcSigningKey(setup.deps);
    assert.deepEqual(await kids(), [third.kid, second.kid, first.kid], "retired over an hour ago: every token it signed has expired");
    assert.equal(await publishedVerificationKey(setup.deps, start), null, "nor does it verify an id_token_hint any more");
    assert.ok(await publishedVerificationKey(setup.deps, first.kid));
  });
});
