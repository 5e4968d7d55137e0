// GET|POST /oidc/authorize (docs 33 step 1; OIDC Core §3.1.2): checks the
// request, opens an OIDC inquiry carrying it, and sends the browser to via,
// where the user signs in through the same realize pipeline as every flow.
// prompt=none never shows a page: the browser's via session realizes the
// inquiry right here, or the relying party hears login_required /
// consent_required / interaction_required. An id_token_hint must be one of
// our ID tokens for this client; only the user it names may then sign in
// (OIDC Core §3.1.2.1): via does not offer another signed-in account, and
// with prompt=none a browser signed in as anybody else is login_required —
// never a silent answer about another user.
import { findAccountBySubject } from "@/db/queries/identity";
import { insertInquiry } from "@/db/queries/inquiries";
import { addSeconds } from "../clock";
import { newKey } from "../crypto/random-key";
import { isSudomimusError } from "../errors";
import { hashExposureKey, hashHiddenKey } from "../inquiry/keys";
import { INQUIRY_LIVES, INQUIRY_TTL_SECONDS } from "../inquiry/lifetimes";
import { toInquiry, type Inquiry } from "../inquiry/load-inquiry";
import type { Deps } from "../runtime";
import { currentBrowserSession } from "../via/browser-session";
import { realizeForBrowser } from "../via/outcome";
import {
  AuthorizePageError,
  AuthorizeRedirectError,
  identifyClient,
  storedRequest,
  validateRequest,
  type PageProblem,
  type TrustedClient,
} from "./authorization-request";
import { errorResponseUrl } from "./authorization-response";
import { verifyIdTokenHint } from "./id-token-hint";
import type { OAuthErrorCode } from "./errors";
import { oidcEndpoints } from "./issuer";

export type AuthorizeOutcome = { kind: "redirect"; location: string } | { kind: "page"; problem: PageProblem };

type AuthorizeDeps = Pick<Deps, "db" | "keyring" | "clock" | "cache" | "config">;

export async function authorize(deps: AuthorizeDeps, input: { params: URLSearchParams; browserSessionKey: string | null }): Promise<AuthorizeOutcome> {
  let trusted: TrustedClient;
  try {
    trusted = await identifyClient(deps.db, input.params);
  } catch (error) {
    if (error instanceof AuthorizePageError) return { kind: "page", problem: error.problem };
    throw error;
  }
  const answerError = (error: OAuthErrorCode, description: string): AuthorizeOutcome => ({
    kind: "redirect",
    location: errorResponseUrl(trusted.redirectUri, { error, description, state: trusted.state, issuer: oidcEndpoints(deps.config).issuer }),
  });
  try {
    const request = validateRequest(trusted, input.params);
    const hintText = input.params.get("id_token_hint");
    const hint = hintText ? await verifyIdTokenHint(deps, hintText) : null;
    if (hintText && hint?.clientId !== trusted.context.application.anchor) {
      return answerError("invalid_request", "id_token_hint is not an ID token this provider issued to this client.");
    }
    // A subject since rotated away (or an account erased) names nobody: no sign-in could ever answer this request.
    if (hint && !(await findAccountBySubject(deps.db, hint.sub, trusted.context.application.anchor))) {
      return answerError("login_required", "The user id_token_hint names can no longer sign in to this client.");
    }
    // Default-deny: with an empty layer nobody could ever finish signing in.
    if (trusted.context.rules.authentication.length === 0 || trusted.context.rules.realize.length === 0) {
      return answerError("unauthorized_client", "The application has no authentication or realize rules yet.");
    }
    const now = deps.clock.now();
    const exposureKey = newKey("exposure");
    const row = await insertInquiry(deps.db, {
      applicationId: trusted.context.application.id,
      purpose: "OIDC",
      exposureKeyHash: hashExposureKey(deps.keyring, exposureKey),
      // No backend holds a hidden key in this flow; the code exchange replaces /redeem.
      hiddenKeyHash: hashHiddenKey(deps.keyring, newKey("hidden")),
      livesRemaining: INQUIRY_LIVES,
      statusPollsRemaining: 0,
      context: { ...storedRequest(trusted, request, now, hint?.sub ?? null) },
      expiresAt: addSeconds(now, INQUIRY_TTL_SECONDS),
      createdAt: now,
    });
    const inquiry = toInquiry(row, exposureKey);
    if (request.prompt.includes("none")) return await silently(deps, inquiry, input.browserSessionKey, answerError);
    // The exposure key in the URL is the browser's half; no other key exists in this flow.
    return { kind: "redirect", location: `${deps.config.publicUrl}/via?exposure-key=${encodeURIComponent(exposureKey)}` };
  } catch (error) {
    if (error instanceof AuthorizeRedirectError) return answerError(error.error, error.description);
    throw error;
  }
}

/** prompt=none (OIDC Core §3.1.2.6): realize with the browser's session, or say what interaction would be needed. */
async function silently(
  deps: AuthorizeDeps,
  inquiry: Inquiry,
  browserSessionKey: string | null,
  answerError: (error: OAuthErrorCode, description: string) => AuthorizeOutcome,
): Promise<AuthorizeOutcome> {
  const session = await currentBrowserSession(deps, { sessionKey: browserSessionKey });
  if (!session) return answerError("login_required", "The user is not signed in.");
  let outcome;
  try {
    outcome = await realizeForBrowser(deps, inquiry, session);
  } catch (error) {
    if (!isSudomimusError(error) || error.status >= 500) throw error;
    // Too old for max_age, not the user id_token_hint names, a method or account this client does not accept…: signing in again might help.
    return answerError("login_required", error.publicMessage ?? "The user must sign in.");
  }
  if (outcome.next === "consent") {
    return outcome.ask.length > 0
      ? answerError("consent_required", "The user has not decided which claims to share with this client.")
      : answerError("interaction_required", "The user must supply profile data this client requires.");
  }
  if (outcome.next === "callback") return { kind: "redirect", location: outcome.redirectTo };
  // Forced SSO: only a round trip through the domain's IdP can sign this user in.
  if (outcome.next === "sso") return answerError("login_required", "The user must sign in with their organization's identity provider.");
  return answerError("server_error", "The sign-in could not be delivered.");
}
