// /demo: a relying party built into the server, doing exactly what an
// integrator's backend does — establish (signed with demo-app's client-auth
// key), send the browser to via, take the callback, redeem, verify the access
// token with the key from /info, refresh, introspect, log out.
import { fail } from "../errors";
import { BuiltInRelyingParty, type CookieSource, type RelyingPartyDeps, type RelyingPartySession } from "../relying-party/rp-session";
import type { VerifiedAccessToken } from "../relying-party/connect-client";
import type { Deps } from "../runtime";
import { DEMO_ANCHOR } from "../seed";

export type { CookieSource };

export const demoRelyingParty = new BuiltInRelyingParty(DEMO_ANCHOR, "/demo", "demo");

export const demoCallbackUrl = (deps: Pick<Deps, "config">) => demoRelyingParty.callbackUrl(deps);

export const startDemoLogin = (deps: RelyingPartyDeps) => demoRelyingParty.start(deps);

export async function finishDemoLogin(deps: RelyingPartyDeps, cookies: CookieSource, query: URLSearchParams): Promise<string[]> {
  return (await demoRelyingParty.finish(deps, cookies, query)).cookies;
}

export interface DemoView {
  session: RelyingPartySession;
  verified: VerifiedAccessToken | null;
  verificationError: string | null;
  refreshHeader: Record<string, unknown>;
}

export async function demoView(deps: RelyingPartyDeps, cookies: CookieSource): Promise<DemoView | null> {
  const session = demoRelyingParty.session(deps, cookies);
  if (!session) return null;
  const client = await demoRelyingParty.client(deps);
  let verified: VerifiedAccessToken | null = null;
  let verificationError: string | null = null;
  try {
    verified = await client.verifyAccessToken(session.accessToken);
  } catch (error) {
    verificationError = error instanceof Error ? error.message : String(error);
  }
  const refreshHeader = JSON.parse(Buffer.from(session.refreshToken.split(".")[0] ?? "", "base64url").toString() || "{}") as Record<string, unknown>;
  return { session, verified, verificationError, refreshHeader };
}

export async function refreshDemoSession(deps: RelyingPartyDeps, cookies: CookieSource): Promise<string> {
  const session = demoRelyingParty.session(deps, cookies);
  if (!session) fail("InvalidRequest", { message: "Not signed in to the demo." });
  return (await demoRelyingParty.refresh(deps, session)).cookie;
}

export async function introspectDemoSession(deps: RelyingPartyDeps, cookies: CookieSource): Promise<string | null> {
  const session = demoRelyingParty.session(deps, cookies);
  if (!session) return null;
  const client = await demoRelyingParty.client(deps);
  return (await client.introspect(session.accessToken)).status;
}

export const signOutOfDemo = (deps: RelyingPartyDeps, cookies: CookieSource) => demoRelyingParty.signOut(deps, cookies);
