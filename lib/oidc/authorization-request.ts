// The authorization request (OIDC Core §3.1.2.1, RFC 6749 §4.1.1, RFC 7636)
// and what of it an OIDC inquiry keeps in its `context`. Validation happens
// in two stages, because where an error may go depends on it (RFC 6749
// §4.1.2.1): until client_id and redirect_uri are known to be good, an error
// is shown on our own page; after that it goes back to the relying party.
import { z } from "zod";
import type { ApplicationContext } from "../applications/application-context";
import { loadApplicationContextByAnchor } from "../applications/application-context";
import type { Executor } from "@/db/client";
import { oidcClientConfig, type OidcClientConfig } from "../rules";
import type { OAuthErrorCode } from "./errors";
import { parameterWithNul } from "./form";
import type { OidcPageProblem } from "./problems";
import { formatScope, scopeValues } from "./scope";

export const PROMPT_VALUES = ["none", "login", "consent", "select_account"] as const;
export type Prompt = (typeof PROMPT_VALUES)[number];

/** Problems of stage one: the RP is unknown or its redirect URI untrusted. Each has a page. */
export type PageProblem = Extract<
  OidcPageProblem,
  "missing-client-id" | "unknown-client" | "client-disabled" | "not-an-oidc-client" | "missing-redirect-uri" | "redirect-uri-mismatch" | "duplicate-parameter"
>;

export class AuthorizePageError extends Error {
  override name = "AuthorizePageError";
  constructor(readonly problem: PageProblem) {
    super(problem);
  }
}

/** An error the RP receives at its redirect URI. */
export class AuthorizeRedirectError extends Error {
  override name = "AuthorizeRedirectError";
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
  }
}

const redirectError = (error: OAuthErrorCode, description: string) => new AuthorizeRedirectError(error, description);

const MAX_STATE_LENGTH = 2048;
const MAX_NONCE_LENGTH = 512;
/** An S256 challenge is base64url(SHA-256(verifier)) without padding: exactly 43 characters. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/** What the inquiry keeps of the request; the sign-in and the code are bound to it. */
export const storedRequestSchema = z.object({
  clientId: z.string(),
  redirectUri: z.string(),
  scope: z.string(),
  state: z.string().nullable(),
  nonce: z.string().nullable(),
  codeChallenge: z.string(),
  prompt: z.array(z.enum(PROMPT_VALUES)),
  maxAge: z.number().int().nonnegative().nullable(),
  /** ISO instants: sign-ins before the first, and claim decisions before the second, do not count. */
  signInNotBefore: z.string().nullable(),
  consentNotBefore: z.string().nullable(),
  /** The sector subject an id_token_hint named: only that user may sign in (requests stored before default to anybody). */
  hintedSubject: z.string().nullable().default(null),
});
export type StoredAuthorizationRequest = z.infer<typeof storedRequestSchema>;

/** Stage one: the client and its redirect URI. Throws AuthorizePageError. */
export interface TrustedClient {
  context: ApplicationContext;
  client: OidcClientConfig;
  redirectUri: string;
  /** Echoed in every redirected answer (the first value if it was sent twice). */
  state: string | null;
}

/** Reads a parameter that must appear at most once (RFC 6749 §3.1). */
export function single(params: URLSearchParams, name: string): string | null | "duplicate" {
  const values = params.getAll(name);
  if (values.length > 1) return "duplicate";
  return values[0] ?? null;
}

export async function identifyClient(db: Executor, params: URLSearchParams): Promise<TrustedClient> {
  const clientId = single(params, "client_id");
  const redirectUri = single(params, "redirect_uri");
  if (clientId === "duplicate" || redirectUri === "duplicate") throw new AuthorizePageError("duplicate-parameter");
  if (!clientId) throw new AuthorizePageError("missing-client-id");
  // The client_id is the application anchor (docs 33).
  const context = await loadApplicationContextByAnchor(db, clientId);
  if (!context) throw new AuthorizePageError("unknown-client");
  if (!context.application.enabled) throw new AuthorizePageError("client-disabled");
  const client = oidcClientConfig(context.rules.return);
  if (!client) throw new AuthorizePageError("not-an-oidc-client");
  if (!redirectUri) throw new AuthorizePageError("missing-redirect-uri");
  // Byte-for-byte (docs 09): no normalization, no prefix match.
  if (!client.redirectUris.includes(redirectUri)) throw new AuthorizePageError("redirect-uri-mismatch");
  return { context, client, redirectUri, state: params.getAll("state")[0] ?? null };
}

export interface ValidatedRequest {
  scope: string;
  state: string | null;
  nonce: string | null;
  codeChallenge: string;
  prompt: Prompt[];
  maxAge: number | null;
}

