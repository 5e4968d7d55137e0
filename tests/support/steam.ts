// Steering the Steam peer the server talks to (tests/fixtures/steam-peer.ts):
// minting Web API tickets for a SteamID64, and choosing who is "signed in to
// Steam" for the OpenID provider.
import crypto from "node:crypto";
import type { TicketBehaviour } from "../fixtures/steam-peer";

export function steamPeerUrl(): string {
  const url = process.env.TEST_STEAM_URL ?? "";
  if (!url) throw new Error("TEST_STEAM_URL is not set: run these tests through `npm test`.");
  return url;
}

/** A fresh, plausible SteamID64 (individual account range). */
export function newSteamId(): string {
  return (76561197960265728n + BigInt(crypto.randomInt(1, 2 ** 40))).toString();
}

export interface TicketSpec {
  steamId: string;
  appId?: number;
  /** The identity string the game asked GetAuthTicketForWebApi for (default "sudomimus"). */
  identity?: string;
  ownerSteamId?: string;
  behaviour?: TicketBehaviour;
}

/** What GetAuthTicketForWebApi would hand the game: hex ticket bytes the peer will recognize. */
export async function steamTicket(spec: TicketSpec, base = steamPeerUrl()): Promise<string> {
  const response = await fetch(`${base}/__admin/tickets`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(spec) });
  if (!response.ok) throw new Error(`steam peer: ${response.status}`);
  return ((await response.json()) as { ticketHex: string }).ticketHex;
}

/** What AuthenticateUserTicket received for a ticket (query parameters, one entry per call). */
export async function steamRequestsFor(ticketHex: string, base = steamPeerUrl()): Promise<Record<string, string>[]> {
  const response = await fetch(`${base}/__admin/requests?ticket=${encodeURIComponent(ticketHex)}`);
  return (await response.json()) as Record<string, string>[];
}

/** The Steam user the OpenID provider vouches for (null: the user cancels at Steam). */
export async function signInToSteamAs(steamId: string | null, base = steamPeerUrl()): Promise<void> {
  const response = await fetch(`${base}/__admin/openid-user`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ steamId }) });
  if (!response.ok) throw new Error(`steam peer: ${response.status}`);
}
