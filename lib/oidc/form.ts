// Reading `application/x-www-form-urlencoded` bodies, as /token, /userinfo
// (POST), /authorize (POST) and /end-session (POST) receive them.
import { hasNulCharacter, readRawBody } from "../http/body";
import { oauthError } from "./errors";

const FORM_MAX_BYTES = 32 * 1024;

export function isFormRequest(request: Request): boolean {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  return type === "application/x-www-form-urlencoded";
}

/** The form body; invalid_request for another media type or a body that is too large. */
export async function readForm(request: Request): Promise<URLSearchParams> {
  if (!isFormRequest(request)) throw oauthError("invalid_request", "The body must be application/x-www-form-urlencoded.");
  let raw: Uint8Array;
  try {
    raw = await readRawBody(request, FORM_MAX_BYTES);
  } catch {
    throw oauthError("invalid_request", `The body must not exceed ${FORM_MAX_BYTES} bytes.`);
  }
  return new URLSearchParams(new TextDecoder().decode(raw));
}

/** RFC 6749 §3.1/§3.2: no parameter may be sent twice. */
export function assertNoRepeats(params: URLSearchParams): void {
  for (const name of new Set(params.keys())) {
    if (params.getAll(name).length > 1) throw oauthError("invalid_request", `The ${name} parameter must not be repeated.`);
  }
}

/** The first parameter whose name or value holds U+0000 (which no parameter may: the database cannot store it), else null. */
export function parameterWithNul(params: URLSearchParams): string | null {
  for (const [name, value] of params) if (hasNulCharacter(name) || hasNulCharacter(value)) return name;
  return null;
}

/** RFC 6749 §5.2: a parameter that cannot be taken as sent makes the request malformed — invalid_request. */
export function assertNoNul(params: URLSearchParams): void {
  const name = parameterWithNul(params);
  if (name !== null) throw oauthError("invalid_request", `The ${name} parameter must not contain the NUL character (U+0000).`);
}

/** The parameters of a browser-facing endpoint: its query (a POST is turned into this GET first, see postedAsGet). */
export const queryParameters = (request: Request): URLSearchParams => new URL(request.url).searchParams;

/**
 * Where a POST to a browser-facing endpoint (OIDC Core §3.1.2.1, RP-Initiated
 * Logout 1.0 §2) is sent on: the GET of the same endpoint with the form's
 * parameters as its query. The relying party's cross-site form POST carries
 * no SameSite=Lax via cookie; the browser's top-level GET after the 303 does,
 * so prompt=none and end-session see the browser's session. A body that is
 * not a form names no parameters; one too large is invalid_request.
 */
export async function postedAsGet(request: Request, endpoint: string): Promise<string> {
  const query = (isFormRequest(request) ? await readForm(request) : new URLSearchParams()).toString();
  return query ? `${endpoint}?${query}` : endpoint;
}
