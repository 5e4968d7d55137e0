// The signed-in account for a portal page or server action — the glue between
// Next's cookie store and resolvePortalSession. Pages cannot set cookies, so
// an expired access token sends the browser through /with/session/refresh;
// server actions can, so they refresh in place.
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import type { AccountRow } from "@/db/queries/identity";
import { getDeps, type Runtime } from "../runtime";
import { refreshPortalSession, resolvePortalSession, type PortalState } from "./portal-session";

export interface PortalContext {
  deps: Runtime;
  account: AccountRow;
  /** The account's subject in the portal's own sector (what the portal's tokens carry). */
  subject: string;
}

async function currentState(): Promise<{ deps: Runtime; state: PortalState }> {
  const deps = await getDeps();
  const store = await cookies();
  const state = await resolvePortalSession(deps, { get: (name) => store.get(name)?.value ?? null });
  return { deps, state };
}

/**
 * The state for rendering: the layout and the page both ask, and React's
 * request-scoped cache lets the token check and the account lookup run once.
 * Server actions resolve afresh (currentState): they may change the account
 * or the cookie, and the render that follows them must see that.
 */
const renderState = cache(currentState);

/** For pages: the signed-in account, or a redirect that gets the browser one. `path` is where to come back to. */
export async function requirePortalAccount(path: string): Promise<PortalContext> {
  const { deps, state } = await renderState();
  const back = encodeURIComponent(path);
  switch (state.kind) {
    case "signed-in":
      return { deps, account: state.account, subject: state.subject };
    case "expired":
      redirect(`/with/session/refresh?return=${back}`);
    case "gone":
      redirect(`/with/session/end?reason=${state.reason}`);
    default:
      redirect(`/with/sign-in?return=${back}`);
  }
}

/** For the portal's front page: who is signed in, without redirecting anyone. */
export async function peekPortalAccount(): Promise<PortalState["kind"]> {
  return (await renderState()).state.kind;
}

/** For server actions: the signed-in account (refreshing an expired session in place), or null. */
export async function portalActionContext(): Promise<PortalContext | null> {
  let { deps, state } = await currentState();
  if (state.kind === "expired") {
    const refreshed = await refreshPortalSession(deps, state.session);
    applySetCookie(await cookies(), refreshed.cookie);
    state = refreshed.state;
  }
  return state.kind === "signed-in" ? { deps, account: state.account, subject: state.subject } : null;
}

type CookieStore = Awaited<ReturnType<typeof cookies>>;

/** Applies one Set-Cookie header line (as lib/http/cookies writes them) to Next's cookie store. */
function applySetCookie(store: CookieStore, header: string): void {
  const [pair, ...attributes] = header.split(";").map((part) => part.trim());
  const index = pair!.indexOf("=");
  const name = pair!.slice(0, index);
  const value = decodeURIComponent(pair!.slice(index + 1));
  const options: Parameters<CookieStore["set"]>[2] = { httpOnly: true };
  for (const attribute of attributes) {
    const [key, raw] = attribute.split("=");
    if (key === "Path") options.path = raw;
    else if (key === "Max-Age") options.maxAge = Number(raw);
    else if (key === "Secure") options.secure = true;
    else if (key === "SameSite") options.sameSite = raw === "Strict" ? "strict" : "lax";
  }
  store.set(name, value, options);
}
