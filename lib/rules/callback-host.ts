// CALLBACK hostname allowlisting. Only the origin's host is compared —
// Sudomimus does not own the application's URL layout — but it is compared
// exactly: no subdomain implication, no substring search, and always on the
// hostname the URL parser resolves, so look-alikes such as
// `https://client.example.com@attacker.com/` or
// `https://attacker.com/?redirect=client.example.com` land on attacker.com.
import type { ReturnRuleInput } from "./return-schemas";
import { isHttpUrl, parseAbsoluteUrl } from "./url-checks";

/** The hostname a browser would be sent to, or null if the URL is unusable as a callback. */
export function callbackHostname(callbackUrl: string): string | null {
  const url = parseAbsoluteUrl(callbackUrl);
  if (url === null || !isHttpUrl(url)) return null;
  // Credentials in a redirect target have no legitimate use.
  if (url.username !== "" || url.password !== "") return null;
  return url.hostname.toLowerCase();
}

/** The CALLBACK rules whose allowed domains include the URL's hostname. */
export function callbackRulesFor<R extends ReturnRuleInput>(appReturnRules: readonly R[], callbackUrl: string): R[] {
  const host = callbackHostname(callbackUrl);
  if (host === null) return [];
  const allowsHost = (rule: ReturnRuleInput) =>
    rule.returnMethod === "CALLBACK" && rule.payload.allowedCallbackDomains.some((domain) => domain.toLowerCase() === host);
  return appReturnRules.filter(allowsHost);
}

/** Whether some CALLBACK rule allows the URL's hostname (exact, case-insensitive). */
export function callbackHostAllowed(appReturnRules: readonly ReturnRuleInput[], callbackUrl: string): boolean {
  return callbackRulesFor(appReturnRules, callbackUrl).length > 0;
}
