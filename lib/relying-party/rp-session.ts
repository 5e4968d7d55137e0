// The browser side of a built-in relying party (/demo, the With portal): what
// an integrator's backend keeps in its own session store, kept here in sealed
// httpOnly cookies scoped to the relying party's path. Start a login
// (establish, remember the hidden key for this browser), finish it on the
// callback (the exposure key must be the one this browser started with;
// redeem), keep the tokens, refresh them, log out.
import { fail } from "../errors";
import { clearCookie, serializeCookie } from "../http/cookies";
import { seal, unseal } from "../crypto/seal";
import type { Deps } from "../runtime";
import { builtInConnectClient } from "./built-in";
import type { ConnectClient, TokenPair } from "./connect-client";

export type RelyingPartyDeps = Pick<Deps, "db" | "keyring" | "config" | "cache">;

/** Where cookies come from: a route handler's request or a page's cookie store. */
export interface CookieSource {
  get(name: string): string | null;
}

export interface RelyingPartySession extends TokenPair {
  refreshedAt?: string;
}

interface Pending {
  exposureKey: string;
  hiddenKey: string;
  returnTo?: string;
}

export class BuiltInRelyingParty {
  private readonly pendingCookie: string;
  private readonly sessionCookie: string;

  constructor(
    readonly applicationAnchor: string,
    /** Cookie path and URL prefix of the relying party, e.g. "/demo". */
    readonly path: string,
    cookiePrefix: string,
  ) {
    this.pendingCookie = `${cookiePrefix}_pending`;
    this.sessionCookie = `${cookiePrefix}_session`;
  }

  client(deps: RelyingPartyDeps): Promise<ConnectClient> {
    return builtInConnectClient(deps, this.applicationAnchor);
  }

  callbackUrl(deps: Pick<Deps, "config">): string {
    return `${deps.config.publicUrl}${this.path}/callback`;
  }

  private read<T>(deps: RelyingPartyDeps, cookies: CookieSource, name: string): T | null {
    const value = cookies.get(name);
    if (!value) return null;
    try {
      return JSON.parse(unseal(deps.keyring, value, `rp-cookie:${name}`)) as T;
    } catch {
      return null;
    }
  }

  private write(deps: RelyingPartyDeps, name: string, value: unknown): string {
    return serializeCookie(name, seal(deps.keyring, JSON.stringify(value), `rp-cookie:${name}`), { path: this.path, secure: deps.config.secure });
  }

  /** Establishes an inquiry; returns the via URL and the cookie holding the hidden key. */
  async start(deps: RelyingPartyDeps, returnTo?: string): Promise<{ location: string; cookie: string }> {
    const client = await this.client(deps);
    const inquiry = await client.establish({ returnMethods: [{ type: "CALLBACK", payload: { callbackUrl: this.callbackUrl(deps) } }] });
    const location = `${deps.config.publicUrl}/via?exposure-key=${encodeURIComponent(inquiry.exposureKey)}`;
    const pending: Pending = { exposureKey: inquiry.exposureKey, hiddenKey: inquiry.hiddenKey, returnTo };
    return { location, cookie: this.write(deps, this.pendingCookie, pending) };
  }

  /** The callback: redeem the three keys and keep the tokens; `returnTo` is what start() was given. */
  async finish(deps: RelyingPartyDeps, cookies: CookieSource, query: URLSearchParams): Promise<{ cookies: string[]; returnTo?: string; tokens: TokenPair }> {
    const pending = this.read<Pending>(deps, cookies, this.pendingCookie);
    const exposureKey = query.get("exposure-key");
    const confirmationKey = query.get("confirmation-key");
    if (!pending || !exposureKey || !confirmationKey || pending.exposureKey !== exposureKey) {
      fail("InvalidRequest", { message: "This sign-in was not started in this browser; start again." });
    }
    const client = await this.client(deps);
    const tokens = await client.redeem({ exposureKey, hiddenKey: pending.hiddenKey, confirmationKey });
    await client.verifyAccessToken(tokens.accessToken);
    // A new sign-in replaces the browser's session: the old refresh token is logged out, not left live and forgotten.
    const replaced = this.session(deps, cookies);
    if (replaced) await client.logout(replaced.refreshToken).catch(() => undefined);
    return {
      cookies: [clearCookie(this.pendingCookie, { path: this.path, secure: deps.config.secure }), this.write(deps, this.sessionCookie, tokens)],
      returnTo: pending.returnTo,
      tokens,
    };
  }

  session(deps: RelyingPartyDeps, cookies: CookieSource): RelyingPartySession | null {
    return this.read<RelyingPartySession>(deps, cookies, this.sessionCookie);
  }

  /** Strict rotation: the new pair replaces the old one in the cookie. */
  async refresh(deps: RelyingPartyDeps, session: RelyingPartySession): Promise<{ cookie: string; session: RelyingPartySession }> {
    const client = await this.client(deps);
    const tokens = await client.refresh(session.refreshToken);
    const next = { ...tokens, refreshedAt: new Date().toISOString() };
    return { cookie: this.write(deps, this.sessionCookie, next), session: next };
  }

  /** Logs the refresh token out (best effort) and clears the cookie. */
  async signOut(deps: RelyingPartyDeps, cookies: CookieSource): Promise<string> {
    const session = this.session(deps, cookies);
    if (session) {
      const client = await this.client(deps);
      await client.logout(session.refreshToken).catch(() => undefined);
    }
    return this.clearSession(deps);
  }

  clearSession(deps: RelyingPartyDeps): string {
    return clearCookie(this.sessionCookie, { path: this.path, secure: deps.config.secure });
  }

  get sessionCookieName(): string {
    return this.sessionCookie;
  }
}
