// A browser's view of via without a browser: a cookie jar and the JSON calls
// the sign-in page makes. Used to realize inquiries by email code in API
// tests; the page itself is exercised in Chromium by the e2e suites.
import { codeFor } from "./mailbox";
import { requireServer } from "./env";

export class ViaClient {
  private cookies = new Map<string, string>();

  /** This browser's cookies as a Cookie header, for pages and endpoints outside /via/api (e.g. /oidc/authorize). */
  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  async call<T = Record<string, unknown>>(path: string, body: unknown): Promise<{ status: number; body: T }> {
    const base = requireServer();
    const response = await fetch(`${base}/via/api/${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: new URL(base).origin,
        cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; "),
      },
      body: JSON.stringify(body),
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(";");
      const index = pair!.indexOf("=");
      const name = pair!.slice(0, index);
      const value = pair!.slice(index + 1);
      if (/Max-Age=0/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: response.status, body: (await response.json()) as T };
  }

  /** Email-code sign-in (registering the address if new); returns the verify answer. */
  async signInByEmail(exposureKey: string, email: string, nthMail = 1) {
    const started = await this.call<{ challengeId: string }>("email/start", { exposureKey, email });
    if (started.status !== 200) throw new Error(`email/start: ${started.status} ${JSON.stringify(started.body)}`);
    const { code } = await codeFor(email, nthMail);
    return this.call<Record<string, unknown>>("email/verify", { exposureKey, challengeId: started.body.challengeId, code });
  }

  /** Signs in and grants every claim asked for; returns the final outcome. */
  async realize(exposureKey: string, email: string, nthMail = 1, profile?: { firstName?: string; lastName?: string }) {
    let outcome = await this.signInByEmail(exposureKey, email, nthMail);
    if (outcome.status === 200 && outcome.body.next === "consent") {
      outcome = await this.call("consent", { exposureKey, decisions: { email: true, firstName: true, lastName: true }, ...(profile ? { profile } : {}) });
    }
    return outcome;
  }
}
