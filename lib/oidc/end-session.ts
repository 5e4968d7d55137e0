// GET|POST /oidc/end-session (docs 33 step 5; OpenID Connect RP-Initiated
// Logout 1.0): the relying party signals that its user's session ends.
//   - id_token_hint: an ID token we issued (its expiry does not matter);
//     it names the client and the user.
//   - post_logout_redirect_uri: must equal one of the client's registered
//     URIs byte for byte; the browser goes there with `state`. Without one,
//     a "signed out" page is shown.
// The browser's via session ends too — only when the hint proves it is the
// same user (their sector subject), so a forged link cannot sign anyone out.
// Refresh tokens are NOT revoked (docs 33): that is Connect /logout's job.
import { loadApplicationContextByAnchor } from "../applications/application-context";
import { isLiveSectorSubjectOf } from "../identity/sector-subjects";
import type { Deps } from "../runtime";
import { oidcClientConfig } from "../rules";
import { currentBrowserSession, endBrowserSession } from "../via/browser-session";
import type { Browser } from "../via/browser";
import { verifyIdTokenHint, type IdTokenHint } from "./id-token-hint";
import { problemPagePath, SIGNED_OUT_PAGE_PATH, type OidcPageProblem } from "./problems";

export interface EndSessionOutcome {
  /** Where the browser goes: the RP's post-logout URI, our signed-out page, or our error page. */
  location: string;
  /** True when the via browser session was ended (the route clears its cookie). */
  browserSessionEnded: boolean;
}

type EndSessionDeps = Pick<Deps, "db" | "keyring" | "clock" | "cache" | "config">;

export async function endSession(deps: EndSessionDeps, input: { params: URLSearchParams; browserSessionKey: string | null }): Promise<EndSessionOutcome> {
  const page = (problem: OidcPageProblem): EndSessionOutcome => ({ location: `${deps.config.publicUrl}${problemPagePath(problem)}`, browserSessionEnded: false });
  const { params } = input;
  for (const name of new Set(params.keys())) if (params.getAll(name).length > 1) return page("duplicate-parameter");

  const hintText = params.get("id_token_hint");
  const hint = hintText ? await verifyIdTokenHint(deps, hintText) : null;
  if (hintText && !hint) return page("invalid-id-token-hint");
  const clientIdParam = params.get("client_id");
  if (hint && clientIdParam !== null && clientIdParam !== hint.clientId) return page("logout-client-mismatch");
  const clientId = clientIdParam ?? hint?.clientId ?? null;

  const postLogoutRedirectUri = params.get("post_logout_redirect_uri");
  let location = `${deps.config.publicUrl}${SIGNED_OUT_PAGE_PATH}`;
  let sectorId: string | null = null;
  if (clientId !== null) {
    const context = await loadApplicationContextByAnchor(deps.db, clientId);
    const client = context && context.application.enabled ? oidcClientConfig(context.rules.return) : null;
    if (!context || !client) return page("logout-client-unknown");
    sectorId = context.application.sectorId;
    if (postLogoutRedirectUri !== null) {
      if (!client.postLogoutRedirectUris.includes(postLogoutRedirectUri)) return page("post-logout-redirect-uri-mismatch");
      const url = new URL(postLogoutRedirectUri);
      const state = params.get("state");
      if (state !== null) url.searchParams.set("state", state);
      location = url.toString();
    }
  } else if (postLogoutRedirectUri !== null) {
    // A redirect target is only trusted once we know whose list to check it against.
    return page("logout-client-unknown");
  }

  const browserSessionEnded = hint !== null && sectorId !== null && (await endMatchingBrowserSession(deps, input.browserSessionKey, hint, sectorId));
  return { location, browserSessionEnded };
}

async function endMatchingBrowserSession(deps: EndSessionDeps, sessionKey: string | null, hint: IdTokenHint, sectorId: string): Promise<boolean> {
  const session = await currentBrowserSession(deps, { sessionKey });
  if (!session) return false;
  if (!(await isLiveSectorSubjectOf(deps.db, session.accountId, sectorId, hint.sub))) return false;
  const browser: Browser = { binding: "", sessionKey, locale: "", address: null, setCookies: [] };
  await endBrowserSession(deps, browser);
  return true;
}
