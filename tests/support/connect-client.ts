// What an integrating application backend does: sign client-auth JWTs with
// its private key and call the Connect API. Written from the spec, as an
// integrator would, so the tests exercise the wire contract.
import crypto from "node:crypto";
import { SignJWT, importPKCS8 } from "jose";
import { requireServer } from "./env";

export interface TestApplication {
  anchor: string;
  privateKeyPem: string;
  publicKeyPem: string;
}

export interface ClientJwtOptions {
  iss?: string;
  aud?: string;
  iat?: number;
  exp?: number;
  jti?: string;
  bodySha256?: string;
  /** Sign with this PEM instead of the application's. */
  signWith?: string;
  omit?: ("iat" | "exp" | "jti" | "body_sha256")[];
}

export async function clientJwt(app: TestApplication, body: string, options: ClientJwtOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    body_sha256: options.bodySha256 ?? crypto.createHash("sha256").update(body).digest("base64"),
    jti: options.jti ?? crypto.randomUUID(),
  };
  for (const omitted of options.omit ?? []) delete claims[omitted];
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", typ: "JWT" })
    .setIssuer(options.iss ?? app.anchor)
    .setAudience(options.aud ?? "sudomimus-connect");
  if (!options.omit?.includes("iat")) jwt = jwt.setIssuedAt(options.iat ?? now);
  if (!options.omit?.includes("exp")) jwt = jwt.setExpirationTime(options.exp ?? now + 60);
  return jwt.sign(await importPKCS8(options.signWith ?? app.privateKeyPem, "RS256"));
}

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export async function post<T = Record<string, unknown>>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const response = await fetch(requireServer() + path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: text });
  const raw = await response.text();
  return { status: response.status, body: (raw ? JSON.parse(raw) : {}) as T, headers: response.headers };
}

/** A signed call (establish / revoke-all). */
export async function signedPost<T = Record<string, unknown>>(
  app: TestApplication,
  path: string,
  body: unknown,
  options: ClientJwtOptions = {},
): Promise<ApiResponse<T>> {
  const text = JSON.stringify(body);
  return post<T>(path, text, { authorization: `SudomimusClientJWT ${await clientJwt(app, text, options)}` });
}

export interface EstablishResponse {
  applicationAnchor: string;
  exposureKey: string;
  hiddenKey: string;
}

export async function establish(app: TestApplication, extra: Record<string, unknown> = {}): Promise<EstablishResponse> {
  const response = await signedPost<EstablishResponse>(app, "/connect-api/establish", { applicationAnchor: app.anchor, ...extra });
  if (response.status !== 200) throw new Error(`establish failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** A CALLBACK declaration (test applications allow the host `localhost`). */
export function callback(callbackUrl = "http://localhost/auth/return?state=xyz") {
  return { type: "CALLBACK", payload: { callbackUrl } };
}

/** Decodes a JWT without verifying (for looking at what is inside). */
export function decodeJwt(token: string): { header: Record<string, unknown>; body: Record<string, unknown> } {
  const [header, body] = token.split(".");
  return {
    header: JSON.parse(Buffer.from(header!, "base64url").toString()),
    body: JSON.parse(Buffer.from(body!, "base64url").toString()),
  };
}
