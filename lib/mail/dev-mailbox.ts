// Who may read the development mailbox (/via/dev/mailbox): it shows every
// recent sign-in code, so reading it is signing in as anyone. It is there
// only when SUDOMIMUS_DEV_MAILBOX is on, and then only for this machine: the
// peer must be loopback (the server listens on every interface, so the LAN
// reaches it too) and the Host header must name PUBLIC_URL's host (a foreign
// page's script that DNS-rebinds its own name to 127.0.0.1 sends that name).
import type { Config } from "../config";
import { isLoopbackRequest } from "../http/client-address";

export function mayReadDevMailbox(headers: Pick<Headers, "get">, config: Pick<Config, "devMailbox" | "publicUrl">): boolean {
  if (!config.devMailbox || !isLoopbackRequest(headers)) return false;
  return hostnameOf(headers.get("host")) === new URL(config.publicUrl).hostname;
}

/** The hostname of a Host header (`localhost:3000`, `[::1]:3000`), or null when it is not one. */
function hostnameOf(host: string | null): string | null {
  if (!host || /[/?#@\\\s]/.test(host)) return null;
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return null;
  }
}
