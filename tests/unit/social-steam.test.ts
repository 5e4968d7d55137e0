// "Sign in with Steam" as a consumer provider flow (docs 06 STEAM_OPENID),
// against the Steam stand-in's OpenID 2.0 provider: the state rides in
// return_to, the SteamID64 is the subject (no email), and each way the round
// trip can fail becomes the upstream vocabulary the page's notices speak.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { systemClock } from "@/lib/clock";
import { parseConfig, type Config } from "@/lib/config";
import { PROVIDER_FLOWS } from "@/lib/social/provider-flows";
import { askUpstream } from "@/lib/via/upstream-sign-in";
import { startSteamPeer, type SteamPeer } from "../fixtures/steam-peer";
import { newSteamId, signInToSteamAs } from "../support/steam";
import { tempDir } from "../support/temp-dir";

const REDIRECT_URI = "http://localhost:3999/via/oauth/steam/callback";
let peer: SteamPeer;
let config: Config;

before(async () => {
  peer = await startSteamPeer();
  config = parseConfig({ SUDOMIMUS_DATA_DIR: tempDir("sudomimus-steam"), STEAM_OPENID_URL: peer.openIdUrl });
});
after(() => peer.close());

/** The browser's trip to Steam and back: where Steam redirects to. */
async function roundTrip(state: string): Promise<URL> {
  const begun = await PROVIDER_FLOWS.steam.begin({ config, fetch, clock: systemClock }, { redirectUri: REDIRECT_URI, state, gitHubOrgs: false });
  assert.equal(begun.nonce, null);
  const redirect = await fetch(begun.url, { redirect: "manual" });
  return new URL(redirect.headers.get("location")!);
}

const identityOf = (callbackUrl: URL, state: string) =>
  askUpstream(() =>
    PROVIDER_FLOWS.steam.identity({ config, fetch, clock: systemClock }, callbackUrl, { state, nonce: null, codeVerifier: "", redirectUri: REDIRECT_URI, gitHubOrgs: false }),
  );

describe("Steam's answers", () => {
  it("carries the state in return_to and vouches for the SteamID64 only", async () => {
    const steamId = newSteamId();
    await signInToSteamAs(steamId, peer.baseUrl);
    const back = await roundTrip("a".repeat(64));
    assert.equal(back.searchParams.get("state"), "a".repeat(64));
    assert.deepEqual(await identityOf(back, "a".repeat(64)), {
      ok: true,
      value: { subject: steamId, steamId64: steamId, email: null, emailVerified: false, firstName: null, lastName: null },
    });
  });

  it("is 'cancelled' after a cancel at Steam, 'failed' for another round trip's state or a replay, 'unavailable' when Steam is down", async () => {
    await signInToSteamAs(null, peer.baseUrl);
    assert.deepEqual(await identityOf(await roundTrip("b".repeat(64)), "b".repeat(64)), { ok: false, notice: "cancelled" });

    await signInToSteamAs(newSteamId(), peer.baseUrl);
    const back = await roundTrip("c".repeat(64));
    assert.deepEqual(await identityOf(back, "d".repeat(64)), { ok: false, notice: "failed" }, "return_to must name this round trip");
    assert.equal((await identityOf(back, "c".repeat(64))).ok, true);
    assert.deepEqual(await identityOf(back, "c".repeat(64)), { ok: false, notice: "failed" }, "Steam confirms an assertion once");

    const again = await roundTrip("e".repeat(64));
    await peer.close();
    assert.deepEqual(await identityOf(again, "e".repeat(64)), { ok: false, notice: "unavailable" });
  });
});
