// The relying party's side of the OIDC tests: applications with an OIDC rule
// (provisioned with the admin CLI, client secrets included), openid-client
// configured for each client authentication method, and the browser's hop
// through /oidc/authorize and via — done with ViaClient's JSON calls (the
// Chromium suite walks the real pages).
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { importPKCS8, SignJWT } from "jose";
import * as client from "openid-client";
import { createTestApplication, runAdmin } from "./applications";
import type { TestApplication } from "./connect-client";
import { requireServer } from "./env";
import { ViaClient } from "./via-client";

export type AuthMethod = "private_key_jwt" | "client_secret_basic" | "client_secret_post" | "none";
export const AUTH_METHODS: readonly AuthMethod[] = ["private_key_jwt", "client_secret_basic", "client_secret_post", "none"];

export const REDIRECT_URI = "http://localhost/oidc/callback";
export const POST_LOGOUT_URI = "http://localhost/signed-out";

export interface OidcApplication extends TestApplication {
  method: AuthMethod;
  clientSecret: string | null;
}

export interface OidcAppSpec {
  anchorPrefix?: string;
  method?: AuthMethod;
  allowedScopes?: string[];
  redirectUris?: string[];
  postLogoutRedirectUris?: string[];
  claims?: Record<string, string>;
  authentication?: unknown[];
  /** Extra Layer 3 rules beside the OIDC one. */
  returnRules?: unknown[];
  accessTokenTtlSeconds?: number;
}

export const issuerUrl = () => `${requireServer()}/oidc`;
export const tokenEndpoint = () => `${issuerUrl()}/token`;

export function oidcRules(spec: OidcAppSpec = {}) {
  return {
    authentication: spec.authentication ?? [{ method: "EMAIL_VERIFICATION", payload: {} }, { method: "PASSKEY_USERNAMELESS", payload: {} }],
    realize: [{ constraintType: "EMAIL", payload: { allowedEmails: ["*@example.com"] } }],
    return: [
      {
        returnMethod: "OIDC",
        payload: {
          redirectUris: spec.redirectUris ?? [REDIRECT_URI],
          postLogoutRedirectUris: spec.postLogoutRedirectUris ?? [POST_LOGOUT_URI],
          allowedScopes: spec.allowedScopes ?? ["openid", "email", "profile", "offline_access"],
          tokenEndpointAuthMethod: spec.method ?? "private_key_jwt",
        },
        ...(spec.accessTokenTtlSeconds ? { accessTokenTtlSeconds: spec.accessTokenTtlSeconds } : {}),
      },
      ...(spec.returnRules ?? []),
    ],
  };
}

export async function setClientSecret(anchor: string): Promise<string> {
  const result = await runAdmin(["set-oidc-client-secret", "--application", anchor, "--json"]);
  if (result.code !== 0) throw new Error(`set-oidc-client-secret failed (${result.code}): ${result.stderr}`);
  const parsed = JSON.parse(result.stdout) as { applicationAnchor: string; clientSecret: string };
  assert.equal(parsed.applicationAnchor, anchor);
  assert.match(parsed.clientSecret, /^ocs_[0-9a-f]{64}$/);
  return parsed.clientSecret;
}

export async function createOidcApplication(spec: OidcAppSpec = {}): Promise<OidcApplication> {
  const method = spec.method ?? "private_key_jwt";
  const app = await createTestApplication({
    anchorPrefix: spec.anchorPrefix ?? `oidc-${method.replace(/_/g, "-")}`,
    rules: oidcRules({ ...spec, method }),
    claims: spec.claims ?? { email: "OPTIONAL", firstName: "OPTIONAL", lastName: "OPTIONAL" },
  });
  const clientSecret = method === "client_secret_basic" || method === "client_secret_post" ? await setClientSecret(app.anchor) : null;
  return { ...app, method, clientSecret };
}

