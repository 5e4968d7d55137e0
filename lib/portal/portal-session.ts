// Who is using the With portal. The portal is itself a Connect application
// (`sudomimus-with`): signing in runs a real Connect login through via and
// keeps the token pair in a sealed httpOnly cookie. The access token's
// `subject` is the user's sector subject in the portal's sector; it is
// resolved to the account here, on the server, on every request — the
// internal account id never reaches the browser. The session behind the token
// must still be alive too: a sign-out, a revoke-all or a family revoked for
// reuse ends the portal session at once, not at the access token's exp.
import { findAccountBySubject, type AccountRow } from "@/db/queries/identity";
import { isSudomimusError } from "../errors";
import { isSameOrigin } from "../http/same-origin";
import { ConnectApiError } from "../relying-party/connect-client";
import { BuiltInRelyingParty, type CookieSource, type RelyingPartyDeps, type RelyingPartySession } from "../relying-party/rp-session";
import type { Deps } from "../runtime";
import { introspect } from "../sessions/introspect";
import { PORTAL_ANCHOR } from "../seed";
import type { PortalStep } from "./portal-routes";

/** The portal reads its sessions' liveness straight from this server's database (as the With API does). */
export type PortalDeps = RelyingPartyDeps & Pick<Deps, "clock">;

export const portalRelyingParty = new BuiltInRelyingParty(PORTAL_ANCHOR, "/with", "with");

export type PortalState =
  | { kind: "signed-out" }
  /** The access token expired: refresh (route handler or server action), then resolve again. */
  | { kind: "expired"; session: RelyingPartySession }
  /** The session no longer names a usable account (deleted, disabled, subject rotated). */
  | { kind: "gone"; reason: "AccountDeleted" | "AccountDisabled" | "AccountNotFound" }
  | { kind: "signed-in"; account: AccountRow; subject: string; session: RelyingPartySession };

export async function resolvePortalSession(deps: PortalDeps, cookies: CookieSource): Promise<PortalState> {
  const session = portalRelyingParty.session(deps, cookies);
  if (!session) return { kind: "signed-out" };
  let subject: string;
  try {
    const client = await portalRelyingParty.client(deps);
    subject = (await client.verifyAccessToken(session.accessToken)).body.subject;
  } catch (error) {
    if (error instanceof ConnectApiError && error.reason === "TokenExpired") return { kind: "expired", session };
    // A token signed with a rotated-away key or otherwise unreadable: sign in again.
    return { kind: "signed-out" };
  }
  // A copied cookie must not outlive the session it came from (logout, revoke-all, reuse).
  if (!(await sessionAlive(deps, session.accessToken))) return { kind: "signed-out" };
  return resolveSubject(deps, subject, session);
}

async function sessionAlive(deps: PortalDeps, accessToken: string): Promise<boolean> {
  try {
    return (await introspect(deps, { accessToken })).status === "active";
  } catch (error) {
    // A token this server cannot read names no session; anything else (the database down) is not a sign-out.
    if (isSudomimusError(error)) return false;
    throw error;
  }
}

async function resolveSubject(deps: RelyingPartyDeps, subject: string, session: RelyingPartySession): Promise<PortalState> {
  // A retired subject (the user rotated the portal's own subject) finds no account: it ends the session like a sign-out.
  const account = await findAccountBySubject(deps.db, subject, PORTAL_ANCHOR);
  if (!account) return { kind: "gone", reason: "AccountNotFound" };
  if (account.status === "DELETED") return { kind: "gone", reason: "AccountDeleted" };
  if (account.status === "DISABLED") return { kind: "gone", reason: "AccountDisabled" };
  return { kind: "signed-in", account, subject, session };
}

/**
 * Refreshes an expired session. Returns the new cookie and state, or — when
 * Connect refuses (AccountDeleted, RefreshTokenExpired, a compromised
 * family…) — the cookie that clears the session and the reason.
 */
export async function refreshPortalSession(
  deps: RelyingPartyDeps,
  session: RelyingPartySession,
): Promise<{ cookie: string; state: PortalState; reason?: string }> {
  try {
    const refreshed = await portalRelyingParty.refresh(deps, session);
    const client = await portalRelyingParty.client(deps);
    const subject = (await client.verifyAccessToken(refreshed.session.accessToken)).body.subject;
    return { cookie: refreshed.cookie, state: await resolveSubject(deps, subject, refreshed.session) };
  } catch (error) {
    const reason = error instanceof ConnectApiError ? (error.reason ?? `HTTP${error.status}`) : "SessionEnded";
    return { cookie: portalRelyingParty.clearSession(deps), state: { kind: "signed-out" }, reason };
  }
}

const GONE_REASONS = new Set(["AccountDeleted", "AccountDisabled", "AccountNotFound"]);

/**
 * GET /with/session/end?reason=…: the session names an account that is gone
 * (deleted, disabled) — forget it and say why on the front page. Pages
 * redirect here, so it stays a GET; but from another site (Sec-Fetch-Site,
 * Origin) it forgets nothing, or any page could sign users out. The front page
 * still says why, and shows a gone session as signed out.
 */
export function endPortalSession(deps: RelyingPartyDeps, request: Request): PortalStep {
  const reason = new URL(request.url).searchParams.get("reason") ?? "";
  const location = GONE_REASONS.has(reason) ? `/with?ended=${reason}` : "/with";
  if (!isSameOrigin(request, deps.config.publicUrl)) return { location, cookies: [] };
  return { location, cookies: [portalRelyingParty.clearSession(deps)] };
}

/** Only same-site portal paths may be returned to after sign-in (no open redirect). */
export function safePortalPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/with") || value.startsWith("//") || /[\\\s]/.test(value)) return "/with";
  if (value !== "/with" && !value.startsWith("/with/") && !value.startsWith("/with?")) return "/with";
  return value;
}
