// Steam's ticket verification (Steamworks Web API
// `ISteamUserAuth/AuthenticateUserTicket/v1`), as docs 32 and native.yaml
// describe it: the ticket of `GetAuthTicketForWebApi("sudomimus")`, the App ID
// it was issued for, and the identity string, which must be exactly
// "sudomimus". Steam answers `response.params` (OK + the SteamID64) or
// `response.error`; anything else — unreachable, timed out, not JSON, an
// unexpected shape, a refused Web API key — is Steam being unavailable.
import { SudomimusError } from "../errors";
import type { Deps } from "../runtime";
import { STEAM_ID64_PATTERN } from "../identity/steam-identity";

export const STEAM_TICKET_IDENTITY = "sudomimus";
export const STEAM_TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 64 * 1024;

export type SteamTicketVerdict =
  | { ok: true; steamId64: string; ownerSteamId64: string | null; vacBanned: boolean; publisherBanned: boolean }
  | { ok: false; errorCode: number | null; errorDescription: string };

const unavailable = (detail: string, cause?: unknown) =>
  new SudomimusError("SteamUnavailable", { message: "Steam's ticket verification could not be reached; try again shortly.", detail, cause });

export async function authenticateUserTicket(
  deps: Pick<Deps, "config" | "fetch">,
  input: { appId: number; ticketHex: string },
  options: { timeoutMs?: number } = {},
): Promise<SteamTicketVerdict> {
  const { webApiUrl, webApiKey } = deps.config.steam;
  if (!webApiKey) throw unavailable("STEAM_WEB_API_KEY is not configured");
  const url = new URL(`${webApiUrl}/ISteamUserAuth/AuthenticateUserTicket/v1/`);
  url.search = new URLSearchParams({ key: webApiKey, appid: String(input.appId), ticket: input.ticketHex, identity: STEAM_TICKET_IDENTITY }).toString();

  let status: number;
  let text: string;
  try {
    const response = await deps.fetch(url, {
      method: "GET",
      headers: { accept: "application/json" },
      redirect: "error",
      signal: AbortSignal.timeout(options.timeoutMs ?? STEAM_TIMEOUT_MS),
    });
    status = response.status;
    text = await response.text();
  } catch (error) {
    throw unavailable(`AuthenticateUserTicket request failed: ${error instanceof Error ? error.name : "error"}`, error);
  }
  if (text.length > MAX_RESPONSE_BYTES) throw unavailable(`AuthenticateUserTicket answered ${text.length} bytes`);
  return readVerdict(status, text);
}

/** Exported for tests: Steam's answer → verdict, or SteamUnavailable. */
export function readVerdict(status: number, text: string): SteamTicketVerdict {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw unavailable(`AuthenticateUserTicket answered ${status} with a body that is not JSON`);
  }
  const response = record(record(body)?.response);
  const error = record(response?.error);
  // Steam reports a bad ticket, a ticket of another App ID or identity, as `error` — sometimes with a non-200 status.
  if (error) {
    const code = typeof error.errorcode === "number" ? error.errorcode : null;
    return { ok: false, errorCode: code, errorDescription: typeof error.errordesc === "string" ? error.errordesc : "" };
  }
  const params = record(response?.params);
  if (status !== 200 || !params) throw unavailable(`AuthenticateUserTicket answered ${status} without params`);
  if (params.result !== "OK") return { ok: false, errorCode: null, errorDescription: `result ${String(params.result)}` };
  const steamId = params.steamid;
  if (typeof steamId !== "string" || !STEAM_ID64_PATTERN.test(steamId)) throw unavailable("AuthenticateUserTicket answered OK without a SteamID64");
  const owner = typeof params.ownersteamid === "string" && STEAM_ID64_PATTERN.test(params.ownersteamid) ? params.ownersteamid : null;
  return { ok: true, steamId64: steamId, ownerSteamId64: owner, vacBanned: params.vacbanned === true, publisherBanned: params.publisherbanned === true };
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
