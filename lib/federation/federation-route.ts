// The federation round trip's two browser navigations as route handlers
// (app/(via)/via/federation/start, …/oauth/enterprise-federation/callback).
import { browserRedirectRoute } from "../via/redirect-route";
import { federationPageUrl, finishFederatedSignIn, startFederatedSignIn } from "./federated-sign-in";

/** The two navigations as route handlers; a refused start goes back to the sign-in page, which says why. */
export function federationRoute(step: "start" | "callback") {
  return browserRedirectRoute(
    (deps, browser, url) =>
      step === "start"
        ? startFederatedSignIn(deps, browser, {
            exposureKey: url.searchParams.get("exposure-key") ?? "",
            connectorAnchor: url.searchParams.get("connector") ?? "",
            loginHint: url.searchParams.get("login-hint"),
          })
        : finishFederatedSignIn(deps, browser, url),
    (deps, url) => (step === "start" ? federationPageUrl(deps, url.searchParams.get("exposure-key") ?? "", "unavailable") : `${deps.config.publicUrl}/via`),
  );
}
