// State-changing browser endpoints refuse cross-site requests. SameSite=Lax
// cookies already keep a foreign site's POST from carrying our session; this
// check makes a forged request fail loudly even in browsers that ignore it.
import { SudomimusError } from "../errors";

export function assertSameOrigin(request: Request, publicUrl: string): void {
  const expected = new URL(publicUrl).origin;
  const origin = request.headers.get("origin");
  const site = request.headers.get("sec-fetch-site");
  if (origin && origin !== "null" && origin !== expected) {
    throw new SudomimusError("Forbidden", { message: "Cross-origin requests are not accepted." });
  }
  if (site && site !== "same-origin" && site !== "none") {
    throw new SudomimusError("Forbidden", { message: "Cross-site requests are not accepted." });
  }
}
