// Using or leaving the browser session on via.
import { fail } from "../errors";
import type { Deps } from "../runtime";
import type { Browser } from "./browser";
import { currentBrowserSession, endBrowserSession } from "./browser-session";
import { realizeForBrowser, type ViaOutcome } from "./outcome";
import { pendingInquiry } from "./pending-inquiry";

/** Realizes the inquiry as whoever is signed in to this browser (Layer 1 decides whether their method still counts). */
export async function continueAsSignedIn(
  deps: Pick<Deps, "db" | "keyring" | "clock" | "cache" | "config">,
  browser: Browser,
  input: { exposureKey: string },
): Promise<ViaOutcome> {
  const { inquiry } = await pendingInquiry(deps, input.exposureKey);
  const session = await currentBrowserSession(deps, browser);
  if (!session) fail("SignInRequired", { message: "Sign in to continue." });
  return realizeForBrowser(deps, inquiry, session);
}

export async function signOut(deps: Pick<Deps, "db" | "keyring" | "clock">, browser: Browser): Promise<void> {
  await endBrowserSession(deps, browser);
}
