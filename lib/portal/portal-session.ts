// Who is using the With portal. The portal is itself a Connect application
// (`sudomimus-with`): signing in runs a real Connect login through via and
// keeps the token pair in a sealed httpOnly cookie. The access token's
// `subject` is the user's sector subject in the portal's sector; it is
// resolved to the account here, on the server, on every request — the
// internal account id never reaches the browser.
import { findAccountBySubject, type AccountRow } from "@/db/queries/identity";
import { ConnectApiError } from "../relying-party/connect-client";
import { BuiltInRelyingParty, type CookieSource, type RelyingPartyDeps, type RelyingPartySession } from "../relying-party/rp-session";
import { PORTAL_ANCHOR } from "../seed";

export const portalRelyingParty = new BuiltInRelyingParty(PORTAL_ANCHOR, "/with", "with");

export type PortalState =
  | { kind: "signed-out" }
  /** The access token expired: refresh (route handler or server action), then resolve again. */
  | { kind: "expired"; session: RelyingPartySession }
  /** The session no longer names a usable account (deleted, disabled, subject rotated). */
  | { kind: "gone"; reason: "AccountDeleted" | "AccountDisabled" | "AccountNotFound" }
  | { kind: "signed-in"; account: AccountRow; subject: string; session: RelyingPartySession };

export async function resolvePortalSession(deps: RelyingPartyDeps, cookies: CookieSource): Promise<PortalState> {
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
  return resolveSubject(deps, subject, session);
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

/** Only same-site portal paths may be returned to after sign-in (no open redirect). */
export function safePortalPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/with") || value.startsWith("//") || /[\\\s]/.test(value)) return "/with";
  if (value !== "/with" && !value.startsWith("/with/") && !value.startsWith("/with?")) return "/with";
  return value;
}