/**
 * The client authentication openid-client performs for a method. The docs
 * fix private_key_jwt's `aud` to the exact token endpoint URL, while
 * openid-client puts the issuer there by default — hence modifyAssertion.
 */
export async function clientAuthFor(app: OidcApplication): Promise<client.ClientAuth> {
  switch (app.method) {
    case "private_key_jwt": {
      const key = await importPKCS8(app.privateKeyPem, "RS256");
      return client.PrivateKeyJwt(key, {
        [client.modifyAssertion]: (_header, payload) => {
          payload.aud = tokenEndpoint();
        },
      });
    }
    case "client_secret_basic":
      return client.ClientSecretBasic(app.clientSecret!);
    case "client_secret_post":
      return client.ClientSecretPost(app.clientSecret!);
    case "none":
      return client.None();
  }
}

/** openid-client discovering the provider from its issuer, over plain http (the test server), verifying ID-token signatures. */
export async function discover(app: OidcApplication, auth?: client.ClientAuth): Promise<client.Configuration> {
  const config = await client.discovery(new URL(issuerUrl()), app.anchor, { redirect_uris: [REDIRECT_URI] }, auth ?? (await clientAuthFor(app)), {
    execute: [client.allowInsecureRequests],
  });
  client.enableNonRepudiationChecks(config);
  return config;
}

export interface AuthorizationAttempt {
  url: URL;
  codeVerifier: string;
  state: string;
  nonce: string;
}

export async function authorizationUrl(config: client.Configuration, extra: Record<string, string> = {}): Promise<AuthorizationAttempt> {
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: "openid email profile offline_access",
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
    ...extra,
  });
  return { url, codeVerifier, state, nonce };
}

/** Follows /oidc/authorize one hop (no redirect following): where does it send the browser? */
export async function authorizeHop(url: URL | string, cookie = ""): Promise<{ status: number; location: URL }> {
  const response = await fetch(url, { redirect: "manual", headers: cookie ? { cookie } : {} });
  const location = response.headers.get("location");
  assert.ok(location, `no redirect from ${String(url)} (${response.status}): ${await response.text()}`);
  return { status: response.status, location: new URL(location, requireServer()) };
}

export function exposureKeyOf(location: URL): string {
  assert.equal(location.pathname, "/via", `expected via, got ${location.toString()}`);
  const key = location.searchParams.get("exposure-key");
  assert.match(key ?? "", /^exp_[0-9a-f]{32}$/);
  return key!;
}

/**
 * The user's part: /oidc/authorize → via (email code, consent for
 * everything) → the redirect back to the RP, returned as the URL the
 * callback would see.
 */
export async function signInThroughVia(url: URL, email: string, via = new ViaClient(), nthMail = 1, profile?: { firstName?: string; lastName?: string }): Promise<URL> {
  const hop = await authorizeHop(url, via.cookieHeader());
  const outcome = await via.realize(exposureKeyOf(hop.location), email, nthMail, profile);
  assert.equal(outcome.status, 200, JSON.stringify(outcome.body));
  assert.equal(outcome.body.next, "callback", JSON.stringify(outcome.body));
  return new URL(String(outcome.body.redirectTo));
}

/** A private_key_jwt assertion written by hand (for the negative cases openid-client would never produce). */
export async function clientAssertion(app: TestApplication, claims: { aud?: string | string[]; iat?: number; exp?: number; jti?: string; iss?: string; sub?: string } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ jti: claims.jti ?? crypto.randomUUID() })
    .setProtectedHeader({ alg: "RS256" })
    .setIssuer(claims.iss ?? app.anchor)
    .setSubject(claims.sub ?? app.anchor)
    .setAudience(claims.aud ?? tokenEndpoint())
    .setIssuedAt(claims.iat ?? now)
    .setExpirationTime(claims.exp ?? now + 60)
    .sign(await importPKCS8(app.privateKeyPem, "RS256"));
}

/** A raw form POST to an OIDC endpoint. */
export async function postForm(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(`${requireServer()}${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(form).toString(),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}
