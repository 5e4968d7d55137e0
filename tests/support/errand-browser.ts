// A browser's view of the errand page without a browser: a cookie jar for
// via, the JSON calls the page makes, and plain navigations that follow
// redirects (to the Steam peer and back) the way a browser would. The page
// itself is exercised in Chromium by tests/e2e/native-errand.test.ts.
import { requireServer } from "./env";
import { codeFor } from "./mailbox";

export class ErrandBrowser {
  private cookies = new Map<string, string>();

  private remember(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(";");
      const index = pair!.indexOf("=");
      const name = pair!.slice(0, index);
      if (/Max-Age=0/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, pair!.slice(index + 1));
    }
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  async call<T = Record<string, unknown>>(path: string, body: unknown): Promise<{ status: number; body: T }> {
    const base = requireServer();
    const response = await fetch(`${base}/via/api/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: new URL(base).origin, cookie: this.cookieHeader() },
      body: JSON.stringify(body),
    });
    this.remember(response);
    return { status: response.status, body: (await response.json()) as T };
  }

  /** Navigates, following redirects; cookies go only to the server under test. Returns the final URL and page. */
  async navigate(url: string): Promise<{ url: URL; status: number; html: string }> {
    const server = new URL(requireServer()).origin;
    let current = new URL(url);
    for (let hop = 0; hop < 10; hop++) {
      const response = await fetch(current, { redirect: "manual", headers: current.origin === server ? { cookie: this.cookieHeader() } : {} });
      if (current.origin === server) this.remember(response);
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && location) {
        current = new URL(location, current);
        continue;
      }
      return { url: current, status: response.status, html: await response.text() };
    }
    throw new Error("too many redirects");
  }

  /** Email-code sign-in on the errand page, as the errand's account. */
  async signInByEmail(errandKey: string, email: string, nthMail = 1) {
    const started = await this.call<{ challengeId: string }>("errand/email/start", { errandKey, purpose: "sign-in", email });
    if (started.status !== 200) throw new Error(`errand/email/start: ${started.status} ${JSON.stringify(started.body)}`);
    const { code } = await codeFor(email, nthMail);
    return this.call("errand/email/verify", { errandKey, challengeId: started.body.challengeId, code });
  }

  /** Adds and verifies an email on the errand page (signed in). */
  async addEmail(errandKey: string, email: string, nthMail = 1) {
    const started = await this.call<{ challengeId: string }>("errand/email/start", { errandKey, purpose: "add-email", email });
    if (started.status !== 200) throw new Error(`errand/email/start: ${started.status} ${JSON.stringify(started.body)}`);
    const { code } = await codeFor(email, nthMail);
    return this.call("errand/email/verify", { errandKey, challengeId: started.body.challengeId, code });
  }
}