/** Stage two: everything else. Throws AuthorizeRedirectError. */
export function validateRequest(trusted: TrustedClient, params: URLSearchParams): ValidatedRequest {
  for (const name of new Set(params.keys())) {
    if (params.getAll(name).length > 1) throw redirectError("invalid_request", `The ${name} parameter must not be repeated.`);
  }
  // The request is stored (state and nonce in the inquiry's context), and the database cannot store a NUL.
  const withNul = parameterWithNul(params);
  if (withNul !== null) throw redirectError("invalid_request", `The ${withNul} parameter must not contain the NUL character (U+0000).`);
  const get = (name: string) => params.get(name);
  if (get("request") !== null) throw redirectError("request_not_supported", "Request objects are not supported.");
  if (get("request_uri") !== null) throw redirectError("request_uri_not_supported", "request_uri is not supported.");
  if (get("registration") !== null) throw redirectError("registration_not_supported", "The registration parameter is not supported.");

  const responseType = get("response_type");
  if (!responseType) throw redirectError("invalid_request", "response_type is required.");
  if (responseType !== "code") throw redirectError("unsupported_response_type", "Only response_type=code is supported.");
  const responseMode = get("response_mode");
  if (responseMode !== null && responseMode !== "query") throw redirectError("invalid_request", "Only response_mode=query is supported.");

  const scope = get("scope");
  if (!scope) throw redirectError("invalid_request", "scope is required and must include openid.");
  const values = scopeValues(scope);
  if (!values.includes("openid")) throw redirectError("invalid_scope", "scope must include openid.");
  const outside = values.filter((value) => !(trusted.client.allowedScopes as readonly string[]).includes(value));
  if (outside.length > 0) throw redirectError("invalid_scope", `This client may not request: ${outside.join(", ")}.`);

  const codeChallenge = get("code_challenge");
  const method = get("code_challenge_method");
  if (!codeChallenge) throw redirectError("invalid_request", "PKCE is required: send code_challenge with code_challenge_method=S256.");
  if (method !== "S256") throw redirectError("invalid_request", "code_challenge_method must be S256; plain is not supported.");
  if (!S256_CHALLENGE.test(codeChallenge)) throw redirectError("invalid_request", "code_challenge must be 43 base64url characters (an S256 challenge).");

  const prompt = parsePrompt(get("prompt"));
  const maxAgeText = get("max_age");
  let maxAge: number | null = null;
  if (maxAgeText !== null) {
    if (!/^\d{1,9}$/.test(maxAgeText)) throw redirectError("invalid_request", "max_age must be a non-negative integer number of seconds.");
    maxAge = Number(maxAgeText);
  }
  const state = get("state");
  const nonce = get("nonce");
  if (state !== null && state.length > MAX_STATE_LENGTH) throw redirectError("invalid_request", `state must be at most ${MAX_STATE_LENGTH} characters.`);
  if (nonce !== null && nonce.length > MAX_NONCE_LENGTH) throw redirectError("invalid_request", `nonce must be at most ${MAX_NONCE_LENGTH} characters.`);
  return { scope: formatScope(values), state, nonce, codeChallenge, prompt, maxAge };
}

function parsePrompt(value: string | null): Prompt[] {
  if (value === null) return [];
  const values = scopeValues(value);
  const unknown = values.filter((entry) => !(PROMPT_VALUES as readonly string[]).includes(entry));
  if (unknown.length > 0) throw redirectError("invalid_request", `Unsupported prompt value: ${unknown.join(", ")}.`);
  if (values.includes("none") && values.length > 1) throw redirectError("invalid_request", "prompt=none cannot be combined with other values.");
  return values as Prompt[];
}

/**
 * The freshness the request demands, fixed when it arrives: prompt=login and
 * select_account need a sign-in after this moment (choosing an account means
 * signing in to it here), max_age one at most that old; prompt=consent asks
 * every claim again. A verified id_token_hint's subject names the only user
 * who may sign in.
 */
export function storedRequest(trusted: TrustedClient, request: ValidatedRequest, now: Date, hintedSubject: string | null = null): StoredAuthorizationRequest {
  const cutoffs: number[] = [];
  if (request.prompt.includes("login") || request.prompt.includes("select_account")) cutoffs.push(now.getTime());
  if (request.maxAge !== null) cutoffs.push(now.getTime() - request.maxAge * 1000);
  return {
    clientId: trusted.context.application.anchor,
    redirectUri: trusted.redirectUri,
    scope: request.scope,
    state: request.state,
    nonce: request.nonce,
    codeChallenge: request.codeChallenge,
    prompt: request.prompt,
    maxAge: request.maxAge,
    signInNotBefore: cutoffs.length > 0 ? new Date(Math.max(...cutoffs)).toISOString() : null,
    consentNotBefore: request.prompt.includes("consent") ? now.toISOString() : null,
    hintedSubject,
  };
}

/** The stored request of an OIDC inquiry, or null when its context is not one. */
export function readStoredRequest(context: unknown): StoredAuthorizationRequest | null {
  const parsed = storedRequestSchema.safeParse(context);
  return parsed.success ? parsed.data : null;
}
