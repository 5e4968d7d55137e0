// Client authentication at /oidc/token (RFC 6749 §2.3, OIDC Core §9,
// RFC 7523), by the method the application's OIDC rule names (docs 09, 33):
//   private_key_jwt     — an RS256 assertion signed with the application's
//                         client-auth key: iss = sub = client_id, aud = the
//                         exact token endpoint URL, a fresh jti (honoured
//                         once), exp at most 300 s after iat;
//   client_secret_basic — `Authorization: Basic` with the client secret;
//   client_secret_post  — client_id + client_secret in the form;
//   none                — a public client: client_id only, PKCE is all.
// A client uses exactly one method per request. A retired (disabled) client
// still authenticates: its issued refresh tokens keep working until they
// expire (docs 13); only new sign-ins end (the code grant). Every failure is
// invalid_client. RFC 6749 §5.2: a client that tried HTTP Basic gets 401 with
// the WWW-Authenticate challenge of that scheme; the others get 400 — a 401
// must carry a challenge, and a Basic one would tell them to use a method
// they are not using.
import { decodeJwt, decodeProtectedHeader, jwtVerify } from "jose";
import { recordClientAssertion } from "@/db/queries/client-assertions";
import { loadApplicationContextByAnchor, type ApplicationContext } from "../applications/application-context";
import { rsaVerificationKey } from "../applications/signing-key";
import { epochSeconds } from "../clock";
import { secretMatches } from "../crypto/secret-hash";
import { oidcClientConfig, type OidcClientConfig, type TokenEndpointAuthMethod } from "../rules";
import type { Deps } from "../runtime";
import { OAuthError, oauthError } from "./errors";
import { oidcEndpoints } from "./issuer";
import { CLIENT_SECRET_HASH_PURPOSE } from "./client-secret";

export const CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
export const CLIENT_ASSERTION_MAX_LIFETIME_SECONDS = 300;
const CLIENT_ASSERTION_SKEW_SECONDS = 30;

export interface AuthenticatedClient {
  context: ApplicationContext;
  client: OidcClientConfig;
  method: TokenEndpointAuthMethod;
}

interface Presented {
  method: TokenEndpointAuthMethod;
  clientId: string;
  secret?: string;
  assertion?: string;
}

const BASIC_CHALLENGE = { "www-authenticate": 'Basic realm="oidc", charset="UTF-8"' };

export const invalidClient = (description: string) => oauthError("invalid_client", description);

export async function authenticateClient(
  deps: Pick<Deps, "db" | "cache" | "clock" | "keyring" | "config">,
  request: { authorization: string | null; form: URLSearchParams },
): Promise<AuthenticatedClient> {
  try {
    return await authenticate(deps, request);
  } catch (error) {
    const triedBasic = request.authorization !== null && /^basic\s/i.test(request.authorization);
    if (triedBasic && error instanceof OAuthError && error.error === "invalid_client") {
      throw oauthError("invalid_client", error.description, 401, BASIC_CHALLENGE);
    }
    throw error;
  }
}

async function authenticate(
  deps: Pick<Deps, "db" | "cache" | "clock" | "keyring" | "config">,
  request: { authorization: string | null; form: URLSearchParams },
): Promise<AuthenticatedClient> {
  const presented = presentedCredentials(request.authorization, request.form);
  const context = await loadApplicationContextByAnchor(deps.db, presented.clientId);
  // Unknown client, disabled client and wrong credential read alike to the caller.
  if (!context) throw invalidClient("Client authentication failed.");
  const client = oidcClientConfig(context.rules.return);
  if (!client) throw invalidClient("This application is not an OpenID Connect client.");
  if (!client.tokenEndpointAuthMethods.includes(presented.method)) {
    throw invalidClient(`This client authenticates with ${client.tokenEndpointAuthMethods.join(" or ")}, not ${presented.method}.`);
  }
  if (presented.method === "client_secret_basic" || presented.method === "client_secret_post") {
    const stored = context.application.oidcClientSecretHash;
    if (!stored || !secretMatches(deps.keyring, CLIENT_SECRET_HASH_PURPOSE, presented.secret ?? "", stored)) {
      throw invalidClient("Client authentication failed.");
    }
  } else if (presented.method === "private_key_jwt") {
    await verifyAssertion(deps, context, presented.assertion ?? "");
  }
  return { context, client, method: presented.method };
}

