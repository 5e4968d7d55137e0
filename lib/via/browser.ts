// The browser as via knows it: a binding (a random id in an httpOnly cookie
// that ties codes and passkey challenges to the browser that asked for them)
// and, once someone signed in, a browser session (so the next inquiry from
// the same browser does not ask again). Route handlers read and write the
// cookies; lib code sees only these values.
import { newKey, randomHex } from "../crypto/random-key";
import { knownClientAddress } from "../http/client-address";
import { clearCookie, readCookie, serializeCookie } from "../http/cookies";
import type { Config } from "../config";

export const BINDING_COOKIE = "via_binding";
export const SESSION_COOKIE = "via_session";
export const BROWSER_SESSION_TTL_SECONDS = 14 * 24 * 3600;

export interface Browser {
  binding: string;
  /** The raw browser-session key from the cookie, if any (validated later). */
  sessionKey: string | null;
  /** The browser's preferred locale for mail (BCP 47). */
  locale: string;
  /** The network address it reached us from (lib/http/client-address.ts), for per-address limits; null when unknown. */
  address: string | null;
  /** Set-Cookie headers the response must carry. */
  setCookies: string[];
}

export function browserFromRequest(request: Request, config: Pick<Config, "secure">, locale: string): Browser {
  const setCookies: string[] = [];
  let binding = readCookie(request, BINDING_COOKIE);
  if (!binding || !/^[0-9a-f]{64}$/.test(binding)) {
    binding = randomHex(32);
    setCookies.push(serializeCookie(BINDING_COOKIE, binding, { path: "/", secure: config.secure, maxAgeSeconds: 400 * 24 * 3600 }));
  }
  return { binding, sessionKey: readCookie(request, SESSION_COOKIE), locale, address: knownClientAddress(request), setCookies };
}

export function newBrowserSessionKey(): string {
  return newKey("browserSession");
}

export function sessionCookie(key: string, config: Pick<Config, "secure">): string {
  return serializeCookie(SESSION_COOKIE, key, { path: "/", secure: config.secure, maxAgeSeconds: BROWSER_SESSION_TTL_SECONDS });
}

export function clearSessionCookie(config: Pick<Config, "secure">): string {
  return clearCookie(SESSION_COOKIE, { path: "/", secure: config.secure });
}
