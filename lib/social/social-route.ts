// The consumer sign-in round trip's two browser navigations as route handlers
// (app/(via)/via/social/start, …/oauth/<provider>/callback).
import { browserRedirectRoute } from "../via/redirect-route";
import { signInPageUrl } from "../via/upstream-notice";
import { finishSocialSignIn, startSocialSignIn } from "./social-sign-in";

/** A refused start goes back to the sign-in page (which offers what is allowed); a stray callback to /via. */
export function socialStartRoute() {
  return browserRedirectRoute(
    (deps, browser, url) => startSocialSignIn(deps, browser, { exposureKey: url.searchParams.get("exposure-key") ?? "", provider: url.searchParams.get("provider") ?? "" }),
    (deps, url) => signInPageUrl(deps, url.searchParams.get("exposure-key") ?? "", { provider: url.searchParams.get("provider") ?? "", why: "unavailable" }),
  );
}

export function socialCallbackRoute(provider: string) {
  return browserRedirectRoute(
    (deps, browser, url) => finishSocialSignIn(deps, browser, provider, url),
    (deps) => `${deps.config.publicUrl}/via`,
  );
}