/** Which single method the request uses, and for which client_id. */
function presentedCredentials(authorization: string | null, form: URLSearchParams): Presented {
  const bodyClientId = form.get("client_id");
  const bodySecret = form.get("client_secret");
  const assertion = form.get("client_assertion");
  const assertionType = form.get("client_assertion_type");
  const basic = authorization !== null && /^basic\s/i.test(authorization);
  const used = [basic, bodySecret !== null, assertion !== null || assertionType !== null].filter(Boolean).length;
  if (used > 1) throw oauthError("invalid_request", "Use exactly one client authentication method per request.");

  if (basic) {
    const { clientId, secret } = decodeBasic(authorization!);
    if (bodyClientId !== null && bodyClientId !== clientId) throw invalidClient("client_id does not match the Basic credentials.");
    return { method: "client_secret_basic", clientId, secret };
  }
  if (assertion !== null || assertionType !== null) {
    if (assertionType !== CLIENT_ASSERTION_TYPE) throw invalidClient(`client_assertion_type must be ${CLIENT_ASSERTION_TYPE}.`);
    if (!assertion) throw invalidClient("client_assertion is missing.");
    let issuer: unknown;
    try {
      issuer = decodeJwt(assertion).iss;
    } catch {
      throw invalidClient("client_assertion is not a JWT.");
    }
    const clientId = bodyClientId ?? (typeof issuer === "string" ? issuer : "");
    if (!clientId) throw invalidClient("client_assertion has no issuer.");
    return { method: "private_key_jwt", clientId, assertion };
  }
  if (!bodyClientId) throw invalidClient("Identify the client: client_id, client credentials or a client assertion.");
  if (bodySecret !== null) return { method: "client_secret_post", clientId: bodyClientId, secret: bodySecret };
  return { method: "none", clientId: bodyClientId };
}

/** RFC 6749 §2.3.1: base64 of form-urlencoded id ":" secret. */
function decodeBasic(authorization: string): { clientId: string; secret: string } {
  const encoded = authorization.replace(/^basic\s+/i, "").trim();
  const decoded = /^[A-Za-z0-9+/]+={0,2}$/.test(encoded) ? Buffer.from(encoded, "base64").toString("utf8") : "";
  const colon = decoded.indexOf(":");
  if (colon < 0) throw invalidClient("The Basic credentials are malformed.");
  const unescape = (value: string) => {
    try {
      return decodeURIComponent(value.replace(/\+/g, " "));
    } catch {
      throw invalidClient("The Basic credentials are malformed.");
    }
  };
  return { clientId: unescape(decoded.slice(0, colon)), secret: unescape(decoded.slice(colon + 1)) };
}

async function verifyAssertion(deps: Pick<Deps, "db" | "cache" | "clock" | "config">, context: ApplicationContext, assertion: string): Promise<void> {
  const { application } = context;
  try {
    if (decodeProtectedHeader(assertion).alg !== "RS256") throw invalidClient("client_assertion must be signed with RS256.");
  } catch (error) {
    if (error instanceof OAuthError) throw error;
    throw invalidClient("client_assertion is not a JWT.");
  }
  const now = epochSeconds(deps.clock.now());
  let payload;
  try {
    ({ payload } = await jwtVerify(assertion, await rsaVerificationKey(deps, application.clientAuthPublicKey), {
      algorithms: ["RS256"],
      issuer: application.anchor,
      subject: application.anchor,
      audience: oidcEndpoints(deps.config).token,
      clockTolerance: CLIENT_ASSERTION_SKEW_SECONDS,
      currentDate: new Date(now * 1000),
      requiredClaims: ["iat", "exp", "jti"],
    }));
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ERR_JWT_EXPIRED") throw invalidClient("client_assertion has expired.");
    if (code === "ERR_JWT_CLAIM_VALIDATION_FAILED") throw invalidClient(`client_assertion claims are invalid: ${(error as Error).message}.`);
    throw invalidClient("client_assertion signature is invalid.");
  }
  const { iat, exp, jti } = payload as { iat: number; exp: number; jti: unknown };
  if (iat > now + CLIENT_ASSERTION_SKEW_SECONDS) throw invalidClient("client_assertion is issued in the future.");
  if (exp <= iat || exp - iat > CLIENT_ASSERTION_MAX_LIFETIME_SECONDS) {
    throw invalidClient(`client_assertion must expire within ${CLIENT_ASSERTION_MAX_LIFETIME_SECONDS} seconds of iat.`);
  }
  if (typeof jti !== "string" || jti.length === 0 || jti.length > 128) throw invalidClient("client_assertion needs a jti of 1-128 characters.");
  const rememberUntil = new Date((exp + CLIENT_ASSERTION_SKEW_SECONDS) * 1000);
  if (!(await recordClientAssertion(deps.db, application.id, `oidc:${jti}`, rememberUntil))) {
    throw invalidClient("This client_assertion (jti) has already been used.");
  }
}
