// The portal's caller as via sees this browser, for server actions: via's
// browser binding (it ties passkey challenges and email codes to the browser
// that asked for them) and via's session on this browser (a recent sign-in
// there is what adding a way in, erasing the account, or a new application
// credential requires).
import { cookies } from "next/headers";
import type { ActingBrowser } from "../via/browser-session";
import { randomHex } from "../crypto/random-key";
import { BINDING_COOKIE, SESSION_COOKIE } from "../via/browser";

/** via's browser binding; a browser without one (cookie cleared) gets a fresh one. */
export async function browserBinding(secure: boolean): Promise<string> {
  const store = await cookies();
  const existing = store.get(BINDING_COOKIE)?.value;
  if (existing && /^[0-9a-f]{64}$/.test(existing)) return existing;
  const binding = randomHex(32);
  store.set(BINDING_COOKIE, binding, { path: "/", httpOnly: true, sameSite: "lax", secure, maxAge: 400 * 24 * 3600 });
  return binding;
}

export async function actingBrowser(deps: { config: { secure: boolean } }, accountId: string): Promise<ActingBrowser> {
  const binding = await browserBinding(deps.config.secure);
  return { accountId, binding, sessionKey: (await cookies()).get(SESSION_COOKIE)?.value ?? null };
}
