// `sudomimus login` (docs 03, 19–20): the device authorization flow against
// the portal's own application. The CLI never holds a client-auth key: it
// asks device-api for a code, the user signs in and approves in the browser,
// and the CLI receives a token pair only after that approval. (It imports
// the server's wire types only: nothing of the server runs in it.)
import { spawn } from "node:child_process";
import { ApiError, callJson } from "./api";
import type { DeviceAuthorizeResult } from "../device/authorize";
import type { Endpoints } from "./args";

export interface LoginIo {
  say(line: string): void;
  sleep(ms: number): Promise<void>;
  /** Opens a URL in the user's browser; false when none could be started. */
  open?(url: string): boolean;
}

/** The system's way to open a URL (no shell: the URL is one argument). */
export function openInBrowser(url: string): boolean {
  const [command, args] =
    process.platform === "darwin" ? ["open", [url]] : process.platform === "win32" ? ["rundll32", ["url.dll,FileProtocolHandler", url]] : ["xdg-open", [url]];
  try {
    const child = spawn(command, args, { stdio: "ignore", detached: true });
    child.on("error", () => {});
    child.unref();
    return true;
  } catch {
    return false;
  }
}

export async function deviceLogin(endpoints: Endpoints, applicationAnchor: string, io: LoginIo): Promise<{ accessToken: string; refreshToken: string }> {
  const started = await callJson<DeviceAuthorizeResult>(`${endpoints.deviceApi}/device-authorize`, { body: { applicationAnchor } });
  io.say("To sign in, open this page in a browser:");
  io.say("");
  io.say(`  ${started.verificationUriComplete}`);
  io.say("");
  io.say(`and check that it shows the code ${started.userCode}.`);
  if (io.open && /^https?:\/\//.test(started.verificationUriComplete) && io.open(started.verificationUriComplete)) io.say("(Opening your browser.)");
  io.say(`Waiting for approval… the code expires in ${Math.round(started.expiresIn / 60)} minutes.`);

  let interval = started.interval;
  const deadline = Date.now() + started.expiresIn * 1000;
  for (;;) {
    await io.sleep(interval * 1000);
    try {
      const { accessToken, refreshToken } = await callJson<{ accessToken: string; refreshToken: string }>(`${endpoints.deviceApi}/device-token`, { body: { deviceCode: started.deviceCode } });
      return { accessToken, refreshToken };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === "authorization_pending" && Date.now() < deadline + interval * 1000) continue;
      // RFC 8628 §3.5: slow down by the interval the server names, else by five seconds.
      if (error.code === "slow_down") {
        interval = typeof error.body.interval === "number" ? error.body.interval : interval + 5;
        continue;
      }
      if (error.code === "access_denied") throw new Error("The request was denied in the browser. Nothing was signed in.");
      if (error.code === "expired_token" || error.code === "authorization_pending") throw new Error("The code expired before it was approved. Run `sudomimus login` again.");
      throw error;
    }
  }
}
