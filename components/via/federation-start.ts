// Leaving for an IdP is a full navigation (the IdP's page, then back to the
// sign-in page signed in): "Sign in with <IdP>" and forced SSO's
// "Continue with <IdP>" both go through /via/federation/start.
export function leaveForIdp(exposureKey: string, connectorAnchor: string, loginHint: string | null = null): void {
  const query = new URLSearchParams({ "exposure-key": exposureKey, connector: connectorAnchor });
  // The typed address: start checks its domain, and the IdP need not ask for it again.
  if (loginHint) query.set("login-hint", loginHint);
  window.location.assign(`/via/federation/start?${query}`);
}

/** "Continue with Google/…": through /via/social/start. */
export function leaveForSocialProvider(exposureKey: string, provider: string): void {
  window.location.assign(`/via/social/start?${new URLSearchParams({ "exposure-key": exposureKey, provider })}`);
}
