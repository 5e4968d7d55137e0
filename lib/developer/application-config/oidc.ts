// The OIDC tab: the provider's endpoints for this client, the merged OIDC
// client view of its rules, and the client secret (generate / rotate, shown
// once, stored as a keyed hash by lib/oidc/client-secret).
import { listEnabledRules } from "@/db/queries/applications";
import { toApplicationRules } from "@/lib/applications/application-context";
import { oidcEndpoints } from "@/lib/oidc/issuer";
import { setOidcClientSecret } from "@/lib/oidc/client-secret";
import { oidcClientConfig } from "@/lib/rules/oidc-client-config";
import type { Deps } from "@/lib/runtime";
import { confirmRecentSignIn, type ActingBrowser } from "@/lib/via/browser-session";
import { applicationFor } from "../access";

export async function loadOidcView(deps: Pick<Deps, "db" | "config">, application: { id: string; anchor: string; oidcClientSecretHash: string | null; oidcClientSecretRotatedAt: Date | null }) {
  const rules = toApplicationRules(await listEnabledRules(deps.db, application.id));
  const endpoints = oidcEndpoints(deps.config);
  return {
    issuer: endpoints.issuer,
    discovery: endpoints.discovery,
    clientId: application.anchor,
    client: oidcClientConfig(rules.return),
    hasSecret: application.oidcClientSecretHash !== null,
    secretRotatedAt: application.oidcClientSecretRotatedAt,
  };
}

/** A new client secret, shown once: it replaces the old one at once, so it needs a recent sign-in too. */
export async function rotateClientSecret(deps: Pick<Deps, "db" | "keyring" | "clock">, who: ActingBrowser, anchor: string): Promise<{ clientSecret: string }> {
  await applicationFor(deps.db, who.accountId, anchor, "editApplications");
  await confirmRecentSignIn(deps, who);
  const { clientSecret } = await setOidcClientSecret(deps, anchor);
  return { clientSecret };
}
